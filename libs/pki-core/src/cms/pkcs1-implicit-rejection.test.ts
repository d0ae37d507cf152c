import { beforeAll, describe, expect, it } from 'vitest';
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { rsaUnwrapperFromKey, unwrapPkcs1v15, type RsaKeyUnwrapper } from './rsa-unwrap';
import { unpadPkcs1v15ImplicitRejection } from './pkcs1-implicit-rejection';
import { rsaKey, type TestKey } from './test-helpers';

const K = 256; // RSA-2048
let key: TestKey;
let sut: RsaKeyUnwrapper;
let publicKey: ReturnType<typeof createPublicKey>;

beforeAll(async () => {
  key = await rsaKey();
  sut = rsaUnwrapperFromKey(key.pkcs8);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', key.keys.publicKey));
  publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
});

/** Encrypts a hand-made encoded message with raw RSA, to forge any padding we like. */
function rawEncrypt(em: Uint8Array): Uint8Array {
  return new Uint8Array(publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, em));
}

function em(opts: { header?: [number, number]; psLength?: number; separator?: boolean; message: Uint8Array }): Uint8Array {
  const out = new Uint8Array(K);
  out[0] = opts.header?.[0] ?? 0;
  out[1] = opts.header?.[1] ?? 2;
  const ps = opts.psLength ?? K - 3 - opts.message.length;
  for (let i = 0; i < ps; i++) out[2 + i] = 1 + (i % 250);
  const sep = 2 + ps;
  // Without a separator the byte stays nonzero and the message bytes follow directly.
  out[sep] = opts.separator === false ? 0x55 : 0;
  out.set(opts.message, sep + 1);
  return out;
}

describe('PKCS#1 v1.5 unwrap with implicit rejection', () => {
  it('ok/correct ciphertexts from Node (PKCS#1 padding) decrypt to the key', async () => {
    for (const length of [16, 24, 32]) {
      const cek = randomBytes(length);
      const ct = new Uint8Array(publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, cek));
      expect(await unwrapPkcs1v15(sut, ct, length)).toEqual(new Uint8Array(cek));
    }
  });

  it('ok/the shortest legal padding (8 bytes of PS) is accepted', async () => {
    const cek = new Uint8Array(K - 11).fill(7);
    expect(await unwrapPkcs1v15(sut, rawEncrypt(em({ psLength: 8, message: cek })), K - 11)).toEqual(cek);
  });

  const cek = new Uint8Array(32).map((_, i) => i + 1);
  const malformed: [string, () => Uint8Array][] = [
    ['fail/first byte not 00', () => em({ header: [1, 2], message: cek })],
    ['fail/block type 01 instead of 02', () => em({ header: [0, 1], message: cek })],
    ['fail/no zero separator', () => {
      const e = em({ message: cek, separator: false });
      for (let i = 2; i < K; i++) if (e[i] === 0) e[i] = 0x33;
      return e;
    }],
    ['fail/padding string shorter than 8 bytes', () => {
      const e = new Uint8Array(K);
      e[1] = 2;
      e.fill(9, 2, 9); // 7 bytes of PS
      e[9] = 0;
      e.set(new Uint8Array(K - 10).fill(5), 10);
      return e;
    }],
    ['fail/well padded but 16 bytes where 32 are expected', () => em({ message: cek.subarray(0, 16) })],
    ['fail/well padded but 48 bytes where 32 are expected', () => em({ message: new Uint8Array(48).fill(3) })],
  ];

  it.each(malformed)('%s yields a 32-byte synthetic key, deterministic and never thrown', async (_name, make) => {
    const ct = rawEncrypt(make());
    const first = await unwrapPkcs1v15(sut, ct, 32);
    const again = await unwrapPkcs1v15(sut, ct, 32);
    expect(first).toHaveLength(32);
    expect(again).toEqual(first);
    expect(first).not.toEqual(cek);
  });

  it('ok/synthetic keys differ per ciphertext', async () => {
    const keys = await Promise.all(malformed.map(([, make]) => unwrapPkcs1v15(sut, rawEncrypt(make()), 32)));
    const distinct = new Set(keys.map((k) => Buffer.from(k).toString('hex')));
    expect(distinct.size).toBe(malformed.length);
  });

  it('ok/synthetic keys depend on the private key, not only on the ciphertext', async () => {
    const bad = em({ header: [0, 1], message: cek });
    const secretA = new Uint8Array(32).fill(1);
    const secretB = new Uint8Array(32).fill(2);
    const ct = new Uint8Array(K).fill(0xaa);
    expect(unpadPkcs1v15ImplicitRejection(bad, 32, secretA, ct)).not.toEqual(unpadPkcs1v15ImplicitRejection(bad, 32, secretB, ct));
  });

  it('ok/a ciphertext one byte short (leading zero dropped) is left-padded, not refused', async () => {
    // Some encoders strip leading zero bytes of the encrypted key; 1 in 256 ciphertexts starts with 00.
    let cekShort: Buffer;
    let ct: Buffer;
    do {
      cekShort = randomBytes(16);
      ct = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, cekShort);
    } while (ct[0] !== 0);
    expect(await unwrapPkcs1v15(sut, new Uint8Array(ct.subarray(1)), 16)).toEqual(new Uint8Array(cekShort));
  });
});
