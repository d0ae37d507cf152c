import type { ScepExpectedRequest } from '@certlab/contracts';
import { type CertificateRequest, type CertificateRequestProfile, createCertificateRequest, generateKeyPair } from '@certlab/pki-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CheckInput, checkRequest } from './request-checks';

const DEVICE = '6f1d2c3b-0000-4000-8000-00000000d001';
const OTHER_DEVICE = '6f1d2c3b-0000-4000-8000-00000000d002';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';

const expected: ScepExpectedRequest = {
  certificateType: 'device',
  subject: 'CN=laptop-42, O=certlab',
  subjectAltNames: [
    { type: 'dns', value: 'laptop-42.certlab.test' },
    { type: 'uri', value: `IntuneDeviceId://${DEVICE}` },
  ],
  key: { kind: 'rsa', minimumBits: 2048 },
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  extendedKeyUsage: [CLIENT_AUTH],
};

let keys: CryptoKeyPair;
let ecKeys: CryptoKeyPair;
beforeAll(async () => {
  [keys, ecKeys] = await Promise.all([generateKeyPair({ kind: 'rsa', bits: 2048 }), generateKeyPair({ kind: 'ec', curve: 'P-256' })]);
});

const good: Omit<CertificateRequestProfile, 'keys'> = {
  subject: expected.subject,
  subjectAltNames: [
    { type: 'uri', value: `IntuneDeviceId://${DEVICE}` },
    { type: 'dns', value: 'LAPTOP-42.certlab.test' },
  ],
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  extendedKeyUsage: ['clientAuth'],
};

async function input(profile: Partial<CertificateRequestProfile>, over: Partial<CheckInput> = {}): Promise<CheckInput> {
  const csr: CertificateRequest = await createCertificateRequest({ keys, ...good, ...profile });
  return {
    challenge: { deviceId: DEVICE, expiresAt: new Date(Date.now() + 60_000), expected },
    csr,
    csrSignatureValid: true,
    csrSha256: 'aa',
    transactionId: 'T1',
    targeted: true,
    now: new Date(),
    ...over,
  };
}

describe('checkRequest', () => {
  const cases: [string, () => Promise<CheckInput>, string][] = [
    ['ok/the rendered subject, SANs in another order and case, key and usages', () => input({}), 'Success'],
    ['ok/a larger RSA key than the profile minimum', async () => ({ ...(await input({})), csr: { ...(await input({})).csr, publicKey: { kind: 'rsa', bits: 4096 } } }), 'Success'],
    ['ok/a retransmission of the request that burnt the challenge', () => input({}).then((i) => ({ ...i, challenge: { ...i.challenge, used: { transactionId: 'T1', csrSha256: 'aa' } } })), 'Success'],
    ['fail/a challenge burnt by another request', () => input({}).then((i) => ({ ...i, challenge: { ...i.challenge, used: { transactionId: 'T0', csrSha256: 'aa' } } })), 'ChallengeAlreadyUsed'],
    ['fail/the same transaction with another CSR is still reuse', () => input({}).then((i) => ({ ...i, challenge: { ...i.challenge, used: { transactionId: 'T1', csrSha256: 'bb' } } })), 'ChallengeAlreadyUsed'],
    ['fail/an expired challenge', () => input({}, { now: new Date(Date.now() + 120_000) }), 'ChallengeExpired'],
    [
      'fail/the request names another device',
      () => input({ subjectAltNames: [{ type: 'uri', value: `IntuneDeviceId://${OTHER_DEVICE}` }, { type: 'dns', value: 'laptop-42.certlab.test' }] }),
      'BadDeviceIdInChallenge',
    ],
    ['fail/the profile no longer targets the device', () => input({}, { targeted: false }), 'ScepProfileNoLongerTargetedToTheClient'],
    ['fail/the CSR self-signature does not verify', () => input({}, { csrSignatureValid: false }), 'SignatureValidationFailed'],
    ['fail/no subject', () => input({ subject: '' }), 'SubjectNameMissing'],
    ['fail/another subject', () => input({ subject: 'CN=laptop-43, O=certlab' }), 'SubjectNameMismatch'],
    ['fail/RDNs in another order', () => input({ subject: 'O=certlab, CN=laptop-42' }), 'SubjectNameMismatch'],
    ['fail/no SANs', () => input({ subjectAltNames: [] }), 'SubjectAltNameMissing'],
    ['fail/an extra SAN', () => input({ subjectAltNames: [...good.subjectAltNames!, { type: 'dns', value: 'evil.test' }] }), 'SubjectAltNameMismatch'],
    ['fail/a SAN of a type profiles never render', () => input({ subjectAltNames: [...good.subjectAltNames!, { type: 'ip', value: '10.0.0.1' }] }), 'SubjectAltNameMismatch'],
    ['fail/a smaller key than the profile', async () => ({ ...(await input({})), csr: { ...(await input({})).csr, publicKey: { kind: 'rsa', bits: 1024 } } }), 'KeyLengthMismatch'],
    ['fail/an EC key where RSA is required', () => createCertificateRequest({ keys: ecKeys, ...good, keyUsage: ['digitalSignature'] }).then(async (csr) => ({ ...(await input({})), csr })), 'KeyLengthMismatch'],
    ['fail/no key usage requested', () => input({ keyUsage: undefined }), 'KeyUsageMismatch'],
    ['fail/an extra key usage', () => input({ keyUsage: ['digitalSignature', 'keyEncipherment', 'nonRepudiation'] }), 'KeyUsageMismatch'],
    ['fail/no EKU requested', () => input({ extendedKeyUsage: undefined }), 'EnhancedKeyUsageMissing'],
    ['fail/another EKU', () => input({ extendedKeyUsage: [EMAIL_PROTECTION] }), 'EnhancedKeyUsageMismatch'],
  ];

  it.each(cases)('%s', async (_name, make, code) => {
    const sut = checkRequest(await make());
    expect(sut.code).toBe(code);
    if (code === 'Success') expect(sut.description).toBe('');
    else expect(sut.description.length).toBeGreaterThan(5);
  });

  it('ok/the first failing check decides: a used and expired challenge reports reuse', async () => {
    const i = await input({ subject: 'CN=x' }, { now: new Date(Date.now() + 120_000) });
    expect(checkRequest({ ...i, challenge: { ...i.challenge, used: { transactionId: 'T0', csrSha256: 'x' } } }).code).toBe('ChallengeAlreadyUsed');
  });
});
