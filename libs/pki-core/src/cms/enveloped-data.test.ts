import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PkiFormatError, PkiVerificationError } from '../errors';
import { encryptCms } from './enveloped-data-builder';
import { EnvelopedCms } from './enveloped-data';
import { rsaUnwrapperFromKey, type RsaKeyUnwrapper } from './rsa-unwrap';
import { CONTENT_CIPHERS, type KeyWrap, type WritableContentCipher } from './algorithms';
import { issued, rsaKey, scratch, selfSigned, type Scratch, type TestCert } from './test-helpers';

let ca: TestCert;
let alice: TestCert;
let bob: TestCert;
let aliceKey: RsaKeyUnwrapper;
let bobKey: RsaKeyUnwrapper;
let s: Scratch;
const content = new TextEncoder().encode('a PKCS#10 or a PFX password, say\n');

beforeAll(async () => {
  const [caKey, a, b] = await Promise.all([rsaKey(), rsaKey(), rsaKey()]);
  ca = await selfSigned('CN=certlab test CA', caKey);
  alice = await issued(ca, 'CN=alice', a);
  bob = await issued(ca, 'CN=bob', b);
  aliceKey = rsaUnwrapperFromKey(a.pkcs8);
  // A non-extractable WebCrypto key works too: the unwrapper never exports it.
  const nonExtractable = await crypto.subtle.importKey('pkcs8', b.pkcs8.slice().buffer, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
  bobKey = rsaUnwrapperFromKey(nonExtractable);
  s = scratch();
  s.write('alice.pem', alice.pem);
  s.write('alice.key', a.pkcs8Pem);
  s.write('content.bin', content);
});
afterAll(() => s.cleanup());

const ciphers: WritableContentCipher[] = ['aes-128-cbc', 'aes-256-cbc', 'des-ede3-cbc'];
const wraps: KeyWrap[] = ['rsa-pkcs1', 'rsa-oaep-sha1', 'rsa-oaep-sha256'];
const matrix = ciphers.flatMap((c) => wraps.map((w) => [`ok/${c} ${w}`, c, w] as const));

describe('EnvelopedData we build', () => {
  it.each(matrix)('%s decrypts here and in openssl cms -decrypt', async (_name, cipher, keyWrap) => {
    const der = await encryptCms({ content, cipher, recipients: [{ certificate: alice.der, keyWrap }] });
    const sut = EnvelopedCms.parse(der);
    expect(sut.cipher).toBe(cipher);
    expect(sut.iv).toHaveLength(CONTENT_CIPHERS[cipher].ivBytes);
    expect(sut.recipients.map((r) => r.keyWrap)).toEqual([keyWrap]);
    expect(await sut.decrypt(aliceKey)).toEqual(content);

    s.write('ours.p7m', der);
    const out = s.openssl(['cms', '-decrypt', '-inform', 'DER', '-in', 'ours.p7m', '-inkey', 'alice.key', '-recip', 'alice.pem', '-binary']);
    expect(new Uint8Array(out)).toEqual(content);
  });

  it('ok/two recipients each decrypt with their own certificate named', async () => {
    const der = await encryptCms({ content, cipher: 'aes-256-cbc', recipients: [{ certificate: alice.der }, { certificate: bob.der, keyWrap: 'rsa-oaep-sha256' }] });
    const sut = EnvelopedCms.parse(der);
    expect(await sut.decrypt(aliceKey, alice.der)).toEqual(content);
    expect(await sut.decrypt(bobKey, bob.der)).toEqual(content);
    await expect(sut.decrypt(bobKey)).rejects.toThrow(/several recipients/);
  });

  it('fail/the wrong key is one generic decryption error, never a padding error', async () => {
    const der = await encryptCms({ content, cipher: 'aes-256-cbc', recipients: [{ certificate: alice.der }] });
    const result = await EnvelopedCms.parse(der).decrypt(bobKey).catch((e: unknown) => e);
    if (result instanceof Uint8Array) {
      expect(result).not.toEqual(content); // ~1/256: the synthetic key happens to leave valid CBC padding
    } else {
      expect(result).toBeInstanceOf(PkiVerificationError);
      expect((result as Error).message).toBe('CMS EnvelopedData: content decryption failed');
    }
  });

  it('fail/a certificate that is not a recipient is refused', async () => {
    const der = await encryptCms({ content, cipher: 'aes-128-cbc', recipients: [{ certificate: alice.der }] });
    await expect(EnvelopedCms.parse(der).decrypt(bobKey, bob.der)).rejects.toThrow(/not among the recipients/);
  });
});

describe('we read openssl EnvelopedData', () => {
  it.each([
    ['ok/-aes256 PKCS#1 v1.5', ['-aes256'], 'aes-256-cbc', 'rsa-pkcs1'],
    ['ok/-aes128 PKCS#1 v1.5', ['-aes128'], 'aes-128-cbc', 'rsa-pkcs1'],
    ['ok/-des3 PKCS#1 v1.5', ['-des3'], 'des-ede3-cbc', 'rsa-pkcs1'],
    ['ok/-aes256 OAEP default (SHA-1)', ['-aes256', '-recip', 'alice.pem', '-keyopt', 'rsa_padding_mode:oaep'], 'aes-256-cbc', 'rsa-oaep-sha1'],
    ['ok/-aes128 OAEP SHA-256', ['-aes128', '-recip', 'alice.pem', '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], 'aes-128-cbc', 'rsa-oaep-sha256'],
    ['ok/-des3 OAEP', ['-des3', '-recip', 'alice.pem', '-keyopt', 'rsa_padding_mode:oaep'], 'des-ede3-cbc', 'rsa-oaep-sha1'],
  ] as const)('%s', async (_name, opts, cipher, keyWrap) => {
    const args = ['cms', '-encrypt', '-binary', '-in', 'content.bin', '-outform', 'DER', '-out', 'theirs.p7m', ...opts];
    if (!(opts as readonly string[]).includes('-recip')) args.push('alice.pem');
    s.openssl(args);
    const sut = EnvelopedCms.parse(s.read('theirs.p7m'));
    expect(sut.cipher).toBe(cipher);
    expect(sut.recipients[0].keyWrap).toBe(keyWrap);
    expect(sut.recipients[0].rid.kind).toBe('issuerAndSerialNumber');
    expect(await sut.decrypt(aliceKey, alice.der)).toEqual(content);
  });
});

describe('EnvelopedCms.parse on hostile bytes', () => {
  const onlyFormatErrors = (bytes: Uint8Array) => {
    try {
      EnvelopedCms.parse(bytes);
    } catch (err) {
      if (!(err instanceof PkiFormatError)) throw err;
    }
  };

  it('ok/random bytes parse or throw PkiFormatError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), onlyFormatErrors), { numRuns: 500 });
  });

  it('ok/mutated valid DER parses or throws PkiFormatError', async () => {
    const der = await encryptCms({ content, cipher: 'aes-256-cbc', recipients: [{ certificate: alice.der, keyWrap: 'rsa-oaep-sha256' }] });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(der.length), (edits, cut) => {
        const bad = der.slice(0, Math.max(cut, der.length - 20));
        for (const [at, v] of edits) if (at < bad.length) bad[at] = v;
        onlyFormatErrors(bad);
      }),
      { numRuns: 400 },
    );
  });
});

describe('EnvelopedData decryption gives no oracle', () => {
  it.each(['rsa-pkcs1', 'rsa-oaep-sha1'] as const)('fail/%s with a corrupted encrypted key is the same generic error as a wrong key', async (keyWrap) => {
    const der = await encryptCms({ content, cipher: 'aes-256-cbc', recipients: [{ certificate: alice.der, keyWrap }] });
    const ek = EnvelopedCms.parse(der).recipients[0].encryptedKey;
    const at = Buffer.from(der).indexOf(Buffer.from(ek));
    const bad = der.slice();
    bad[at + 100] ^= 0x40;
    const result = await EnvelopedCms.parse(bad).decrypt(aliceKey).catch((e: unknown) => e);
    if (result instanceof Uint8Array) {
      // About 1 in 256 wrong keys leave a valid CBC padding: garbage then, but never the content.
      expect(result).not.toEqual(content);
    } else {
      expect(result).toBeInstanceOf(PkiVerificationError);
      expect((result as Error).message).toBe('CMS EnvelopedData: content decryption failed');
    }
  });
});
