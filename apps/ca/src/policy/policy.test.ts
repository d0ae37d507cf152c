import { describe, expect, it } from 'vitest';
import { POLICY_REASONS, type PolicyInput, decide } from './policy';

const base: PolicyInput = {
  requester: 'connector',
  template: { name: 'CertlabPkcs', minimumRsaKeyBits: 2048, subjectSource: 'request', requiresRaSignature: false, requiresApproval: false, enroll: ['connector'] },
  csr: { subject: 'CN=alice', publicKey: { kind: 'rsa', bits: 2048 }, signatureValid: true },
  directorySubject: 'CN=connector, OU=Identities, O=certlab',
  ra: { kind: 'absent' },
};
const scep = { ...base.template, name: 'CertlabScepUser', requiresRaSignature: true, enroll: ['ndes-ra'] };
const directory = { ...base.template, name: 'CertlabComputer', subjectSource: 'directory' as const };

describe('decide', () => {
  it.each<[string, Partial<PolicyInput>, string]>([
    ['ok/permitted RSA 2048 with supplied subject', {}, 'issue'],
    ['ok/RSA 4096 above the minimum', { csr: { ...base.csr, publicKey: { kind: 'rsa', bits: 4096 } } }, 'issue'],
    ['ok/ECDSA P-256', { csr: { ...base.csr, publicKey: { kind: 'ec', curve: 'P-256' } } }, 'issue'],
    ['ok/directory template with an empty subject', { template: directory, csr: { ...base.csr, subject: '' } }, 'issue'],
    ['ok/directory template with the identity\'s own subject', { template: directory, csr: { ...base.csr, subject: base.directorySubject } }, 'issue'],
    ['ok/RA template with a valid agent signature', { requester: 'ndes-ra', template: scep, ra: { kind: 'valid', signer: 'ndes-ra' } }, 'issue'],
    ['ok/approval template pends', { template: { ...base.template, requiresApproval: true } }, 'pend:pendingApproval'],
    ['fail/identity without Enroll', { requester: 'ndes-ra' }, 'deny:enrollPermissionDenied'],
    ['fail/no proof of possession', { csr: { ...base.csr, signatureValid: false } }, 'deny:csrSignatureInvalid'],
    ['fail/RSA 1024', { csr: { ...base.csr, publicKey: { kind: 'rsa', bits: 1024 } } }, 'deny:keyTooSmall'],
    ['fail/P-521 is not offered', { csr: { ...base.csr, publicKey: { kind: 'ec', curve: 'P-521' } } }, 'deny:keyTypeNotAllowed'],
    ['fail/subject where the template builds it', { template: directory, csr: { ...base.csr, subject: 'CN=Domain Admin' } }, 'deny:subjectNotAllowed'],
    ['fail/RA template without a signature', { requester: 'ndes-ra', template: scep }, 'deny:raSignatureRequired'],
    ['fail/RA template with a bad signature', { requester: 'ndes-ra', template: scep, ra: { kind: 'invalid', detail: 'signer is not an enrollment agent' } }, 'deny:raSignatureInvalid'],
    ['fail/permission is checked before the approval pend', { requester: 'ndes-ra', template: { ...base.template, requiresApproval: true } }, 'deny:enrollPermissionDenied'],
    ['fail/key size is checked before the RA signature', { requester: 'ndes-ra', template: scep, csr: { ...base.csr, publicKey: { kind: 'rsa', bits: 1024 } } }, 'deny:keyTooSmall'],
  ])('%s', (_name, override, expected) => {
    const d = decide({ ...base, ...override });
    expect(d.outcome === 'issue' ? 'issue' : `${d.outcome}:${d.code}`).toBe(expected);
  });

  it('ok/a refusal names the rule, the identity and the template', () => {
    const d = decide({ ...base, requester: 'connector', template: scep });
    expect(d).toEqual({ outcome: 'deny', code: 'enrollPermissionDenied', reason: 'enrollPermissionDenied: identity "connector" may not enroll on template "CertlabScepUser"' });
  });

  it('ok/every reason code has words', () => {
    for (const [code, text] of Object.entries(POLICY_REASONS)) expect([code, text.length > 10]).toEqual([code, true]);
  });
});
