import type { ScepExpectedRequest, ScepValidationResultCode } from '@certlab/contracts';
import { type CertificateRequest, type RenderedSan, compareSans, compareSubjects } from '@certlab/pki-core';

/**
 * What the cloud checks when a policy module asks it to validate a request (seed SCEP step 3),
 * as a chain of small checks in a fixed order: the challenge's life first (used, expired), then
 * whom it was issued to (device, targeting), then the request against what was rendered
 * (signature, subject, SANs, key, key usage, EKU). The first check with an opinion decides.
 */

export interface ChallengeView {
  readonly deviceId: string;
  readonly expiresAt: Date;
  readonly expected: ScepExpectedRequest;
  /** Set when burnt: by which transaction and PKCS#10. */
  readonly used?: { readonly transactionId: string; readonly csrSha256: string };
}

export interface CheckInput {
  readonly challenge: ChallengeView;
  readonly csr: Pick<CertificateRequest, 'subject' | 'subjectNameDer' | 'subjectAltNames' | 'publicKey' | 'keyUsage' | 'extendedKeyUsage'>;
  readonly csrSignatureValid: boolean;
  readonly csrSha256: string;
  readonly transactionId: string;
  readonly targeted: boolean;
  readonly now: Date;
}

export interface CheckResult {
  readonly code: ScepValidationResultCode;
  readonly description: string;
}

type Check = (input: CheckInput) => CheckResult | undefined;
const refuse = (code: ScepValidationResultCode, description: string): CheckResult => ({ code, description });

/** Intune puts `IntuneDeviceId://<id>` in the SANs of device certificates. */
const DEVICE_ID_URI = /^IntuneDeviceId:\/\/(.+)$/i;

export const notUsed: Check = ({ challenge, transactionId, csrSha256 }) => {
  if (!challenge.used) return undefined;
  // A retransmission of the very request that burnt it (the connector lost its answer) is no reuse.
  if (challenge.used.transactionId === transactionId && challenge.used.csrSha256 === csrSha256) return undefined;
  return refuse('ChallengeAlreadyUsed', 'the challenge was already used by another request');
};

export const notExpired: Check = ({ challenge, now }) =>
  now.getTime() < challenge.expiresAt.getTime() ? undefined : refuse('ChallengeExpired', `the challenge expired at ${challenge.expiresAt.toISOString()}`);

export const sameDevice: Check = ({ challenge, csr }) => {
  for (const san of csr.subjectAltNames) {
    const m = san.type === 'uri' ? DEVICE_ID_URI.exec(san.value) : null;
    if (m && m[1].toLowerCase() !== challenge.deviceId.toLowerCase()) {
      return refuse('BadDeviceIdInChallenge', `the request names device ${m[1]} but the challenge was issued to another device`);
    }
  }
  return undefined;
};

export const stillTargeted: Check = ({ targeted }) =>
  targeted ? undefined : refuse('ScepProfileNoLongerTargetedToTheClient', 'the SCEP profile is no longer assigned to this device');

export const csrSignature: Check = ({ csrSignatureValid }) =>
  csrSignatureValid ? undefined : refuse('SignatureValidationFailed', 'the PKCS#10 is not signed by the key it carries');

export const subjectMatches: Check = ({ challenge, csr }) => {
  const expected = challenge.expected.subject.trim();
  if (expected !== '' && csr.subject === '') return refuse('SubjectNameMissing', `expected "${expected}", the request has no subject`);
  if (expected === '' && csr.subject === '') return undefined;
  const cmp = compareSubjects(expected, csr.subjectNameDer);
  if (cmp.equal) return undefined;
  return refuse('SubjectNameMismatch', `expected "${expected}", the request asks for "${csr.subject}"`);
};

export const sansMatch: Check = ({ challenge, csr }) => {
  const expected = challenge.expected.subjectAltNames as readonly RenderedSan[];
  const comparable: RenderedSan[] = [];
  for (const s of csr.subjectAltNames) {
    if (s.type === 'dns' || s.type === 'email' || s.type === 'uri' || s.type === 'upn') comparable.push({ type: s.type, value: s.value });
  }
  if (expected.length > 0 && csr.subjectAltNames.length === 0) {
    return refuse('SubjectAltNameMissing', `expected ${expected.map(sanText).join(', ')}; the request has none`);
  }
  const others = csr.subjectAltNames.length - comparable.length;
  const cmp = compareSans(expected, comparable);
  if (cmp.equal && others === 0) return undefined;
  const parts = [
    cmp.missing.length ? `missing ${cmp.missing.map(sanText).join(', ')}` : '',
    cmp.unexpected.length ? `not rendered ${cmp.unexpected.map(sanText).join(', ')}` : '',
    others ? `${others} name(s) of a type the profile never renders` : '',
  ].filter(Boolean);
  return refuse('SubjectAltNameMismatch', parts.join('; '));
};

export const keyMatches: Check = ({ challenge, csr }) => {
  const want = challenge.expected.key;
  const got = csr.publicKey;
  if (want.kind === 'rsa') {
    if (got.kind === 'rsa' && got.bits >= want.minimumBits) return undefined;
    return refuse('KeyLengthMismatch', `the profile requires RSA of at least ${want.minimumBits} bits; the request has ${keyText(got)}`);
  }
  if (got.kind === 'ec' && got.curve === want.curve) return undefined;
  return refuse('KeyLengthMismatch', `the profile requires ECDSA ${want.curve}; the request has ${keyText(got)}`);
};

export const keyUsageMatches: Check = ({ challenge, csr }) => {
  const want = challenge.expected.keyUsage;
  if (!csr.keyUsage || csr.keyUsage.length === 0) return refuse('KeyUsageMismatch', `expected key usage ${want.join(', ')}; the request names none`);
  return sameSet(want, csr.keyUsage) ? undefined : refuse('KeyUsageMismatch', `expected ${want.join(', ')}; the request asks for ${csr.keyUsage.join(', ')}`);
};

export const ekuMatches: Check = ({ challenge, csr }) => {
  const want = challenge.expected.extendedKeyUsage;
  const got = csr.extendedKeyUsage ?? [];
  if (want.length > 0 && got.length === 0) return refuse('EnhancedKeyUsageMissing', `expected ${want.join(', ')}; the request names none`);
  return sameSet(want, got) ? undefined : refuse('EnhancedKeyUsageMismatch', `expected ${want.join(', ') || 'none'}; the request asks for ${got.join(', ')}`);
};

/** The order the checks run in, in one place. */
export const REQUEST_CHECKS: readonly Check[] = [notUsed, notExpired, sameDevice, stillTargeted, csrSignature, subjectMatches, sansMatch, keyMatches, keyUsageMatches, ekuMatches];

export function checkRequest(input: CheckInput, chain: readonly Check[] = REQUEST_CHECKS): CheckResult {
  for (const check of chain) {
    const result = check(input);
    if (result) return result;
  }
  return { code: 'Success', description: '' };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

function sanText(s: RenderedSan): string {
  return `${s.type}:${s.value}`;
}

function keyText(k: CheckInput['csr']['publicKey']): string {
  return k.kind === 'rsa' ? `RSA ${k.bits}` : k.kind === 'ec' ? `ECDSA ${k.curve}` : `a key of type ${k.algorithmOid}`;
}
