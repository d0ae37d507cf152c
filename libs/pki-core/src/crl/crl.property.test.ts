import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestHierarchy, applyMutations, createTestHierarchy, mutationsArb, parsesOrFormatError } from '../testing';
import { Crl } from './crl';
import { createCrl } from './crl-builder';

describe('Crl.parse on untrusted bytes', () => {
  let valid: Crl;
  let h: TestHierarchy;

  beforeAll(async () => {
    h = await createTestHierarchy();
    valid = await createCrl(
      {
        crlNumber: 9,
        entries: [
          { serialNumber: '0102', reason: 'keyCompromise' },
          { serialNumber: '7f7f7f', reason: 'superseded' },
          { serialNumber: '33' },
        ],
      },
      h.issuing,
    );
  });

  it('ok/random bytes parse or throw PkiFormatError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        parsesOrFormatError(() => Crl.parse(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('ok/mutated valid DER parses or throws PkiFormatError; lookup and verify never throw', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsArb(), fc.string(), async (mutations, serial) => {
        const crl = parsesOrFormatError(() => Crl.parse(applyMutations(valid.der, mutations)));
        if (crl) {
          crl.lookup(serial);
          crl.lookup('0102');
          expect(typeof (await crl.verify(h.issuing.certificate))).toBe('boolean');
        }
      }),
      { numRuns: 300 },
    );
  });
});
