import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCrypto } from '../crypto-provider';
import { PkiFormatError } from '../errors';
import { fromPem } from '../encoding/pem';
import { toArrayBuffer } from '../encoding/bytes';
import { opensslWorkspace } from '../testing/openssl';
import {
  KEY_SPECS,
  type KeySpec,
  describePrivateKey,
  describePublicKey,
  exportPkcs8,
  exportSpki,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  keySpecOf,
  keySpecOfPrivateKey,
  pkcs8ToPem,
  spkiFromPkcs8,
  spkiToPem,
} from './index';

const ws = opensslWorkspace();
afterAll(() => ws.cleanup());

describe('key generation', () => {
  it.each(KEY_SPECS.map((spec) => [spec.kind === 'rsa' ? `ok/rsa-${spec.bits}` : `ok/ec-${spec.curve}`, spec] as const))(
    '%s generates a pair whose SPKI describes as the spec',
    async (_name, spec: KeySpec) => {
      const pair = await generateKeyPair(spec);
      const spki = await exportSpki(pair.publicKey);
      expect(keySpecOf(describePublicKey(spki))).toEqual(spec);
      expect(keySpecOf(describePrivateKey(await exportPkcs8(pair.privateKey)))).toEqual(spec);
      if (spec.kind === 'rsa') expect(pair.privateKey.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
      else expect(pair.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: spec.curve });
    },
    20_000,
  );
});

describe('PKCS#8 / SPKI interop with openssl', () => {
  let rsaPem: string;
  let ecPem: string;
  beforeAll(() => {
    ws.run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem']);
    ws.run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', 'ec.pem']);
    rsaPem = ws.readText('rsa.pem');
    ecPem = ws.readText('ec.pem');
  });

  it('ok/imports an RSA PKCS#8 PEM from openssl genpkey and signs verifiably with its public key', async () => {
    expect(keySpecOfPrivateKey(rsaPem)).toEqual({ kind: 'rsa', bits: 2048 });
    const key = await importPrivateKey(rsaPem);
    const data = new TextEncoder().encode('hello');
    const sig = await defaultCrypto.subtle.sign('RSASSA-PKCS1-v1_5', key, data);
    ws.write('rsa.pub.der', spkiFromPkcs8(rsaPem));
    ws.write('data', data);
    ws.write('sig', new Uint8Array(sig));
    expect(ws.run(['dgst', '-sha256', '-verify', 'rsa.pub.der', '-keyform', 'DER', '-signature', 'sig', 'data'])).toContain('Verified OK');
  });

  it('ok/imports an EC P-384 PKCS#8 DER from openssl and the SPKI matches openssl pkey -pubout', async () => {
    ws.run(['pkcs8', '-topk8', '-nocrypt', '-in', 'ec.pem', '-outform', 'DER', '-out', 'ec.der']);
    ws.run(['pkey', '-in', 'ec.pem', '-pubout', '-outform', 'DER', '-out', 'ec.pub.der']);
    const key = await importPrivateKey(ws.read('ec.der'), { extractable: true });
    expect(key.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-384' });
    expect(spkiFromPkcs8(ecPem)).toEqual(ws.read('ec.pub.der'));
    expect(describePublicKey(ws.read('ec.pub.der'))).toEqual({ kind: 'ec', curve: 'P-384' });
    expect(key.extractable).toBe(true);
  });

  it('ok/imports the same RSA PKCS#8 for RSA-OAEP and decrypts what openssl pkeyutl encrypted', async () => {
    ws.write('secret', 'content-encryption-key-32-bytes!');
    ws.run(['pkeyutl', '-encrypt', '-pubin', '-inkey', 'rsa.pub.der', '-keyform', 'DER', '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-in', 'secret', '-out', 'secret.enc']);
    const key = await importPrivateKey(rsaPem, { use: { name: 'RSA-OAEP', hash: 'SHA-256' } });
    const plain = await defaultCrypto.subtle.decrypt({ name: 'RSA-OAEP' }, key, toArrayBuffer(ws.read('secret.enc')));
    expect(new TextDecoder().decode(plain)).toBe('content-encryption-key-32-bytes!');
  });

  it('ok/openssl pkey reads our exported PKCS#8 and SPKI, PEM and DER', async () => {
    const pair = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const pkcs8 = await exportPkcs8(pair.privateKey);
    const spki = await exportSpki(pair.publicKey);
    ws.write('ours.key.pem', pkcs8ToPem(pkcs8));
    ws.write('ours.key.der', pkcs8);
    ws.write('ours.pub.pem', spkiToPem(spki));
    const text = ws.run(['pkey', '-in', 'ours.key.pem', '-noout', '-text']);
    expect(text).toContain('Private-Key: (256 bit)');
    expect(text).toContain('NIST CURVE: P-256');
    const pubFromDer = ws.run(['pkey', '-in', 'ours.key.der', '-inform', 'DER', '-pubout']);
    expect(fromPem(pubFromDer, 'PUBLIC KEY')).toEqual(spki);
    expect(ws.run(['pkey', '-pubin', '-in', 'ours.pub.pem', '-noout', '-text'])).toContain('Public-Key: (256 bit)');
  });

  it('ok/imports an SPKI from openssl for verification', async () => {
    const key = await importPublicKey(ws.read('rsa.pub.der'));
    expect(key.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 });
    expect(key.usages).toEqual(['verify']);
  });
});

describe('describing keys', () => {
  it('ok/an RSA-1024 key is described but has no KeySpec', () => {
    ws.run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'small.pem']);
    ws.run(['pkey', '-in', 'small.pem', '-pubout', '-out', 'small.pub.pem']);
    const description = describePublicKey(ws.readText('small.pub.pem'));
    expect(description).toEqual({ kind: 'rsa', bits: 1024 });
    expect(keySpecOf(description)).toBeUndefined();
    expect(() => keySpecOfPrivateKey(ws.readText('small.pem'))).toThrow(/RSA 1024 is not a supported key/);
  });

  it('ok/an Ed25519 key is described as other with its OID', () => {
    ws.run(['genpkey', '-algorithm', 'ED25519', '-out', 'ed.pem']);
    ws.run(['pkey', '-in', 'ed.pem', '-pubout', '-out', 'ed.pub.pem']);
    expect(describePublicKey(ws.readText('ed.pub.pem'))).toEqual({ kind: 'other', algorithmOid: '1.3.101.112' });
    expect(describePrivateKey(ws.readText('ed.pem'))).toEqual({ kind: 'other', algorithmOid: '1.3.101.112' });
  });

  it('fail/garbage SPKI is a PkiFormatError', () => {
    expect(() => describePublicKey(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).toThrow(PkiFormatError);
  });

  it('fail/a PEM without a PUBLIC KEY block is a PkiFormatError', () => {
    expect(() => describePublicKey('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toThrow(PkiFormatError);
  });

  it('fail/importing a private key for the wrong family is a TypeError before any crypto', async () => {
    await expect(importPrivateKey(ws.readText('ec.pem'), { use: { name: 'RSA-OAEP' } })).rejects.toThrow(/cannot be used for RSA-OAEP/);
  });
});
