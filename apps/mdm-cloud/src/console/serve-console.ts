import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built console at `/`. Paths outside `/api` that are not files get `index.html`,
 * so a reload on `/devices` shows the console's own route. Hashed assets are cached for a
 * year; `index.html` never, so a new build shows at once.
 */
export function serveConsole(app: NestExpressApplication, consoleDir: string): void {
  const index = join(consoleDir, 'index.html');
  if (!existsSync(index)) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/api') || req.method !== 'GET') return next();
      res.status(503).type('text/plain').send(`The console is not built (${index} is missing). Run \`npm run build\` at the repository root.\n`);
    });
    return;
  }
  app.use('/assets', express.static(join(consoleDir, 'assets'), { immutable: true, maxAge: '365d' }));
  app.use(express.static(consoleDir, { index: false, maxAge: 0 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api') || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (req.path.startsWith('/assets/')) return void res.status(404).type('text/plain').send('Not found\n');
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(index);
  });
}
