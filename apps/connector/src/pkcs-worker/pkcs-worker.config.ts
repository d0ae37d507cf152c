import { z } from 'zod';

const pkcsWorkerEnv = z.object({
  /** Set to false to run a connector that serves SCEP only. */
  PKCS_WORKER_ENABLED: z.enum(['true', 'false']).default('true'),
  /** The CA's plain HTTP port, where the computer identity enrolls with its token. */
  CA_URL: z.string().url().default('http://127.0.0.1:3200'),
  /** The `connector` identity token the CA writes on first start (relative paths are under CERTLAB_DATA_DIR). */
  CA_ENROLLMENT_TOKEN_FILE_CONNECTOR: z.string().default('ca/enrollment-tokens/connector.token'),
  /** Where the computer identity lives; connectors sharing the computer account share it. Default <data>/connector/ca-identity. */
  PKCS_CA_IDENTITY_DIR: z.string().optional(),
  /** How long one lease call waits for a request (long poll). */
  PKCS_LEASE_WAIT_SECONDS: z.coerce.number().int().min(0).max(30).default(10),
  /**
   * A pause before each CA call and before the upload, to model a slow connector and to let a
   * test or a demo kill a connector mid-request. 0 in production.
   */
  PKCS_STEP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export type PkcsWorkerConfig = z.infer<typeof pkcsWorkerEnv>;
export const PKCS_WORKER_CONFIG = Symbol('PKCS_WORKER_CONFIG');

export function loadPkcsWorkerConfig(env: NodeJS.ProcessEnv = process.env): PkcsWorkerConfig {
  const parsed = pkcsWorkerEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid PKCS worker configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
