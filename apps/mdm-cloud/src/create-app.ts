import { createServiceApp } from '@certlab/service-kit';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { CloudModule } from './app.module';
import { type CloudConfig, SERVICE_NAME } from './config';
import { serveConsole } from './console/serve-console';
import { serveOpenApi } from './scep-validation/openapi';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

/** The cloud's admin API and console, configured but not listening (tests listen on port 0). */
export function createCloudApp(config: CloudConfig): Promise<NestExpressApplication> {
  return createServiceApp(CloudModule.forRoot(config, version), {
    name: SERVICE_NAME,
    bodyLimit: config.BODY_LIMIT,
    configure: (app: NestExpressApplication) => {
      app.use(cookieParser());
      serveOpenApi(app, version);
      serveConsole(app, config.CONSOLE_DIR);
    },
  });
}
