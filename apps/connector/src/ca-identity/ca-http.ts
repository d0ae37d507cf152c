import type { Problem } from '@certlab/contracts';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { z } from 'zod';

/** The CA refused, with its problem+json. */
export class CaRefused extends Error {
  override readonly name = 'CaRefused';
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ? `${problem.title ?? `HTTP ${status}`}: ${problem.detail}` : (problem.title ?? `HTTP ${status}`));
  }
}

/** The CA could not be reached at all (down, wrong host, TLS failure). */
export class CaUnreachable extends Error {
  override readonly name = 'CaUnreachable';
}

export interface MtlsCredentials {
  key: string;
  cert: string;
  ca: string[];
}

/** One JSON call to a CA, plain or mTLS, validated against its contract schema. */
export function caCall<S extends z.ZodType>(url: URL, method: 'GET' | 'POST', body: unknown, schema: S, tls?: MtlsCredentials): Promise<z.infer<S>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      {
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json' } : {}) },
        timeout: 30_000,
        agent: false,
        ...(secure && tls ? { key: tls.key, cert: tls.cert, ca: tls.ca, rejectUnauthorized: true } : {}),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('error', reject);
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = { title: text.slice(0, 200) };
          }
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) return reject(new CaRefused(status, json as Partial<Problem>));
          const parsed = schema.safeParse(json);
          if (!parsed.success) return reject(new Error(`unexpected answer from the CA at ${url.pathname}: ${parsed.error.message}`));
          resolve(parsed.data);
        });
      },
    );
    req.on('timeout', () => req.destroy(new CaUnreachable(`the CA at ${url.host} did not answer within 30 s`)));
    req.on('error', (err) => reject(err instanceof CaUnreachable ? err : new CaUnreachable(`the CA at ${url.host} cannot be reached (${err.message})`)));
    req.end(payload);
  });
}
