import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCrypto } from '../../crypto-provider';
import { KeyStoreError, PkiFormatError, PkiVerificationError } from '../../errors';
import { fromPem } from '../../encoding/pem';
import { opensslWorkspace } from '../../testing/openssl';
import { spkiFromPkcs8 } from '../node-keys';
import { pkcs8ToPem, spkiToPem } from '../codec';
import { describePublicKey } from '../describe';
import { MemoryKeyStorage, SimulatedHsmKeyStore, SoftwareKeyStore, type KdfParams, type KeyStore } from '../index';

// A cheap scrypt cost so the suite stays fast; the default (N=2^15) is exercised once below.
const kdf: KdfParams = { name: 'scrypt', N: 2 ** 12, r: 8, p: 1 };
const passphrase = 'correct horse battery staple';
const ws = opensslWorkspace('certlab-keystore-');
afterAll(() => ws.cleanup());

const data = new TextEncoder().encode('to be signed');

async function signsAndVerifies(store: KeyStore, name: string): Promise<void> {
  const { privateKey, publicKey } = await store.getKeyPair(name);
  const alg = privateKey.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : privateKey.algorithm;
  const sig = await defaultCrypto.subtle.sign(alg, privateKey, data);
  expect(await defaultCrypto.subtle.verify(alg, publicKey, sig, data)).toBe(true);
}

/** PKCS#1 v1.5 type-2 encryption by openssl, the padding a SCEP client uses to wrap its content key. */
function opensslPkcs1Encrypt(spki: Uint8Array, secret: string): Uint8Array {
  ws.write('enc.pub.pem', spkiToPem(spki));
  ws.write('enc.secret', secret);
  ws.run(['pkeyutl', '-encrypt', '-pubin', '-inkey', 'enc.pub.pem', '-pkeyopt', 'rsa_padding_mode:pkcs1', '-in', 'enc.secret', '-out', 'enc.out']);
  return ws.read('enc.out');
}

function expectPkcs1Block(raw: Uint8Array, secret: string): void {
  expect(raw.length).toBe(256);
  expect([raw[0], raw[1]]).toEqual([0x00, 0x02]);
  const tail = raw.subarray(raw.length - secret.length);
  expect(new TextDecoder().decode(tail)).toBe(secret);
  expect(raw[raw.length - secret.length - 1]).toBe(0x00);
}

