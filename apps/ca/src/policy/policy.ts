import type { KeyDescription } from '@certlab/pki-core';

/**
 * The CA's decision on one request, as a chain of small checks run in a fixed order (STYLE
 * habit 7): permission → proof of possession → key size → subject rule → RA signature →
 * approval. The first check with an opinion decides; a refusal names the rule that refused.
 */

/** Why a request is denied (or pended): the wire code and the words an admin reads. */
export const POLICY_REASONS = {
  enrollPermissionDenied: 'the template does not grant this identity Enroll',
  csrSignatureInvalid: 'the PKCS#10 is not signed by the key it carries (no proof of possession)',
  keyTooSmall: 'the key is smaller than the template minimum',
  keyTypeNotAllowed: 'the key type is not one this CA issues for',
  subjectNotAllowed: 'the template builds the subject from the directory and forbids one in the request',
  raSignatureRequired: 'the template needs one authorized signature by an enrollment agent (Certificate Request Agent)',
  raSignatureInvalid: 'the enrollment agent signature does not verify or its signer is not an enrollment agent of this CA',
  pendingApproval: 'the template requires CA manager approval',
} as const;
export type PolicyReasonCode = keyof typeof POLICY_REASONS;

export interface TemplatePolicy {
  readonly name: string;
  readonly minimumRsaKeyBits: number;
  readonly subjectSource: 'request' | 'directory';
  readonly requiresRaSignature: boolean;
  readonly requiresApproval: boolean;
  readonly enroll: readonly string[];
}

/** What the RA countersignature check found, before policy runs. */
export type RaVerdict = { readonly kind: 'absent' } | { readonly kind: 'valid'; readonly signer: string } | { readonly kind: 'invalid'; readonly detail: string };

export interface PolicyInput {
  readonly requester: string;
  readonly template: TemplatePolicy;
  readonly csr: { readonly subject: string; readonly publicKey: KeyDescription; readonly signatureValid: boolean };
  /** The subject the CA would build for a directory template (the requester's own). */
  readonly directorySubject: string;
  readonly ra: RaVerdict;
}

export type Decision =
  | { readonly outcome: 'issue' }
  | { readonly outcome: 'pend' | 'deny'; readonly code: PolicyReasonCode; readonly reason: string };

type Check = (input: PolicyInput) => Decision | undefined;

const deny = (code: PolicyReasonCode, detail: string): Decision => ({ outcome: 'deny', code, reason: `${code}: ${detail}` });

export const enrollPermission: Check = ({ requester, template }) =>
  template.enroll.includes(requester) ? undefined : deny('enrollPermissionDenied', `identity "${requester}" may not enroll on template "${template.name}"`);

export const proofOfPossession: Check = ({ csr }) => (csr.signatureValid ? undefined : deny('csrSignatureInvalid', POLICY_REASONS.csrSignatureInvalid));

export const keySize: Check = ({ csr, template }) => {
  const key = csr.publicKey;
  if (key.kind === 'rsa') {
    return key.bits >= template.minimumRsaKeyBits
      ? undefined
      : deny('keyTooSmall', `RSA ${key.bits} is below the minimum of ${template.minimumRsaKeyBits} bits of template "${template.name}"`);
  }
  if (key.kind === 'ec' && (key.curve === 'P-256' || key.curve === 'P-384')) return undefined;
  return deny('keyTypeNotAllowed', `${key.kind === 'ec' ? `ECDSA ${key.curve}` : `key ${key.algorithmOid}`} is not RSA or ECDSA P-256/P-384`);
};

export const subjectRule: Check = ({ csr, template, directorySubject }) =>
  template.subjectSource === 'directory' && csr.subject !== '' && csr.subject !== directorySubject
    ? deny('subjectNotAllowed', `template "${template.name}" builds the subject from the directory; the request asked for "${csr.subject}"`)
    : undefined;

export const raSignature: Check = ({ template, ra }) => {
  if (ra.kind === 'invalid') return deny('raSignatureInvalid', ra.detail);
  if (template.requiresRaSignature && ra.kind !== 'valid') {
    return deny('raSignatureRequired', `template "${template.name}" needs 1 authorized signature with the Certificate Request Agent policy; the request has none`);
  }
  return undefined;
};

export const approval: Check = ({ template }) =>
  template.requiresApproval ? { outcome: 'pend', code: 'pendingApproval', reason: `pendingApproval: template "${template.name}" requires CA manager approval` } : undefined;

/** The order the checks run in, in one place. */
export const POLICY_CHAIN: readonly Check[] = [enrollPermission, proofOfPossession, keySize, subjectRule, raSignature, approval];

export function decide(input: PolicyInput, chain: readonly Check[] = POLICY_CHAIN): Decision {
  for (const check of chain) {
    const decision = check(input);
    if (decision) return decision;
  }
  return { outcome: 'issue' };
}
