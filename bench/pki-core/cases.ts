import {
  buildPkcs12,
  Certificate,
  createCertificateRequest,
  createSelfSignedCertificate,
  defaultCrypto,
  EnvelopedCms,
  encryptCms,
  exportPkcs8,
  generateKeyPair,
  issueCertificate,
  Pkcs12,
  rsaUnwrapperFromKey,
  SignedCms,
  signCms,
} from '@certlab/pki-core';
import type { BenchCase } from '../harness';

const RSA_2048 = { kind: 'rsa', bits: 2048 } as const;
const P_256 = { kind: 'ec', curve: 'P-256' } as const;

/** The baseline: one raw RSA-2048 PKCS#1 v1.5 SHA-256 signature over 32 bytes, WebCrypto. */
export async function rawSignatureBaseline(): Promise<BenchCase> {
  const keys = await generateKeyPair(RSA_2048);
  const data = new Uint8Array(32);
  return { name: 'baseline: raw RSA-2048 sign', run: () => defaultCrypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, data) };
}

/** Every case gets its keys and fixtures up front so it times only its own operation. */
export async function pkiCoreCases(): Promise<BenchCase[]> {
  const caKeys = await generateKeyPair(RSA_2048);
  const ca = await createSelfSignedCertificate({
    subject: 'CN=bench CA',
    keys: caKeys,
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  const issuer = { certificate: ca, privateKey: caKeys.privateKey };
  const leafKeys = await generateKeyPair(RSA_2048, { extractable: true });
  const csr = await createCertificateRequest({ subject: 'CN=bench device', keys: leafKeys, subjectAltNames: [{ type: 'dns', value: 'device.certlab.test' }] });
  const leaf = await issueCertificate({ subject: 'CN=bench device', publicKey: leafKeys.publicKey, keyUsage: ['digitalSignature', 'keyEncipherment'] }, issuer);
  const leafPkcs8 = await exportPkcs8(leafKeys.privateKey);
  const content = new Uint8Array(1024).fill(7);
  const signed = await signCms({ content, signers: [{ certificate: leaf.der, key: leafKeys.privateKey }] });
  const enveloped = await encryptCms({ content, recipients: [{ certificate: leaf.der }], cipher: 'aes-256-cbc' });
  const unwrapper = rsaUnwrapperFromKey(leafPkcs8);
  const pfx = await buildPkcs12({ privateKey: leafPkcs8, certificate: leaf.der, chain: [ca.der], password: 'bench-password' });

  return [
    { name: 'keygen RSA-2048', run: () => generateKeyPair(RSA_2048) },
    { name: 'keygen ECDSA P-256', run: () => generateKeyPair(P_256) },
    { name: 'PKCS#10 build (RSA-2048)', run: () => createCertificateRequest({ subject: 'CN=bench device', keys: leafKeys }) },
    { name: 'PKCS#10 verify', run: () => csr.verify() },
    {
      name: 'certificate issue',
      run: () => issueCertificate({ subject: 'CN=bench device', publicKey: csr.spki, keyUsage: ['digitalSignature'], extendedKeyUsage: ['clientAuth'] }, issuer),
    },
    { name: 'certificate parse', run: async () => Certificate.parse(leaf.der) },
    { name: 'CMS SignedData sign (1 KiB)', run: () => signCms({ content, signers: [{ certificate: leaf.der, key: leafKeys.privateKey }] }) },
    { name: 'CMS SignedData verify', run: () => SignedCms.parse(signed).verify() },
    { name: 'CMS EnvelopedData wrap (AES-256)', run: () => encryptCms({ content, recipients: [{ certificate: leaf.der }], cipher: 'aes-256-cbc' }) },
    { name: 'CMS EnvelopedData unwrap', run: () => EnvelopedCms.parse(enveloped).decrypt(unwrapper) },
    { name: 'PKCS#12 build (PBES2, 10k iter.)', run: () => buildPkcs12({ privateKey: leafPkcs8, certificate: leaf.der, chain: [ca.der], password: 'bench-password' }) },
    { name: 'PKCS#12 parse', run: () => Pkcs12.parse(pfx, 'bench-password') },
  ];
}
