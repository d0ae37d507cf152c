import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMutations, mutationsArb, parsesOrFormatError, testKeyPair } from '../testing';
import { CertificateRequest } from './certificate-request';
import { createCertificateRequest } from './certificate-request-builder';

describe('CertificateRequest.parse on untrusted bytes', () => {
  let valid: CertificateRequest;

  beforeAll(async () => {
    valid = await createCertificateRequest({
      subject: 'CN=fuzz, O=certlab',
      keys: await testKeyPair({ kind: 'ec', curve: 'P-256' }),
      challengePassword: 'S3CR3T',
      subjectAltNames: [
        { type: 'upn', value: 'f@example' },
        { type: 'email', value: 'f@example' },
      ],
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['clientAuth'],
    });
  });

  it('ok/random bytes parse or throw PkiFormatError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        parsesOrFormatError(() => CertificateRequest.parse(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('ok/mutated valid DER parses or throws PkiFormatError, and verify() answers a boolean', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsArb(), async (mutations) => {
        const csr = parsesOrFormatError(() => CertificateRequest.parse(applyMutations(valid.der, mutations)));
        if (csr) expect(typeof (await csr.verify())).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
