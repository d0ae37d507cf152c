import 'reflect-metadata';
import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { bodyParsers } from './http/body-parsers';

type RootModule = Parameters<typeof NestFactory.create>[0];

export interface StartOptions {
  name: string;
  port: number;
  host: string;
  bodyLimit: string;
  /** Called before listening: extra middleware, static files, more listeners. */
  configure?: (app: NestExpressApplication) => void | Promise<void>;
}

/**
 * Creates and configures a service's Nest application without listening; tests use this with
 * port 0. Every route is under `/api`; body size is capped before any handler runs.
 */
export async function createServiceApp(rootModule: RootModule, options: Omit<StartOptions, 'port' | 'host'>): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.disable('x-powered-by');
  for (const parser of bodyParsers(options.bodyLimit)) app.use(parser);
  app.enableShutdownHooks();
  await options.configure?.(app);
  return app;
}

/** Starts a service and stops it cleanly on SIGTERM/SIGINT: in-flight requests finish, the database closes. */
export async function startService(rootModule: RootModule, options: StartOptions): Promise<INestApplication> {
  const app = await createServiceApp(rootModule, options);
  await app.listen(options.port, options.host);
  new NestLogger(options.name).log(`${options.name} listening on http://${options.host}:${options.port}`);
  return app;
}

/** Turns a start-up failure into one readable line and exit code 1, for the supervisor to report. */
export function exitOnStartupFailure(name: string) {
  return (err: unknown) => {
    process.stderr.write(`${name}: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  };
}
