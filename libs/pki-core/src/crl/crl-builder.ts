import * as asn1js from 'asn1js';
import { defaultCrypto, x509 } from '../crypto-provider';
import { toArrayBuffer } from '../encoding/bytes';
import type { CertificateIssuer } from '../x509/certificate-builder';
import { signingAlgorithmFor } from '../x509/signing';
import { Crl } from './crl';
import { REVOCATION_REASONS, type RevocationReason } from './reasons';

export interface CrlEntryInput {
  /** Hex, any case, colons allowed. */
  readonly serialNumber: string;
  readonly revocationDate?: Date;
  readonly reason?: RevocationReason;
}

export interface CrlProfile {
  /** RFC 5280 §5.2.3: conforming CAs MUST include a monotonically increasing cRLNumber. */
  readonly crlNumber: bigint | number;
  readonly thisUpdate?: Date;
  /** RFC 5280 §5.1.2.5: conforming CAs MUST include nextUpdate. Default thisUpdate + 7 days. */
  readonly nextUpdate?: Date;
  readonly entries?: readonly CrlEntryInput[];
}

const ID_CE_CRL_NUMBER = '2.5.29.20';

export async function createCrl(profile: CrlProfile, issuer: CertificateIssuer, crypto: Crypto = defaultCrypto): Promise<Crl> {
  const thisUpdate = new Date(Math.floor((profile.thisUpdate ?? new Date()).getTime() / 1000) * 1000);
  const nextUpdate = profile.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * 24 * 3600 * 1000);
  if (BigInt(profile.crlNumber) < 0n) throw new RangeError('cRLNumber must not be negative');
  // asn1js encodes a bigint as a minimal two's-complement INTEGER, as DER requires.
  const encoded = asn1js.Integer.fromBigInt(BigInt(profile.crlNumber));
  const aki =
    issuer.certificate.subjectKeyIdentifier ??
    (await x509.SubjectKeyIdentifierExtension.create(toArrayBuffer(issuer.certificate.spki), false, crypto)).keyId;
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: new x509.Name(toArrayBuffer(issuer.certificate.subjectNameDer)),
      thisUpdate,
      nextUpdate,
      signingAlgorithm: signingAlgorithmFor(issuer.privateKey),
      signingKey: issuer.privateKey,
      extensions: [
        new x509.AuthorityKeyIdentifierExtension(aki, false),
        new x509.Extension(ID_CE_CRL_NUMBER, false, encoded.toBER()),
      ],
      entries: (profile.entries ?? []).map((e) => ({
        serialNumber: e.serialNumber.replace(/[\s:]/g, ''),
        revocationDate: e.revocationDate ?? thisUpdate,
        // RFC 5280 §5.3.1: "the reason code CRL entry extension SHOULD be absent instead of using the unspecified (0) reasonCode value".
        ...(e.reason !== undefined && e.reason !== 'unspecified' ? { reason: REVOCATION_REASONS[e.reason] as number as x509.X509CrlReason } : {}),
      })),
    },
    crypto,
  );
  return Crl.parse(new Uint8Array(crl.rawData));
}
