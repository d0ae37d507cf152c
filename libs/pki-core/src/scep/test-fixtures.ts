/* Test-only: a CA, an NDES-style RA and a SCEP client, shared by the scep tests. Not exported. */
import '../crypto-provider';
import { x509 } from '../crypto-provider';
import { createPrivateKey } from 'node:crypto';
import { rsaUnwrapperFromKey, signatureKeyFromKeyObject, type RsaKeyUnwrapper } from '../cms';
import { issued, rsaKey, selfSigned, type TestCert, type TestKey } from '../cms/test-helpers';
import type { ScepSigner } from './cert-rep';
import { toArrayBuffer } from '../encoding/bytes';

export interface ScepWorld {
  readonly ca: TestCert;
  readonly ra: TestCert;
  /** Extractable copy of the RA key, only so openssl can be handed the same key. */
  readonly raKey: TestKey;
  /** The RA's decryption capability, built from a non-extractable key as a key store would hold it. */
  readonly raUnwrapper: RsaKeyUnwrapper;
  /** Signs with any hash, so replies can mirror the client's. */
  readonly raSigner: ScepSigner;
  readonly client: TestCert;
  readonly clientKey: TestKey;
  readonly clientUnwrapper: RsaKeyUnwrapper;
  readonly csrDer: Uint8Array;
}

export async function scepWorld(): Promise<ScepWorld> {
  const [caKey, raKey, clientKey] = await Promise.all([rsaKey(), rsaKey(), rsaKey()]);
  const ca = await selfSigned('CN=certlab issuing CA', caKey);
  const ra = await issued(ca, 'CN=certlab NDES RA', raKey);
  const raNonExtractable = await crypto.subtle.importKey('pkcs8', raKey.pkcs8.slice().buffer, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=device-42',
    keys: clientKey.keys,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
  });
  // RFC 8894 §2.3: a client without a certificate signs with a self-signed one for its new key.
  const client = await selfSigned('CN=device-42', clientKey, false);
  return {
    ca,
    ra,
    raKey,
    raUnwrapper: rsaUnwrapperFromKey(raNonExtractable),
    raSigner: { certificate: ra.der, key: signatureKeyFromKeyObject(createPrivateKey({ key: Buffer.from(raKey.pkcs8), format: 'der', type: 'pkcs8' })) },
    client,
    clientKey,
    clientUnwrapper: rsaUnwrapperFromKey(clientKey.pkcs8),
    csrDer: new Uint8Array(csr.rawData),
  };
}

/** The CA "issues" a certificate for a CSR's key and subject. */
export async function issueForCsr(world: ScepWorld, csrDer: Uint8Array): Promise<Uint8Array> {
  const csr = new x509.Pkcs10CertificateRequest(toArrayBuffer(csrDer));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '7a01',
    subject: csr.subject,
    issuer: world.ca.subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86400_000),
    publicKey: csr.publicKey,
    signingKey: world.ca.key.keys.privateKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
  });
  return new Uint8Array(cert.rawData);
}

export async function spkiOf(certDer: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(new x509.X509Certificate(toArrayBuffer(certDer)).publicKey.rawData);
}
