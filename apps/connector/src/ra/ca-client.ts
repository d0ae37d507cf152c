import { type CaIdentityEnrollResponse, type CaRequest, caIdentityEnrollResponseSchema, caRequestSchema } from '@certlab/contracts';
import type { z } from 'zod';
import { caCall, type MtlsCredentials } from '../ca-identity/ca-http';

/** PEM; the RA signing key, opened from the key store for this process only, and the CA chain. */
export type CaTlsCredentials = MtlsCredentials;

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
    if (url.protocol === 'https:' && !this.tls) return Promise.reject(new Error('the RA has no certificate for the CA request API yet'));
    return caCall(url, method, body, schema, this.tls);
  }
}
