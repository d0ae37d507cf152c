import { z } from 'zod';

/**
 * Reads a service's configuration from environment variables through a zod schema, once, at
 * start-up (STYLE habit 8). A bad value stops the service with a message naming each variable
 * and what is wrong with it, rather than failing later on first use.
 */
export function loadConfig<S extends z.ZodType>(service: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(`${service}: invalid configuration\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A TCP port from an environment variable, with a default. */
export const portVar = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Optional string variable where an empty value means "unset" (as `FOO= npm start` gives). */
export const optionalVar = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** The settings every certlab service shares. Each app extends this with its own. */
export const baseServiceEnv = z.object({
  DATABASE_URL: optionalVar(),
  CERTLAB_DATA_DIR: z.string().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  /** Largest request body any endpoint accepts; larger ones get 413 before any handler runs. */
  BODY_LIMIT: z.string().default('1mb'),
});