describe('SoftwareKeyStore', () => {
  const dir = path.join(ws.dir, 'software');
  let rsaPkcs8: Uint8Array;

  beforeAll(async () => {
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase, kdf });
    await sut.generate('ca-signing', { kind: 'rsa', bits: 2048 });
    await sut.generate('device-ec', { kind: 'ec', curve: 'P-256' });
    rsaPkcs8 = await sut.exportPrivateKey('ca-signing');
  });

  it('ok/keys survive a restart: a new instance on the same directory lists, signs and exports them', async () => {
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase });
    const list = await sut.list();
    expect(list.map((k) => [k.name, k.spec, k.exportable])).toEqual([
      ['ca-signing', { kind: 'rsa', bits: 2048 }, true],
      ['device-ec', { kind: 'ec', curve: 'P-256' }, true],
    ]);
    await signsAndVerifies(sut, 'ca-signing');
    await signsAndVerifies(sut, 'device-ec');
    expect(await sut.exportPrivateKey('ca-signing')).toEqual(rsaPkcs8);
    expect(spkiFromPkcs8(rsaPkcs8)).toEqual(await sut.getPublicKeySpki('ca-signing'));
    const { privateKey } = await sut.getKeyPair('ca-signing');
    expect(privateKey.extractable).toBe(true);
    expect(privateKey.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
  });

  it('ok/openssl pkey reads the exported PKCS#8 and derives the stored SPKI', async () => {
    ws.write('exported.pem', pkcs8ToPem(rsaPkcs8));
    const pub = ws.run(['pkey', '-in', 'exported.pem', '-pubout']);
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase });
    expect(fromPem(pub, 'PUBLIC KEY')).toEqual(await sut.getPublicKeySpki('ca-signing'));
  });

  it('ok/at rest the directory holds no plaintext key, only sealed records readable only by owner', () => {
    const needle = Buffer.from(rsaPkcs8).toString('base64').slice(40, 100);
    const files = fs.readdirSync(dir);
    expect(files.sort()).toEqual(['ca-signing.key.json', 'device-ec.key.json', 'keystore.json']);
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(text).not.toContain(needle);
      expect(text).not.toContain('PRIVATE KEY');
      expect(fs.statSync(path.join(dir, f)).mode & 0o077).toBe(0);
    }
  });

  it('fail/wrong passphrase is a PkiVerificationError saying so', async () => {
    await expect(SoftwareKeyStore.open({ directory: dir, passphrase: 'wrong' })).rejects.toThrow(PkiVerificationError);
    await expect(SoftwareKeyStore.open({ directory: dir, passphrase: 'wrong' })).rejects.toThrow(/wrong passphrase/);
  });

  it('fail/a record copied under another name does not open', async () => {
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase });
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'ca-signing.key.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'stolen.key.json'), JSON.stringify({ ...record, name: 'stolen' }));
    await expect(sut.exportPrivateKey('stolen')).rejects.toThrow(/does not open/);
    await expect(sut.getKeyPair('stolen')).rejects.toThrow(KeyStoreError);
    expect(await sut.delete('stolen')).toBe(true);
  });

  it('fail/a tampered sealed blob does not open', async () => {
    const storage = new MemoryKeyStorage();
    const sut = await SoftwareKeyStore.open({ storage, passphrase, kdf });
    await sut.importPrivateKey('imported', rsaPkcs8);
    const record = JSON.parse(new TextDecoder().decode(await storage.read('imported.key.json'))) as { sealed: string };
    const sealed = Buffer.from(record.sealed, 'base64');
    sealed[10] ^= 1;
    await storage.write('imported.key.json', new TextEncoder().encode(JSON.stringify({ ...record, sealed: sealed.toString('base64') })));
    const reopened = await SoftwareKeyStore.open({ storage, passphrase });
    await expect(reopened.exportPrivateKey('imported')).rejects.toThrow(KeyStoreError);
  });

  it('ok/PBKDF2-SHA256 stores reopen with the recorded iteration count', async () => {
    const storage = new MemoryKeyStorage();
    const first = await SoftwareKeyStore.open({ storage, passphrase, kdf: { name: 'pbkdf2-sha256', iterations: 10_000 } });
    await first.importPrivateKey('k', rsaPkcs8);
    const header = JSON.parse(new TextDecoder().decode(await storage.read('keystore.json'))) as { kdf: unknown };
    expect(header.kdf).toEqual({ name: 'pbkdf2-sha256', iterations: 10_000 });
    const second = await SoftwareKeyStore.open({ storage, passphrase });
    expect(await second.exportPrivateKey('k')).toEqual(rsaPkcs8);
    await expect(SoftwareKeyStore.open({ storage, passphrase: 'nope' })).rejects.toThrow(/wrong passphrase/);
  });

  it('ok/the default scrypt cost is N=2^15 and is recorded', async () => {
    const storage = new MemoryKeyStorage();
    await SoftwareKeyStore.open({ storage, passphrase });
    const header = JSON.parse(new TextDecoder().decode(await storage.read('keystore.json'))) as { kdf: unknown };
    expect(header.kdf).toEqual({ name: 'scrypt', N: 32768, r: 8, p: 1 });
  });

  it('ok/decryptRaw undoes openssl PKCS#1 v1.5 encryption without removing the padding', async () => {
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase });
    const ct = opensslPkcs1Encrypt(await sut.getPublicKeySpki('ca-signing'), 'sixteen byte key');
    expectPkcs1Block(await sut.decryptRaw('ca-signing', ct), 'sixteen byte key');
  });

  it('fail/decryptRaw refuses EC keys and ciphertexts of the wrong length', async () => {
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase });
    await expect(sut.decryptRaw('device-ec', new Uint8Array(32))).rejects.toThrow(KeyStoreError);
    await expect(sut.decryptRaw('ca-signing', new Uint8Array(255))).rejects.toThrow(PkiFormatError);
    await expect(sut.decryptRaw('ca-signing', new Uint8Array(256).fill(0xff))).rejects.toThrow(PkiFormatError);
  });

  it('ok/the same RSA key opens for RSA-OAEP decrypt', async () => {
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase });
    const oaep = await sut.getKeyPair('ca-signing', { name: 'RSA-OAEP', hash: 'SHA-1' });
    const ct = await defaultCrypto.subtle.encrypt({ name: 'RSA-OAEP' }, oaep.publicKey, data);
    expect(new Uint8Array(await defaultCrypto.subtle.decrypt({ name: 'RSA-OAEP' }, oaep.privateKey, ct))).toEqual(data);
    expect(oaep.privateKey.usages.sort()).toEqual(['decrypt', 'unwrapKey']);
  });

  it('fail/duplicate, unknown and path-like names are KeyStoreErrors', async () => {
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase });
    await expect(sut.importPrivateKey('ca-signing', rsaPkcs8)).rejects.toThrow(/already exists/);
    await expect(sut.getKeyPair('missing')).rejects.toThrow(/no key named "missing"/);
    await expect(sut.generate('../escape', { kind: 'ec', curve: 'P-256' })).rejects.toThrow(/invalid key name/);
    await expect(sut.getKeyPair('a/b')).rejects.toThrow(KeyStoreError);
  });

  it('ok/toString, toJSON and util.inspect reveal neither the passphrase nor key material', async () => {
    const sut = await SoftwareKeyStore.open({ directory: dir, passphrase });
    await sut.getKeyPair('ca-signing');
    const needle = Buffer.from(rsaPkcs8).toString('base64').slice(40, 80);
    for (const text of [String(sut), JSON.stringify(sut), inspect(sut, { showHidden: true, depth: Infinity }), inspect({ sut }, { depth: Infinity })]) {
      expect(text).not.toContain(passphrase);
      expect(text).not.toContain(needle);
      expect(text).toContain('software');
    }
  });
});

