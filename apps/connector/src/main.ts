import { exitOnStartupFailure, startService } from '@certlab/service-kit';
import { ConnectorModule } from './app.module';
import { loadConnectorConfig, SERVICE_NAME } from './config';
import { mountScep } from './scep/http';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

async function main(): Promise<void> {
  const config = loadConnectorConfig();
  await startService(ConnectorModule.forRoot(config, version), {
    name: SERVICE_NAME,
    port: config.PORT,
    host: config.HOST,
    bodyLimit: config.BODY_LIMIT,
    configure: (app) => mountScep(app, config.SCEP_MAX_MESSAGE_BYTES),
  });
}

main().catch(exitOnStartupFailure(SERVICE_NAME));
