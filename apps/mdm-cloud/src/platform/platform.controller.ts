import { type HealthResponse, healthResponseSchema, type PlatformHealth } from '@certlab/contracts';
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
    return { services: await Promise.all(targets.map((t) => probe(t.name, t.url))) };
  }
}

async function probe(name: string, url: string): Promise<PlatformHealth['services'][number]> {
  try {
    const res = await fetch(new URL('/api/health', url), { signal: AbortSignal.timeout(3000) });
    const parsed = healthResponseSchema.safeParse(await res.json());
    if (!parsed.success) return { name, url, reachable: true, error: 'answered, but not with a certlab health report' };
    const health: HealthResponse = parsed.data;
    return { name, url, reachable: true, health };
  } catch (err) {
    // fetch reports "fetch failed"; the useful reason (ECONNREFUSED, a timeout) is its cause.
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    return { name, url, reachable: false, error: cause instanceof Error ? cause.message : 'unreachable' };
  }
}
