import { type KeySpec, generateKeyPair } from '../keys/key-spec';
import { Certificate } from '../x509/certificate';
import { type CertificateIssuer, type CertificateProfile, createSelfSignedCertificate, issueCertificate } from '../x509/certificate-builder';
import type { WritableSubjectAltName } from '../x509/general-names';

/** A CA for tests: its certificate and key pair, usable directly as a CertificateIssuer. */
export interface TestCa extends CertificateIssuer {
  readonly keys: CryptoKeyPair;
}

export interface TestHierarchy {
  readonly root: TestCa;
  readonly issuing: TestCa;
}

export interface TestHierarchyOptions {
  readonly rootName?: string;
  readonly issuingName?: string;
  readonly keySpec?: KeySpec;
  /** Reuse key pairs (e.g. from `testKeyPair`) instead of generating; keygen dominates test time. */
  readonly rootKeys?: CryptoKeyPair;
  readonly issuingKeys?: CryptoKeyPair;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** CDP and AIA URLs written into the issuing CA and into leaves issued by `issueTestCertificate`. */
  readonly crlUrl?: string;
  readonly caIssuersUrl?: string;
}

const DAY = 86_400_000;
const keyCache = new Map<string, Promise<CryptoKeyPair>>();

/**
 * One key pair per spec and label per test worker: RSA-2048 keygen costs ~150 ms on this
 * machine, so tests share keys rather than making new ones per case. Two CAs made with the same
 * spec and label share a key: give a test that needs a distinct CA (a forged CRL, another
 * hierarchy) its own labels.
 */
export function testKeyPair(spec: KeySpec = { kind: 'rsa', bits: 2048 }, label = 'default'): Promise<CryptoKeyPair> {
  const key = `${JSON.stringify(spec)}|${label}`;
  let pair = keyCache.get(key);
  if (!pair) {
    pair = generateKeyPair(spec);
    keyCache.set(key, pair);
  }
  return pair;
}

/** An offline root and an issuing CA under it, like the AD CS two-tier hierarchy certlab models. */
export async function createTestHierarchy(options: TestHierarchyOptions = {}): Promise<TestHierarchy> {
  const spec = options.keySpec ?? { kind: 'rsa', bits: 2048 };
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
  const notAfter = options.notAfter ?? new Date(Date.now() + 3650 * DAY);
  const rootKeys = options.rootKeys ?? (await testKeyPair(spec, 'root'));
  const issuingKeys = options.issuingKeys ?? (await testKeyPair(spec, 'issuing'));
  const rootCert = await createSelfSignedCertificate({
    subject: options.rootName ?? 'CN=certlab Test Root CA, O=certlab',
    keys: rootKeys,
    notBefore,
    notAfter,
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
  });
  const root: TestCa = { certificate: rootCert, privateKey: rootKeys.privateKey, keys: rootKeys };
  const issuingCert = await issueCertificate(
    {
      subject: options.issuingName ?? 'CN=certlab Test Issuing CA, O=certlab',
      publicKey: issuingKeys.publicKey,
      notBefore,
      notAfter,
      basicConstraints: { ca: true, pathLength: 0 },
      keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
      ...(options.crlUrl ? { crlDistributionPoints: [options.crlUrl] } : {}),
      ...(options.caIssuersUrl ? { authorityInfoAccess: { caIssuers: [options.caIssuersUrl] } } : {}),
    },
    root,
  );
  return { root, issuing: { certificate: issuingCert, privateKey: issuingKeys.privateKey, keys: issuingKeys } };
}

export interface TestCertificateOptions extends Partial<Omit<CertificateProfile, 'subject'>> {
  readonly subject?: string;
  readonly keySpec?: KeySpec;
  /** Reuse a key pair; otherwise the cached `testKeyPair(keySpec, 'leaf')`. */
  readonly keys?: CryptoKeyPair;
  readonly subjectAltNames?: readonly WritableSubjectAltName[];
}

/** An end-entity certificate (client auth by default) issued by a test CA. */
export async function issueTestCertificate(
  issuer: CertificateIssuer,
  options: TestCertificateOptions = {},
): Promise<{ certificate: Certificate; keys: CryptoKeyPair }> {
  const keys = options.keys ?? (await testKeyPair(options.keySpec ?? { kind: 'rsa', bits: 2048 }, 'leaf'));
  const { keySpec: _spec, keys: _keys, subject, ...profile } = options;
  const certificate = await issueCertificate(
    {
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['clientAuth'],
      notBefore: new Date(Date.now() - 3600_000),
      notAfter: new Date(Date.now() + 365 * DAY),
      ...profile,
      subject: subject ?? 'CN=test device',
      publicKey: keys.publicKey,
    },
    issuer,
  );
  return { certificate, keys };
}
