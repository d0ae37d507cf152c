import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMutations, createTestHierarchy, issueTestCertificate, mutationsArb, parsesOrFormatError } from '../testing';
import { Certificate } from './certificate';

describe('Certificate.parse on untrusted bytes', () => {
  let valid: Certificate;
  let issuer: Certificate;

  beforeAll(async () => {
    const h = await createTestHierarchy();
    issuer = h.issuing.certificate;
    ({ certificate: valid } = await issueTestCertificate(h.issuing, {
      subjectAltNames: [
        { type: 'dns', value: 'a.example' },
        { type: 'upn', value: 'u@example' },
        { type: 'ip', value: '10.1.2.3' },
      ],
      crlDistributionPoints: ['http://crl.example/a.crl'],
      authorityInfoAccess: { caIssuers: ['http://aia.example/a.crt'], ocsp: ['http://ocsp.example'] },
      certificatePolicies: ['1.2.3.4'],
    }));
  });

  it('ok/random bytes parse or throw PkiFormatError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        parsesOrFormatError(() => Certificate.parse(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('ok/mutated valid DER parses or throws PkiFormatError, and what parses verifies to a boolean', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsArb(), async (mutations) => {
        const cert = parsesOrFormatError(() => Certificate.parse(applyMutations(valid.der, mutations)));
        if (cert) {
          expect(typeof (await cert.verifySignature(issuer))).toBe('boolean');
          expect(Certificate.parse(cert.der).thumbprintSha256).toBe(cert.thumbprintSha256);
        }
      }),
      { numRuns: 300 },
    );
  });
});
