import { CA_ACTOR_HEADER, problemSchema } from '@certlab/contracts';
import { AppError } from '@certlab/service-kit';
import { request } from 'node:https';
import type { z } from 'zod';
import type { CaAdminIdentity } from './ca-admin-identity';

/** The CA's 401 codes that mean "this client certificate is not a current identity". */
const IDENTITY_REFUSALS = new Set(['unknownIdentity', 'identityRevoked', 'clientCertificateRequired']);
/** Node's TLS codes for "the server's certificate does not chain to the pinned root": a CA with a new hierarchy. */
const UNTRUSTED_SERVER = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_SIGNATURE_FAILURE', 'DEPTH_ZERO_SELF_SIGNED_CERT']);

/**
 * The CA's admin API over mTLS as the cloud-ca-admin identity, naming the console user in
 * x-certlab-actor. CA refusals pass through with their code and detail; a CA that cannot be
 * reached is a 502.
 */
export class CaAdminClient {
  constructor(
    private readonly identity: CaAdminIdentity,
    private readonly baseUrl: string,
  ) {}

  async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, actor: string, body?: unknown): Promise<z.infer<S>> {
    const creds = await this.identity.get();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        new URL(path, this.baseUrl),
        {
          method,
          key: creds.key,
          cert: creds.cert,
          ca: creds.ca,
          headers: { accept: 'application/json', [CA_ACTOR_HEADER]: actor, ...(payload ? { 'content-type': 'application/json' } : {}) },
          timeout: 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(payload);
    }).catch((err: unknown) => {
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && UNTRUSTED_SERVER.has(code)) throw this.identityRejected(`a TLS certificate that does not chain to the root the cloud enrolled under (${code})`);
      throw new AppError('caUnavailable', 502, 'The CA cannot be reached', `${this.baseUrl}: ${err instanceof Error ? err.message : String(err)}`, { cause: err, exposeDetail: true });
    });
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new AppError('caInvalidResponse', 502, 'The CA answered outside its contract', `HTTP ${status}, not JSON`);
    }
    if (status >= 400) {
      const problem = problemSchema.safeParse(json);
      if (status === 401 && problem.success && IDENTITY_REFUSALS.has(problem.data.code ?? '')) throw this.identityRejected(`${problem.data.code}: ${problem.data.title}`);
      if (problem.success && problem.data.code) throw new AppError(problem.data.code, status >= 500 ? 502 : status, problem.data.title, problem.data.detail);
      throw new AppError('caUnavailable', 502, 'The CA answered with an error', `HTTP ${status}`, { exposeDetail: true });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AppError('caInvalidResponse', 502, 'The CA answered outside its contract', parsed.error.issues[0]?.message);
    return parsed.data;
  }

  /**
   * The CA no longer accepts the relay's certificate: almost always its data was reset (a new
   * hierarchy, no cloud-ca-admin enrollment), or an admin revoked the relay's certificate. The
   * cached credentials are dropped so that, once the operator has cleared the key store, the
   * next call enrolls again without restarting the cloud.
   */
  private identityRejected(what: string): AppError {
    this.identity.forget();
    const { keyDir, tokenFile } = this.identity.paths;
    return new AppError(
      'caRelayIdentityRejected',
      503,
      "The CA does not accept the cloud's identity",
      `The CA answered with ${what}. The cloud-ca-admin certificate in ${keyDir} is unknown to it or revoked, usually because the CA's data was reset. ` +
        `To re-enroll: delete ${keyDir} and put a fresh cloud-ca-admin token at ${tokenFile} (a reset CA writes one on its first start; otherwise mint one at the CA with POST /api/identities/cloud-ca-admin/tokens); the next console call enrolls again.`,
      { exposeDetail: true },
    );
  }

  /** Plain-HTTP publications (AIA certificate, CRL), for the console's download links. */
  async publication(caUrl: string, path: string): Promise<Buffer> {
    let res: Response;
    try {
      res = await fetch(new URL(path, caUrl), { signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new AppError('caUnavailable', 502, 'The CA cannot be reached', `${caUrl}: ${err instanceof Error ? err.message : String(err)}`, { cause: err, exposeDetail: true });
    }
    if (!res.ok) throw new AppError('caPublicationNotFound', 404, 'The CA does not publish that file', path);
    return Buffer.from(await res.arrayBuffer());
  }
}
