import { Certificate, EXTENDED_KEY_USAGES, PkiFormatError, PkiVerificationError, SignedCms } from '@certlab/pki-core';
import { CaErrors } from '../errors';
import type { RaVerdict } from '../policy/policy';

export interface RaCheckPorts {
  /** The issuing CA certificates this CA trusts as issuers of its identities. */
  readonly issuingCas: readonly Certificate[];
  /** The registered, non-revoked identity holding this exact certificate, if any. */
  findIdentityByCertificate(cert: Certificate): Promise<{ name: string; kind: string } | undefined>;
}

/**
 * Opens an RA-countersigned request: a CMS SignedData whose content is the PKCS#10 and whose
 * signer is an enrollment agent certificate from this CA with the Certificate Request Agent EKU
 * (AD CS: "This number of authorized signatures: 1", application policy Certificate Request
 * Agent). Unreadable bytes are a 400; a signature that fails is a verdict policy turns into a denial.
 */
export async function openSignedRequest(der: Uint8Array, ports: RaCheckPorts): Promise<{ csrDer: Uint8Array; verdict: RaVerdict }> {
  let cms: SignedCms;
  try {
    cms = SignedCms.parse(der);
  } catch (err) {
    throw CaErrors.malformedSignedRequest(err instanceof PkiFormatError ? err.message : 'unreadable', { cause: err });
  }
  if (!cms.eContent) throw CaErrors.malformedSignedRequest('the SignedData carries no content');
  const csrDer = cms.eContent;
  if (cms.signers.length !== 1) return { csrDer, verdict: { kind: 'invalid', detail: `expected 1 authorized signature, found ${cms.signers.length}` } };
  let signerDer: Uint8Array;
  try {
    [signerDer] = await cms.verify();
  } catch (err) {
    const why = err instanceof PkiVerificationError ? err.reason : 'the signature could not be checked';
    return { csrDer, verdict: { kind: 'invalid', detail: `the enrollment agent signature does not verify: ${why}` } };
  }
  const signer = Certificate.parse(signerDer);
  let issuedHere = false;
  for (const ca of ports.issuingCas) {
    if (await signer.verifySignature(ca)) issuedHere = true;
  }
  if (!issuedHere) return { csrDer, verdict: { kind: 'invalid', detail: `the signer "${signer.subject}" was not issued by this CA` } };
  if (!signer.isValidAt()) return { csrDer, verdict: { kind: 'invalid', detail: `the signer certificate "${signer.subject}" is outside its validity` } };
  if (!signer.extendedKeyUsage?.includes(EXTENDED_KEY_USAGES.certificateRequestAgent)) {
    return { csrDer, verdict: { kind: 'invalid', detail: `the signer "${signer.subject}" lacks the Certificate Request Agent application policy` } };
  }
  const identity = await ports.findIdentityByCertificate(signer);
  if (!identity || identity.kind !== 'enrollmentAgent') {
    return { csrDer, verdict: { kind: 'invalid', detail: `the signer "${signer.subject}" is not a registered, unrevoked enrollment agent` } };
  }
  return { csrDer, verdict: { kind: 'valid', signer: identity.name } };
}
