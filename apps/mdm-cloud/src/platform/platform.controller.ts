import { type PlatformHealth, probeHealth } from '@certlab/contracts';
import { Controller, Get, Inject } from '@nestjs/common';
import { CLOUD_CONFIG, type CloudConfig, SERVICE_NAME } from '../config';

/** `GET /api/platform/health`: every certlab service as the cloud sees it, for the console's home page. */
@Controller('platform')
export class PlatformController {
  constructor(@Inject(CLOUD_CONFIG) private readonly config: CloudConfig) {}

  @Get('health')
  async health(): Promise<PlatformHealth> {
    const self = `http://${this.config.HOST}:${this.config.PORT}`;
    const targets = [
      { name: SERVICE_NAME, url: self },
      { name: 'connector', url: this.config.CONNECTOR_URL },
      { name: 'ca', url: this.config.CA_URL },
    ];
    return { services: await Promise.all(targets.map((t) => probeHealth(t.name, t.url))) };
  }
}
