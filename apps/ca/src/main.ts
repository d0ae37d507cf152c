import { exitOnStartupFailure } from '@certlab/service-kit';
import { Logger } from '@nestjs/common';
import { loadCaConfig, SERVICE_NAME } from './config';
import { startCa } from './start';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

async function main(): Promise<void> {
  const config = loadCaConfig();
  const ca = await startCa(config, version);
  const logger = new Logger(SERVICE_NAME);
  logger.log(`${SERVICE_NAME} listening on ${ca.httpUrl} (CRL, AIA, OCSP) and ${ca.tlsUrl} (request API, client certificates)`);
  // The HTTPS listener is not Nest's: close it too on SIGTERM/SIGINT.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void ca.close().then(() => process.exit(0)));
}

main().catch(exitOnStartupFailure(SERVICE_NAME));
