import { AsnConvert } from '@peculiar/asn1-schema';
import { ChallengePassword } from '@peculiar/asn1-pkcs9';
import { defaultCrypto, x509 } from '../crypto-provider';
import { toArrayBuffer } from '../encoding/bytes';
import { type ExtensionsProfile, encodeExtensions } from '../x509/extensions';
import { signingAlgorithmFor } from '../x509/signing';
import { CHALLENGE_PASSWORD_OID, CertificateRequest } from './certificate-request';

export interface CertificateRequestProfile
  extends Pick<ExtensionsProfile, 'keyUsage' | 'keyUsageCritical' | 'extendedKeyUsage' | 'subjectAltNames' | 'basicConstraints' | 'extraExtensions'> {
  /** A DN string (`CN=…, O=…`) or a Name's DER. */
  readonly subject: string | Uint8Array;
  readonly keys: CryptoKeyPair;
  readonly challengePassword?: string;
  /**
   * openssl and most SCEP clients send a PrintableString when the password allows it and a
   * UTF8String otherwise; that is the default here. Force one to mimic a given client.
   */
  readonly challengePasswordEncoding?: 'printableString' | 'utf8String';
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]+$/;

/** Builds and self-signs a PKCS#10 request; requested extensions go in one extensionRequest attribute. */
export async function createCertificateRequest(profile: CertificateRequestProfile, crypto: Crypto = defaultCrypto): Promise<CertificateRequest> {
  const attributes: x509.Attribute[] = [];
  if (profile.challengePassword !== undefined) {
    const encoding = profile.challengePasswordEncoding ?? (PRINTABLE.test(profile.challengePassword) ? 'printableString' : 'utf8String');
    const value = new ChallengePassword({ [encoding]: profile.challengePassword });
    attributes.push(new x509.Attribute(CHALLENGE_PASSWORD_OID, [AsnConvert.serialize(value)]));
  }
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: typeof profile.subject === 'string' ? new x509.Name(profile.subject) : new x509.Name(toArrayBuffer(profile.subject)),
      keys: profile.keys,
      signingAlgorithm: signingAlgorithmFor(profile.keys.privateKey),
      extensions: encodeExtensions({ ...profile, keyUsageCritical: profile.keyUsageCritical ?? true }),
      attributes,
    },
    crypto,
  );
  return CertificateRequest.parse(new Uint8Array(csr.rawData));
}
