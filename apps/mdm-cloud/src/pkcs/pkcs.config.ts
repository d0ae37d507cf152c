import { z } from 'zod';

export const PKCS_CONFIG = Symbol('PKCS_CONFIG');

const pkcsEnv = z.object({
  /** How long a connector holds a leased PKCS request before it returns to the queue. */
  PKCS_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(300),
});

export interface PkcsConfig {
  leaseSeconds: number;
}

/** Read once at start; a bad value stops the cloud with the variable's name. */
export function loadPkcsConfig(env: NodeJS.ProcessEnv = process.env): PkcsConfig {
  const parsed = pkcsEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid PKCS configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { leaseSeconds: parsed.data.PKCS_LEASE_SECONDS };
}
