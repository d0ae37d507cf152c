import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../encoding/bytes';
import { PkiFormatError, PkiVerificationError } from '../errors';
import { Pkcs12 } from './pkcs12';
import { plainPfx } from './test-helpers';

const td = (name: string) => new Uint8Array(readFileSync(join(__dirname, 'testdata', name)));
const PASSWORD = 'certlab-test';
const LEAF_KEY = td('leaf.key.der');
const LEAF = td('leaf.der');
const EC_KEY = td('ec-leaf.key.der');
const EC_LEAF = td('ec-leaf.der');
const CHAIN = [td('int.der'), td('root.der')];

const RC2_3DES = ['pbewithSHAAnd40BitRC2-CBC', 'pbeWithSHAAnd3-KeyTripleDES-CBC'];

/** Files made by testdata/make.sh with `openssl pkcs12 -export …`. */
const OPENSSL_FILES = [
  { name: 'default (PBES2 AES-256-CBC, HMAC-SHA256)', file: 'default.p12', pw: PASSWORD, key: LEAF_KEY, leaf: LEAF, chain: CHAIN, friendlyName: 'Alice', mac: 'SHA-256', algs: ['PBES2'] },
  { name: '-legacy (RC2-40 certs, 3DES key, HMAC-SHA1)', file: 'legacy.p12', pw: PASSWORD, key: LEAF_KEY, leaf: LEAF, chain: CHAIN, friendlyName: 'Alice', mac: 'SHA-1', algs: RC2_3DES },
  { name: '-keypbe/-certpbe PBE-SHA1-3DES', file: 'des3.p12', pw: PASSWORD, key: LEAF_KEY, leaf: LEAF, chain: CHAIN, friendlyName: 'Alice', mac: 'SHA-256', algs: ['pbeWithSHAAnd3-KeyTripleDES-CBC'] },
  { name: '-descert', file: 'descert.p12', pw: PASSWORD, key: LEAF_KEY, leaf: LEAF, chain: CHAIN, friendlyName: 'Alice', mac: 'SHA-256', algs: ['pbeWithSHAAnd3-KeyTripleDES-CBC', 'PBES2'] },
  { name: 'no -name, no -certfile', file: 'bare.p12', pw: PASSWORD, key: LEAF_KEY, leaf: LEAF, chain: [], friendlyName: undefined, mac: 'SHA-256', algs: ['PBES2'] },
  { name: 'EC P-256 key with chain', file: 'ec.p12', pw: PASSWORD, key: EC_KEY, leaf: EC_LEAF, chain: CHAIN, friendlyName: 'Bob', mac: 'SHA-256', algs: ['PBES2'] },
  { name: 'non-ASCII password, default', file: 'unicode.p12', pw: 'pässwörd€', key: LEAF_KEY, leaf: LEAF, chain: [], friendlyName: undefined, mac: 'SHA-256', algs: ['PBES2'] },
  { name: 'non-ASCII password, -legacy', file: 'unicode-legacy.p12', pw: 'pässwörd€', key: LEAF_KEY, leaf: LEAF, chain: [], friendlyName: undefined, mac: 'SHA-1', algs: RC2_3DES },
  { name: 'empty password, default', file: 'empty-password.p12', pw: '', key: LEAF_KEY, leaf: LEAF, chain: [], friendlyName: undefined, mac: 'SHA-256', algs: ['PBES2'] },
  { name: 'empty password, -legacy', file: 'empty-password-legacy.p12', pw: '', key: LEAF_KEY, leaf: LEAF, chain: [], friendlyName: undefined, mac: 'SHA-1', algs: RC2_3DES },
];

