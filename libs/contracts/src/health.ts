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
