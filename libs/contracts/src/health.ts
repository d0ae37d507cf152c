import { z } from 'zod';

/** GET /api/health of every service. `status` is `ok` only when every dependency is up. */
export const healthResponseSchema = z.object({
  service: z.string(),
  version: z.string(),
  status: z.enum(['ok', 'degraded']),
  uptimeSeconds: z.number(),
  database: z.object({
    status: z.enum(['up', 'down']),
    driver: z.enum(['postgres', 'pglite']),
    latencyMs: z.number().optional(),
    error: z.string().optional(),
  }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** GET /api/platform/health on the cloud: every service as the cloud sees it, for the console. */
export const platformHealthSchema = z.object({
  services: z.array(
    z.object({
      name: z.string(),
      url: z.string(),
      reachable: z.boolean(),
      health: healthResponseSchema.optional(),
      error: z.string().optional(),
    }),
  ),
});
export type PlatformHealth = z.infer<typeof platformHealthSchema>;

export type ServiceProbe = PlatformHealth['services'][number];

/**
 * Asks one service for its health report. Never throws: an unreachable service or a foreign
 * answer becomes `reachable: false` or an `error`, with the useful reason (fetch itself only
 * says "fetch failed"; ECONNREFUSED or the timeout is its cause).
 */
export async function probeHealth(name: string, url: string, timeoutMs = 3000): Promise<ServiceProbe> {
  try {
    const res = await fetch(new URL('/api/health', url), { signal: AbortSignal.timeout(timeoutMs) });
    const parsed = healthResponseSchema.safeParse(await res.json().catch(() => undefined));
    return parsed.success ? { name, url, reachable: true, health: parsed.data } : { name, url, reachable: true, error: 'answered, but not with a certlab health report' };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    return { name, url, reachable: false, error: cause instanceof Error ? cause.message : 'unreachable' };
  }
}
