import { exitOnStartupFailure } from '@certlab/service-kit';
import { Logger } from '@nestjs/common';
import { loadCloudConfig, SERVICE_NAME } from './config';
import { createCloudApp } from './create-app';

async function main(): Promise<void> {
  const config = loadCloudConfig();
  const app = await createCloudApp(config);
  await app.listen(config.PORT, config.HOST);
  new Logger(SERVICE_NAME).log(`admin API and console on http://${config.HOST}:${config.PORT}`);
}

main().catch(exitOnStartupFailure(SERVICE_NAME));
