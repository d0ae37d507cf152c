import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCrypto, x509 } from '../crypto-provider';
import { toHex } from '../encoding/bytes';
import { pemBlocks } from '../encoding/pem';
import { PkiVerificationError } from '../errors';
import { buildPkcs12, DEFAULT_PKCS12_ITERATIONS } from './build';
import { Pkcs12 } from './pkcs12';

const td = (name: string) => new Uint8Array(readFileSync(join(__dirname, 'testdata', name)));
const LEAF_KEY = td('leaf.key.der');
const LEAF = td('leaf.der');
const EC_LEAF = td('ec-leaf.der');
const CHAIN = [td('int.der'), td('root.der')];

let dir: string;
let n = 0;
function openssl(args: string[], pfx: Uint8Array): string {
  const file = join(dir, `f${n++}.p12`);
  writeFileSync(file, pfx);
  // `-info` reports on stderr, PEM goes to stdout: both are returned, and a non-zero exit throws.
  const run = spawnSync('openssl', ['pkcs12', '-in', file, ...args], { encoding: 'latin1' });
  if (run.status !== 0) throw new Error(`openssl pkcs12 failed: ${run.stderr}`);
  return run.stdout + run.stderr;
}
const derBlocks = (text: string, label: string) => pemBlocks(text).filter((b) => b.label === label).map((b) => toHex(b.der));

/** A WebCrypto-generated key and a self-signed certificate for it, made once for the file. */
let generated: { key: CryptoKeyPair; cert: Uint8Array };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certlab-pkcs12-'));
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const key = (await defaultCrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=webcrypto device',
    keys: key,
    signingAlgorithm: alg,
    notBefore: new Date('2026-01-01'),
    notAfter: new Date('2027-01-01'),
  });
  generated = { key, cert: new Uint8Array(cert.rawData) };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildPkcs12 output is read by openssl', () => {
  it('ok/openssl -info verifies the MAC and reports PBES2/PBKDF2-SHA256/AES-256-CBC and HMAC-SHA256', async () => {
    const sut = await buildPkcs12({ privateKey: LEAF_KEY, certificate: LEAF, chain: CHAIN, friendlyName: 'Alice', password: 'p@ss' });
    const info = openssl(['-info', '-noout', '-passin', 'pass:p@ss'], sut);
    expect(info).toContain(`MAC: sha256, Iteration ${DEFAULT_PKCS12_ITERATIONS}`);
    expect(info).toContain(`PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration ${DEFAULT_PKCS12_ITERATIONS}, PRF hmacWithSHA256`);
    expect(info).toContain(`Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration ${DEFAULT_PKCS12_ITERATIONS}, PRF hmacWithSHA256`);
    expect(info.match(/Certificate bag/g)).toHaveLength(3);
  });

  it('ok/openssl extracts our key and certificates byte for byte, with friendlyName and localKeyID', async () => {
    const sut = await buildPkcs12({ privateKey: LEAF_KEY, certificate: LEAF, chain: CHAIN, friendlyName: 'Alice', password: 'p@ss' });
    const keys = openssl(['-nocerts', '-nodes', '-passin', 'pass:p@ss'], sut);
    const certs = openssl(['-nokeys', '-passin', 'pass:p@ss'], sut);
    expect(derBlocks(keys, 'PRIVATE KEY')).toEqual([toHex(LEAF_KEY)]);
    expect(derBlocks(certs, 'CERTIFICATE')).toEqual([LEAF, ...CHAIN].map(toHex));
    const keyId = createHash('sha1').update(LEAF).digest('hex').toUpperCase().match(/../g)?.join(' ');
    expect(keys).toContain('friendlyName: Alice');
    expect(keys).toContain(`localKeyID: ${keyId}`);
    expect(certs.split('subject=')[0]).toContain(`localKeyID: ${keyId}`);
  });

  it('ok/a WebCrypto CryptoKey is exported to PKCS#8 and openssl reads it back unchanged', async () => {
    const pkcs8 = new Uint8Array(await defaultCrypto.subtle.exportKey('pkcs8', generated.key.privateKey));
    const sut = await buildPkcs12({ privateKey: generated.key.privateKey, certificate: generated.cert, password: 'x' });
    expect(derBlocks(openssl(['-nocerts', '-nodes', '-passin', 'pass:x'], sut), 'PRIVATE KEY')).toEqual([toHex(pkcs8)]);
    expect(derBlocks(openssl(['-nokeys', '-passin', 'pass:x'], sut), 'CERTIFICATE')).toEqual([toHex(generated.cert)]);
  });

  it('ok/the iteration count is configurable and used for PBKDF2 and the MAC', async () => {
    const sut = await buildPkcs12({ privateKey: LEAF_KEY, certificate: LEAF, password: 'p', iterations: 2048 });
    const info = openssl(['-info', '-noout', '-passin', 'pass:p'], sut);
    expect(info).toContain('MAC: sha256, Iteration 2048');
    expect(info).toContain('AES-256-CBC, Iteration 2048, PRF hmacWithSHA256');
  });

  it('ok/a non-ASCII password means the same to openssl as to us', async () => {
    const sut = await buildPkcs12({ privateKey: LEAF_KEY, certificate: LEAF, password: 'pässwörd€' });
    expect(derBlocks(openssl(['-nocerts', '-nodes', '-passin', 'pass:pässwörd€'], sut), 'PRIVATE KEY')).toEqual([toHex(LEAF_KEY)]);
  });

  it('fail/openssl refuses ours under the wrong password (the MAC is real)', async () => {
    const sut = await buildPkcs12({ privateKey: LEAF_KEY, certificate: LEAF, password: 'right' });
    expect(() => openssl(['-info', '-noout', '-passin', 'pass:wrong'], sut)).toThrow(/Mac verify error/);
  });
});

