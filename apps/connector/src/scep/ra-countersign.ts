import { type CmsSignatureKey, signCms } from '@certlab/pki-core';
import type { CsrSignRequest, CsrSigner, SignOutcome } from './csr-signer';

/**
 * Seed SCEP step 4: NDES countersigns the device's PKCS#10 with its enrollment-agent certificate
 * (a CMS SignedData whose content is the PKCS#10), the one authorized signature the SCEP
 * templates require. Polls pass through: the CA already holds the request.
 */
export function withRaCountersign(ra: { certificate: Uint8Array; key: CmsSignatureKey }, next: CsrSigner): CsrSigner {
  return {
    async signCsr(request: CsrSignRequest): Promise<SignOutcome> {
      if (request.mode === 'poll') return next.signCsr(request);
      if (!request.csr) throw new Error('a submit carries its PKCS#10');
      const signedRequest = await signCms({ content: request.csr.der, signers: [{ certificate: ra.certificate, key: ra.key, hash: 'SHA-256' }] });
      return next.signCsr({ ...request, signedRequest });
    },
  };
}
