import * as asn1js from 'asn1js';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  CRLReason,
  CertificateList,
  id_ce_authorityKeyIdentifier,
  id_ce_cRLNumber,
  id_ce_cRLReasons,
} from '@peculiar/asn1-x509';
import { defaultCrypto, x509 } from '../crypto-provider';
import { derOrPem, toPem } from '../encoding/pem';
import { toArrayBuffer, toHex } from '../encoding/bytes';
import { PkiFormatError } from '../errors';
import type { Certificate } from '../x509/certificate';
import { normalizeSerial, parseDer, readingAs, signatureAlgorithmName } from '../x509/der';
import { type RevocationReason, revocationReasonOf } from './reasons';

const STRUCTURE = 'X.509 CRL';

export interface CrlEntry {
  /** Normalized like Certificate.serialNumber: lowercase hex, no sign octet. */
  readonly serialNumber: string;
  readonly revocationDate: Date;
  /** Absent when the entry carries no reasonCode (RFC 5280 says to omit "unspecified"). */
  readonly reason?: RevocationReason;
}

function integerValue(der: ArrayBuffer): bigint {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset !== der.byteLength || !(parsed.result instanceof asn1js.Integer)) {
    throw new PkiFormatError(STRUCTURE, 'cRLNumber is not an INTEGER');
  }
  return parsed.result.toBigInt();
}

/** A parsed CRL: read-only, keeps its DER, entries indexed by serial for lookup. */
export class Crl {
  readonly der: Uint8Array;
  readonly issuer: string;
  readonly issuerNameDer: Uint8Array;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly crlNumber?: bigint;
  /** Lowercase hex. */
  readonly authorityKeyIdentifier?: string;
  readonly signatureAlgorithm: string;
  readonly entries: readonly CrlEntry[];
  readonly #bySerial: ReadonlyMap<string, CrlEntry>;
  readonly #x509: x509.X509Crl;

  private constructor(der: Uint8Array) {
    const asn = parseDer(der, CertificateList, STRUCTURE);
    this.der = new Uint8Array(der);
    const tbs = asn.tbsCertList;
    const view = readingAs(STRUCTURE, () => {
      const issuerNameDer = new Uint8Array(AsnConvert.serialize(tbs.issuer));
      let crlNumber: bigint | undefined;
      let aki: string | undefined;
      for (const ext of tbs.crlExtensions ?? []) {
        if (ext.extnID === id_ce_cRLNumber) crlNumber = integerValue(ext.extnValue.buffer);
        if (ext.extnID === id_ce_authorityKeyIdentifier) {
          const keyId = AsnConvert.parse(ext.extnValue.buffer, AuthorityKeyIdentifier).keyIdentifier;
          if (keyId) aki = toHex(keyId.buffer);
        }
      }
      const entries = (tbs.revokedCertificates ?? []).map((rc): CrlEntry => {
        let reason: RevocationReason | undefined;
        for (const ext of rc.crlEntryExtensions ?? []) {
          if (ext.extnID !== id_ce_cRLReasons) continue;
          const code = AsnConvert.parse(ext.extnValue.buffer, CRLReason).reason;
          reason = revocationReasonOf(code);
          if (reason === undefined) throw new PkiFormatError(STRUCTURE, `unknown CRL reason code ${code}`);
        }
        return {
          serialNumber: normalizeSerial(new Uint8Array(rc.userCertificate)),
          revocationDate: rc.revocationDate.getTime(),
          ...(reason !== undefined ? { reason } : {}),
        };
      });
      return {
        issuerNameDer,
        issuer: new x509.Name(issuerNameDer).toString(),
        thisUpdate: tbs.thisUpdate.getTime(),
        nextUpdate: tbs.nextUpdate?.getTime(),
        crlNumber,
        aki,
        entries,
      };
    });
    this.issuerNameDer = view.issuerNameDer;
    this.issuer = view.issuer;
    this.thisUpdate = view.thisUpdate;
    this.nextUpdate = view.nextUpdate;
    this.crlNumber = view.crlNumber;
    this.authorityKeyIdentifier = view.aki;
    this.entries = view.entries;
    this.signatureAlgorithm = signatureAlgorithmName(asn.signatureAlgorithm.algorithm);
    this.#bySerial = new Map(view.entries.map((e) => [e.serialNumber, e]));
    this.#x509 = readingAs(STRUCTURE, () => new x509.X509Crl(toArrayBuffer(this.der)));
    Object.freeze(this);
  }

  /** Parses DER or PEM ("X509 CRL"); throws only PkiFormatError on bad input. */
  static parse(input: Uint8Array | string): Crl {
    return new Crl(derOrPem(input, 'X509 CRL'));
  }

  get pem(): string {
    return toPem(this.der, 'X509 CRL');
  }

  /** The entry for a serial in any common spelling (`0A:1B`, `0a1b`, `A1B`), or undefined. */
  lookup(serialHex: string): CrlEntry | undefined {
    let key: string;
    try {
      key = normalizeSerial(serialHex);
    } catch {
      return undefined;
    }
    return this.#bySerial.get(key);
  }

  /** Whether `issuer` issued this CRL: its Name matches and its key verifies the signature. */
  async verify(issuer: Certificate, crypto: Crypto = defaultCrypto): Promise<boolean> {
    if (!Buffer.from(issuer.subjectNameDer).equals(Buffer.from(this.issuerNameDer))) return false;
    try {
      return await this.#x509.verify({ publicKey: new x509.PublicKey(toArrayBuffer(issuer.spki)) }, crypto);
    } catch {
      return false;
    }
  }

  isCurrentAt(at: Date = new Date()): boolean {
    return at.getTime() >= this.thisUpdate.getTime() && (this.nextUpdate === undefined || at.getTime() <= this.nextUpdate.getTime());
  }

  toString(): string {
    return `Crl(issuer="${this.issuer}", number=${this.crlNumber ?? '-'}, entries=${this.entries.length})`;
  }
}