describe('buildPkcs12 round trip and guards', () => {
  it('ok/our parser reads our output: key, leaf, chain, friendlyName, localKeyId, integrity', async () => {
    const sut = await Pkcs12.parse(
      await buildPkcs12({ privateKey: LEAF_KEY, certificate: LEAF, chain: CHAIN, friendlyName: 'Ünïcödé name', password: 'pw', iterations: 4096 }),
      'pw',
    );
    expect(toHex(sut.requirePrivateKey())).toBe(toHex(LEAF_KEY));
    expect(toHex(sut.certificate?.der ?? new Uint8Array())).toBe(toHex(LEAF));
    expect(sut.otherCertificates.map((c) => toHex(c.der))).toEqual(CHAIN.map(toHex));
    expect(sut.friendlyName).toBe('Ünïcödé name');
    expect(toHex(sut.certificate?.localKeyId ?? new Uint8Array())).toBe(createHash('sha1').update(LEAF).digest('hex'));
    expect(sut.integrity).toEqual({ mode: 'mac', macDigest: 'SHA-256', macIterations: 4096 });
    expect(sut.encryptionAlgorithms).toEqual(['PBES2']);
    expect(sut.warnings).toEqual([]);
  });

  it('ok/salts and IVs are fresh: two builds of the same input differ and both parse', async () => {
    const opts = { privateKey: LEAF_KEY, certificate: LEAF, password: 'pw' };
    const [a, b] = [await buildPkcs12(opts), await buildPkcs12(opts)];
    expect(toHex(a)).not.toBe(toHex(b));
    expect(toHex((await Pkcs12.parse(b, 'pw')).requirePrivateKey())).toBe(toHex(LEAF_KEY));
  });

  it('fail/a key that is not the certificate\'s is refused with PkiVerificationError', async () => {
    await expect(buildPkcs12({ privateKey: LEAF_KEY, certificate: EC_LEAF, password: 'pw' })).rejects.toBeInstanceOf(PkiVerificationError);
  });

  it('fail/fewer than 2048 iterations is a RangeError', async () => {
    await expect(buildPkcs12({ privateKey: LEAF_KEY, certificate: LEAF, password: 'pw', iterations: 1000 })).rejects.toBeInstanceOf(RangeError);
  });
});
