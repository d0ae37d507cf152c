import { type CaIdentityEnrollResponse, type CaRequest, type Problem, caIdentityEnrollResponseSchema, caRequestSchema } from '@certlab/contracts';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { z } from 'zod';

/** A refusal from the CA with its problem+json. */
export class CaRefusal extends Error {
  override readonly name = 'CaRefusal';
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(`CA answered ${status} ${problem.title ?? ''}${problem.detail ? `: ${problem.detail}` : ''}`);
  }
}

export interface CaTlsCredentials {
  /** PEM; the RA signing key, opened from the key store for this process only. */
  key: string;
  cert: string;
  /** The CA certificates the request API's TLS certificate must chain to. */
  ca: string[];
}

/**
 * The connector's calls to the CA: identity enrollment by token on the plain port, and the
 * request API over mTLS as the ndes-ra identity (NDES submitting on behalf of devices).
 */
export class CaClient {
  private tls?: CaTlsCredentials;

  constructor(
    private readonly httpUrl: string,
    private readonly tlsUrl: string,
  ) {}

  useTls(credentials: CaTlsCredentials): void {
    this.tls = credentials;
  }

  enroll(token: string, csrDer: Uint8Array): Promise<CaIdentityEnrollResponse> {
    return this.call(new URL('/api/identities/enroll', this.httpUrl), 'POST', { token, csr: Buffer.from(csrDer).toString('base64') }, caIdentityEnrollResponseSchema);
  }

  /** Submits a PKCS#10 countersigned by the RA (CMS SignedData, DER). */
  submitSigned(template: string, signedRequest: Uint8Array): Promise<CaRequest> {
    return this.call(new URL('/api/requests', this.tlsUrl), 'POST', { template, signedRequest: Buffer.from(signedRequest).toString('base64') }, caRequestSchema);
  }

  /** The request's state (certreq -retrieve): how CertPoll learns that a pending request was issued. */
  status(requestId: number): Promise<CaRequest> {
    return this.call(new URL(`/api/requests/${requestId}`, this.tlsUrl), 'GET', undefined, caRequestSchema);
  }

  private call<S extends z.ZodType>(url: URL, method: 'GET' | 'POST', body: unknown, schema: S): Promise<z.infer<S>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const secure = url.protocol === 'https:';
    if (secure && !this.tls) return Promise.reject(new Error('the RA has no certificate for the CA request API yet'));
    const options = {
      method,
      hostname: url.hostname,
      port: url.port,
      path: url.pathname,
      headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json' } : {}) },
      timeout: 30_000,
      agent: false as const,
      ...(secure ? { key: this.tls!.key, cert: this.tls!.cert, ca: this.tls!.ca, rejectUnauthorized: true } : {}),
    };
    return new Promise((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(options, (res) => {
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
          if (status < 200 || status >= 300) return reject(new CaRefusal(status, json as Partial<Problem>));
          const parsed = schema.safeParse(json);
          if (!parsed.success) return reject(new Error(`unexpected answer from the CA at ${url.pathname}: ${parsed.error.message}`));
          resolve(parsed.data);
        });
      });
      req.on('timeout', () => req.destroy(new Error('the CA did not answer within 30 s')));
      req.on('error', reject);
      req.end(payload);
    });
  }
}