describe('SimulatedHsmKeyStore', () => {
  const dir = path.join(ws.dir, 'hsm');
  const masterKey = new Uint8Array(32).fill(7);
  let importedSpki: Uint8Array;

  beforeAll(async () => {
    const sut = await SimulatedHsmKeyStore.open({ directory: dir, masterKey });
    await sut.generate('kra', { kind: 'rsa', bits: 2048 });
    ws.run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ra.pem']);
    await sut.importPrivateKey('ra', ws.readText('ra.pem'));
    importedSpki = fromPem(ws.run(['pkey', '-in', 'ra.pem', '-pubout']), 'PUBLIC KEY');
  });

  it('ok/keys survive a restart and open non-extractable', async () => {
    const sut = await SimulatedHsmKeyStore.open({ directory: dir, masterKey });
    expect((await sut.list()).map((k) => [k.name, k.exportable])).toEqual([
      ['kra', false],
      ['ra', false],
    ]);
    await signsAndVerifies(sut, 'kra');
    await signsAndVerifies(sut, 'ra');
    const { privateKey } = await sut.getKeyPair('kra');
    expect(privateKey.extractable).toBe(false);
    await expect(defaultCrypto.subtle.exportKey('pkcs8', privateKey)).rejects.toThrow();
    expect(await sut.getPublicKeySpki('ra')).toEqual(importedSpki);
    expect(describePublicKey(await sut.getPublicKeySpki('kra'))).toEqual({ kind: 'rsa', bits: 2048 });
  });

  it('fail/every export attempt is a KeyStoreError that says the key is non-exportable', async () => {
    const sut = await SimulatedHsmKeyStore.open({ directory: dir, masterKey });
    for (const name of ['kra', 'ra']) {
      await expect(sut.exportPrivateKey(name)).rejects.toThrow(KeyStoreError);
      await expect(sut.exportPrivateKey(name)).rejects.toThrow(/non-exportable/);
    }
    const oaep = await sut.getKeyPair('kra', { name: 'RSA-OAEP', hash: 'SHA-256' });
    expect(oaep.privateKey.extractable).toBe(false);
  });

  it('ok/decryptRaw unwraps inside the store with a non-extractable key', async () => {
    const sut = await SimulatedHsmKeyStore.open({ directory: dir, masterKey });
    const ct = opensslPkcs1Encrypt(await sut.getPublicKeySpki('kra'), 'a content key!!');
    expectPkcs1Block(await sut.decryptRaw('kra', ct), 'a content key!!');
  });

  it('fail/a wrong master key, or a passphrase on a master-key store, does not unlock', async () => {
    await expect(SimulatedHsmKeyStore.open({ directory: dir, masterKey: new Uint8Array(32).fill(8) })).rejects.toThrow(/wrong master key/);
    await expect(SimulatedHsmKeyStore.open({ directory: dir, passphrase })).rejects.toThrow(/master key, not a passphrase/);
  });

  it('fail/a software store directory does not open as an HSM', async () => {
    const storage = new MemoryKeyStorage();
    await SoftwareKeyStore.open({ storage, passphrase, kdf });
    await expect(SimulatedHsmKeyStore.open({ storage, passphrase })).rejects.toThrow(/holds a software key store/);
  });

  it('ok/passphrase-unlocked HSM round-trips across instances', async () => {
    const storage = new MemoryKeyStorage();
    const first = await SimulatedHsmKeyStore.open({ storage, passphrase, kdf });
    await first.importPrivateKey('ra', ws.readText('ra.pem'));
    const second = await SimulatedHsmKeyStore.open({ storage, passphrase });
    await signsAndVerifies(second, 'ra');
    expect(await second.delete('ra')).toBe(true);
    expect(await second.list()).toEqual([]);
    await expect(SimulatedHsmKeyStore.open({ storage, passphrase: 'x' })).rejects.toThrow(/wrong passphrase/);
  });

  it('ok/inspect shows no master key bytes', async () => {
    const sut = await SimulatedHsmKeyStore.open({ directory: dir, masterKey });
    const text = inspect(sut, { showHidden: true, depth: Infinity }) + JSON.stringify(sut) + String(sut);
    expect(text).not.toMatch(/7, 7, 7|0707070707/);
    expect(text).toContain('simulated-hsm');
  });
});
