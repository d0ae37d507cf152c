import type { ScepFailInfoName } from '@certlab/contracts';
import type { CertificateRequest } from '@certlab/pki-core';

/**
 * The connector's request path: one interface, wrapped by small steps composed in one factory
 * (STYLE habit 7, micromdm's signer chain): transaction store → challenge policy → RA
 * countersign → CA submit. A CertPoll walks the same chain with `mode: 'poll'`.
 */
export interface CsrSignRequest {
  readonly mode: 'submit' | 'poll';
  readonly transactionId: string;
  /** The PKCS#10 the device sent; a CertPoll carries none until the transaction store fills it in. */
  readonly csr?: CertificateRequest;
  /** Device named by the request's IntuneDeviceId SAN, for logs only. */
  readonly deviceId?: string;
  /** Set by the policy step from the cloud's answer. */
  readonly certificateType?: 'user' | 'device';
  /** Set by the RA step: the CMS SignedData the CA receives. */
  readonly signedRequest?: Uint8Array;
  /** On a poll: the CA request the submit left pending. */
  readonly caRequestId?: number;
  readonly template?: string;
}

export type SignOutcome =
  | { readonly kind: 'issued'; readonly certificate: Uint8Array; readonly caRequestId: number; readonly template: string }
  | { readonly kind: 'pending'; readonly caRequestId: number; readonly template: string }
  /**
   * A refusal the client reads in CertRep FAILURE. `transient` ones (cloud or CA unreachable)
   * are not remembered, so the client's retry is tried afresh.
   */
  | { readonly kind: 'refused'; readonly failInfo: ScepFailInfoName; readonly text: string; readonly transient?: boolean; readonly caRequestId?: number };

export interface CsrSigner {
  signCsr(request: CsrSignRequest): Promise<SignOutcome>;
}

/** Intune puts `IntuneDeviceId://<id>` in the SANs of device certificates. */
export function deviceIdOf(csr: CertificateRequest): string | undefined {
  for (const san of csr.subjectAltNames) {
    const m = san.type === 'uri' ? /^IntuneDeviceId:\/\/(.+)$/i.exec(san.value) : null;
    if (m) return m[1];
  }
  return undefined;
}
