/*
 * Test-only helpers for the cms and scep folders: keys and certificates made with @peculiar/x509,
 * and a scratch directory for openssl. Not exported from the barrel.
 */
import '../crypto-provider';
import { defaultCrypto, x509 } from '../crypto-provider';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toPem } from '../encoding/pem';

export interface TestKey {
  readonly keys: CryptoKeyPair;
  readonly pkcs8: Uint8Array;
  readonly pkcs8Pem: string;
}

const RSA_PARAMS = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;

export async function rsaKey(bits = 2048, hash: 'SHA-1' | 'SHA-256' | 'SHA-512' = 'SHA-256'): Promise<TestKey> {
  const keys = (await defaultCrypto.subtle.generateKey({ ...RSA_PARAMS, modulusLength: bits, hash }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return withPkcs8(keys);
}

export async function ecKey(): Promise<TestKey> {
  const keys = (await defaultCrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return withPkcs8(keys);
}

/** The same RSA key imported for another signature hash (WebCrypto binds the hash to the key). */
export async function rsaKeyForHash(key: TestKey, hash: 'SHA-1' | 'SHA-256' | 'SHA-512'): Promise<CryptoKey> {
  return defaultCrypto.subtle.importKey('pkcs8', key.pkcs8.slice().buffer, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
}

async function withPkcs8(keys: CryptoKeyPair): Promise<TestKey> {
  const pkcs8 = new Uint8Array(await defaultCrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { keys, pkcs8, pkcs8Pem: toPem(pkcs8, 'PRIVATE KEY') };
}

export interface TestCert {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly key: TestKey;
  readonly subject: string;
}

let serial = 1;
function nextSerial(): string {
  return (0x1000 + serial++).toString(16).padStart(6, '0');
}

function sigAlg(key: TestKey): Algorithm {
  return key.keys.privateKey.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } as Algorithm : { name: 'RSASSA-PKCS1-v1_5' };
}

export async function selfSigned(subject: string, key: TestKey, ca = true): Promise<TestCert> {
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: subject,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 86400_000),
    keys: key.keys,
    signingAlgorithm: sigAlg(key),
    extensions: [
      new x509.BasicConstraintsExtension(ca, undefined, true),
      new x509.KeyUsagesExtension(
        ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature
          : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(key.keys.publicKey),
    ],
  });
  const der = new Uint8Array(cert.rawData);
  return { der, pem: toPem(der, 'CERTIFICATE'), key, subject };
}

export async function issue(
  issuer: TestCert,
  subject: string,
  publicKey: CryptoKey,
  usage = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
): Promise<Uint8Array> {
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject,
    issuer: issuer.subject,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 86400_000),
    publicKey,
    signingKey: issuer.key.keys.privateKey,
    signingAlgorithm: sigAlg(issuer.key),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(usage, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.key.keys.publicKey),
    ],
  });
  return new Uint8Array(cert.rawData);
}

export async function issued(issuer: TestCert, subject: string, key: TestKey, usage?: number): Promise<TestCert> {
  const der = await issue(issuer, subject, key.keys.publicKey, usage);
  return { der, pem: toPem(der, 'CERTIFICATE'), key, subject };
}

export interface Scratch {
  readonly dir: string;
  write(name: string, data: Uint8Array | string): string;
  read(name: string): Uint8Array;
  openssl(args: string[], input?: Uint8Array | string): Buffer;
  cleanup(): void;
}

export function scratch(): Scratch {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certlab-cms-'));
  const p = (name: string) => path.join(dir, name);
  return {
    dir,
    write(name, data) {
      fs.writeFileSync(p(name), data);
      return p(name);
    },
    read: (name) => new Uint8Array(fs.readFileSync(p(name))),
    openssl(args, input) {
      try {
        return execFileSync('openssl', args, { cwd: dir, input, stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (err) {
        const e = err as { stderr?: Buffer; message: string };
        throw new Error(`openssl ${args.join(' ')}: ${e.stderr?.toString() ?? e.message}`);
      }
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
