import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CLOUD_CONFIG, type CloudConfig, SERVICE_NAME } from '../config';
import { ConnectorsService } from './connectors.service';

/** Where `npm start` finds the local connector's token, relative to CERTLAB_DATA_DIR. */
export const LOCAL_CONNECTOR_TOKEN_FILE = `${SERVICE_NAME}/local-connector-registration.token`;

/**
 * `npm start` must work with no manual step, yet the connector may only register with a one-time
 * token. So while no connector has ever registered, the cloud keeps one usable token for the
 * local connector in a 0600 file in its own data directory — what an administrator would paste
 * into the connector's installer. Once any connector exists nothing is written.
 */
@Injectable()
export class LocalConnectorToken implements OnApplicationBootstrap {
  private readonly log = new Logger('Connectors');

  constructor(
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
    private readonly connectors: ConnectorsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.connectors.count()) > 0) return;
    const file = resolve(this.config.CERTLAB_DATA_DIR, LOCAL_CONNECTOR_TOKEN_FILE);
    if (existsSync(file) && (await this.connectors.isTokenActive(readFileSync(file, 'utf8').trim()))) return;
    const created = await this.connectors.createToken('Local connector', 7 * 24 * 60, 'system');
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${created.token}\n`, { mode: 0o600 });
    this.log.log(`wrote a one-time registration token for the local connector to ${file}`);
  }
}