const hex = (b: Uint8Array | undefined) => (b ? toHex(b) : undefined);

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('Pkcs12.parse reads what openssl writes', () => {
  for (const f of OPENSSL_FILES) {
    it(`ok/${f.name}`, async () => {
      const sut = await Pkcs12.parse(td(f.file), f.pw);
      expect(sut.hasPrivateKey).toBe(true);
      expect(hex(sut.privateKey)).toBe(toHex(f.key));
      expect(hex(sut.certificate?.der)).toBe(toHex(f.leaf));
      expect(sut.otherCertificates.map((c) => toHex(c.der))).toEqual(f.chain.map(toHex));
      expect(sut.friendlyName).toBe(f.friendlyName);
      expect(sut.integrity).toEqual({ mode: 'mac', macDigest: f.mac, macIterations: 2048 });
      expect(sut.encryptionAlgorithms).toEqual(f.algs);
      expect(sut.warnings).toEqual([]);
      // openssl sets localKeyId to the SHA-1 of the certificate on the leaf's bag.
      expect(sut.certificate?.localKeyId).toHaveLength(20);
    });
  }

  it('ok/-nomac is read, with the noMac warning and no integrity', async () => {
    const sut = await Pkcs12.parse(td('nomac.p12'), PASSWORD);
    expect(sut.integrity).toEqual({ mode: 'none' });
    expect(sut.warnings).toEqual(['noMac']);
    expect(toHex(sut.requirePrivateKey())).toBe(toHex(LEAF_KEY));
    expect(hex(sut.certificate?.der)).toBe(toHex(LEAF));
  });

  it('ok/a certificates-only file has no private key and requirePrivateKey refuses it', async () => {
    const sut = await Pkcs12.parse(td('nokey.p12'), PASSWORD);
    expect(sut.hasPrivateKey).toBe(false);
    expect(sut.privateKey).toBeUndefined();
    expect(sut.certificates.map((c) => toHex(c.der))).toEqual([LEAF, ...CHAIN].map(toHex));
    expect(() => sut.requirePrivateKey()).toThrow(PkiFormatError);
    expect(() => sut.requirePrivateKey()).toThrow(/contains no private key/);
  });

  it('ok/without localKeyId the leaf is the certificate whose public key matches (plain keyBag, no MAC)', async () => {
    const sut = await Pkcs12.parse(plainPfx([CHAIN[0], LEAF], LEAF_KEY), 'unused');
    expect(hex(sut.certificate?.der)).toBe(toHex(LEAF));
    expect(sut.otherCertificates.map((c) => toHex(c.der))).toEqual([toHex(CHAIN[0])]);
    expect(hex(sut.privateKey)).toBe(toHex(LEAF_KEY));
    expect(sut.warnings).toEqual(['noMac', 'leafByPublicKey']);
  });
});

describe('Pkcs12.parse refuses', () => {
  for (const f of [...OPENSSL_FILES.map((x) => x.file), 'nokey.p12']) {
    it(`fail/wrong password on ${f} is a PkiVerificationError "wrong password or corrupt file"`, async () => {
      const e = await rejection(Pkcs12.parse(td(f), 'not-the-password'));
      expect(e).toBeInstanceOf(PkiVerificationError);
      expect((e as Error).message).toMatch(/wrong password or corrupt file/);
    });
  }

  it('fail/wrong password on a -nomac file surfaces at decryption as a PkiVerificationError', async () => {
    const e = await rejection(Pkcs12.parse(td('nomac.p12'), 'not-the-password'));
    expect(e).toBeInstanceOf(PkiVerificationError);
    expect((e as Error).message).toMatch(/wrong password or corrupt file/);
  });

  it('fail/a flipped byte inside the MAC-protected content is a PkiVerificationError, not garbage', async () => {
    const der = td('default.p12');
    der[der.length - 200] ^= 0x01;
    const e = await rejection(Pkcs12.parse(der, PASSWORD));
    expect(e).toBeInstanceOf(PkiVerificationError);
  });

  for (const cut of [1, 10, 100, 1000, 3000]) {
    it(`fail/default.p12 truncated to ${cut} bytes is a PkiFormatError`, async () => {
      const e = await rejection(Pkcs12.parse(td('default.p12').subarray(0, cut), PASSWORD));
      expect(e).toBeInstanceOf(PkiFormatError);
    });
  }

  it('fail/bytes that are not DER are a PkiFormatError naming PKCS#12', async () => {
    const e = await rejection(Pkcs12.parse(new TextEncoder().encode('not a pfx at all'), PASSWORD));
    expect(e).toBeInstanceOf(PkiFormatError);
    expect((e as PkiFormatError).structure).toBe('PKCS#12');
  });

  it('fail/a certificate DER is not a PFX', async () => {
    await expect(Pkcs12.parse(LEAF, PASSWORD)).rejects.toBeInstanceOf(PkiFormatError);
  });
});
