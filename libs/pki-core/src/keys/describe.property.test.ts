import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { applyMutations, mutationsArb, parsesOrFormatError, testKeyPair } from '../testing';
import { exportPkcs8, exportSpki, keySpecOfPrivateKey } from './codec';
import { describePrivateKey, describePublicKey } from './describe';

describe('key parsers on untrusted bytes', () => {
  const valid: Uint8Array[] = [];
  const validPkcs8: Uint8Array[] = [];

  beforeAll(async () => {
    for (const pair of [await testKeyPair({ kind: 'rsa', bits: 2048 }), await testKeyPair({ kind: 'ec', curve: 'P-256' })]) {
      valid.push(await exportSpki(pair.publicKey));
      validPkcs8.push(await exportPkcs8(pair.privateKey));
    }
  });

  it('ok/random bytes describe or throw PkiFormatError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        parsesOrFormatError(() => describePublicKey(bytes));
        parsesOrFormatError(() => describePrivateKey(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('ok/mutated SPKI and PKCS#8 describe or throw PkiFormatError', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1 }), mutationsArb(), (which, mutations) => {
        parsesOrFormatError(() => describePublicKey(applyMutations(valid[which], mutations)));
        parsesOrFormatError(() => keySpecOfPrivateKey(applyMutations(validPkcs8[which], mutations)));
      }),
      { numRuns: 400 },
    );
  });
});
