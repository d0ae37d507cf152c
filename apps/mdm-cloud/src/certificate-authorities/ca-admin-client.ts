import { CA_ACTOR_HEADER, problemSchema } from '@certlab/contracts';
import { AppError } from '@certlab/service-kit';
import { request } from 'node:https';
import type { z } from 'zod';
import type { CaAdminIdentity } from './ca-admin-identity';

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
      throw new AppError('caUnavailable', 502, 'The CA cannot be reached', `${this.baseUrl}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    });
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (status >= 400) {
      const problem = problemSchema.safeParse(json);
      if (problem.success && problem.data.code) throw new AppError(problem.data.code, status >= 500 ? 502 : status, problem.data.title, problem.data.detail);
      throw new AppError('caUnavailable', 502, 'The CA answered with an error', `HTTP ${status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AppError('caInvalidResponse', 502, 'The CA answered outside its contract', parsed.error.issues[0]?.message);
    return parsed.data;
  }

  /** Plain-HTTP publications (AIA certificate, CRL), for the console's download links. */
  async publication(caUrl: string, path: string): Promise<Buffer> {
    let res: Response;
    try {
      res = await fetch(new URL(path, caUrl), { signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new AppError('caUnavailable', 502, 'The CA cannot be reached', `${caUrl}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (!res.ok) throw new AppError('caPublicationNotFound', 404, 'The CA does not publish that file', path);
    return Buffer.from(await res.arrayBuffer());
  }
}
