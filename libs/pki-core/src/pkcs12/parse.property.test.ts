import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PkiFormatError, PkiVerificationError } from '../errors';
import { Pkcs12 } from './pkcs12';
import { plainPfx } from './test-helpers';

const td = (name: string) => new Uint8Array(readFileSync(join(__dirname, 'testdata', name)));
const PASSWORD = 'certlab-test';

/** Resolves to the error class name, or 'ok'; any other error class fails the property. */
async function outcome(der: Uint8Array): Promise<string> {
  try {
    await Pkcs12.parse(der, PASSWORD);
    return 'ok';
  } catch (e) {
    if (e instanceof PkiFormatError || e instanceof PkiVerificationError) return e.name;
    throw e;
  }
}

/** Overwrites, deletes or inserts a few bytes, or truncates: the damage a transfer does. */
function mutated(seed: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(seed.length - 1), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(seed.length - 1), value: fc.constant(0) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(seed.length - 1), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(seed.length - 1), value: fc.constant(0) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let bytes = [...seed];
    for (const e of edits) {
      const at = Math.min(e.at, bytes.length - 1);
      if (e.kind === 'set') bytes[at] = e.value;
      else if (e.kind === 'delete') bytes.splice(at, 1);
      else if (e.kind === 'insert') bytes.splice(at, 0, e.value);
      else bytes = bytes.slice(0, at);
      if (bytes.length === 0) bytes = [0];
    }
    return Uint8Array.from(bytes);
  });
}

describe('Pkcs12.parse on hostile input (fast-check)', () => {
  it('ok/random bytes only ever yield PkiFormatError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (bytes) => {
        expect(await outcome(bytes)).toBe('PkiFormatError');
      }),
      { numRuns: 300 },
    );
  });

  const seeds = [
    { name: 'an unencrypted PFX without MAC (every byte is structure)', der: plainPfx([td('int.der'), td('leaf.der')], td('leaf.key.der')), runs: 400 },
    { name: 'an openssl -nomac file (mutations reach decryption)', der: td('nomac.p12'), runs: 120 },
    { name: 'an openssl -legacy file (RC2/3DES, SHA-1 MAC)', der: td('legacy.p12'), runs: 80 },
    { name: 'an openssl default file', der: td('default.p12'), runs: 80 },
  ];
  for (const seed of seeds) {
    it(`ok/mutations of ${seed.name} parse or throw PkiFormatError / PkiVerificationError only`, async () => {
      await fc.assert(
        fc.asyncProperty(mutated(seed.der), async (bytes) => {
          expect(['ok', 'PkiFormatError', 'PkiVerificationError']).toContain(await outcome(bytes));
        }),
        { numRuns: seed.runs },
      );
    });
  }
});
