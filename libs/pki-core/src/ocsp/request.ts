import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { type CertID, Nonce, OCSPRequest, Request, TBSRequest, id_pkix_ocsp_nonce } from '@peculiar/asn1-ocsp';
import { Extension } from '@peculiar/asn1-x509';
import { randomBytes } from 'node:crypto';
import { defaultCrypto } from '../crypto-provider';
import { toArrayBuffer, toHex } from '../encoding/bytes';
import { PkiFormatError } from '../errors';
import type { Certificate } from '../x509/certificate';
import { normalizeSerial, parseDer, readingAs } from '../x509/der';
import { type OcspCertId, certIdFor, encodeCertId } from './cert-id';
import { type CertIdHash, certIdHashOf } from './wire';

const STRUCTURE = 'OCSP request';

export function decodeCertId(id: CertID, structure: string): OcspCertId {
  const hash = certIdHashOf(id.hashAlgorithm.algorithm);
  if (!hash) throw new PkiFormatError(structure, `unsupported CertID hash algorithm ${id.hashAlgorithm.algorithm}`);
  return {
    hash,
    issuerNameHash: toHex(new Uint8Array(id.issuerNameHash.buffer)),
    issuerKeyHash: toHex(new Uint8Array(id.issuerKeyHash.buffer)),
    serialNumber: normalizeSerial(new Uint8Array(id.serialNumber)),
  };
}

/** The nonce extension's value: RFC 8954 §2.1 makes it an OCTET STRING inside the extnValue. */
export function readNonce(extensions: readonly Extension[] | undefined, structure: string): Uint8Array | undefined {
  const ext = extensions?.find((e) => e.extnID === id_pkix_ocsp_nonce);
  if (!ext) return undefined;
  return readingAs(structure, () => {
    const raw = new Uint8Array(ext.extnValue.buffer);
    try {
      return new Uint8Array(AsnConvert.parse(toArrayBuffer(raw), Nonce).buffer);
    } catch {
      // Some old clients put the nonce bytes straight into extnValue; echo them as sent.
      return raw;
    }
  });
}

export function nonceExtension(nonce: Uint8Array): Extension {
  return new Extension({
    extnID: id_pkix_ocsp_nonce,
    critical: false,
    extnValue: new OctetString(AsnConvert.serialize(new Nonce(toArrayBuffer(nonce)))),
  });
}

/**
 * A parsed, unsigned OCSP request (RFC 6960 §4.1). Read-only, keeps its DER. Signed requests are
 * read too, but their optionalSignature is not checked: this responder answers anyone.
 */
export class OcspRequest {
  private constructor(
    readonly der: Uint8Array,
    readonly certIds: readonly OcspCertId[],
    readonly nonce: Uint8Array | undefined,
    readonly signed: boolean,
  ) {
    Object.freeze(this);
  }

  /** Parses DER; throws PkiFormatError on anything else, including an empty request list. */
  static parse(der: Uint8Array): OcspRequest {
    const asn = parseDer(der, OCSPRequest, STRUCTURE);
    const list = asn.tbsRequest.requestList;
    if (list.length === 0) throw new PkiFormatError(STRUCTURE, 'requestList is empty');
    const certIds = list.map((r) => decodeCertId(r.reqCert, STRUCTURE));
    return new OcspRequest(new Uint8Array(der), certIds, readNonce(asn.tbsRequest.requestExtensions, STRUCTURE), asn.optionalSignature !== undefined);
  }
}

export interface OcspRequestInput {
  /** Serial numbers (hex) of certificates issued by `issuer`. */
  readonly serialNumbers: readonly string[];
  readonly issuer: Certificate;
  readonly hash?: CertIdHash;
  /** A nonce to send; `true` for 16 random bytes. */
  readonly nonce?: Uint8Array | true;
}

/** Builds an unsigned OCSP request, as `openssl ocsp -issuer … -serial …` does. */
export async function createOcspRequest(input: OcspRequestInput, crypto: Crypto = defaultCrypto): Promise<OcspRequest> {
  const requestList = await Promise.all(
    input.serialNumbers.map(async (s) => new Request({ reqCert: encodeCertId(await certIdFor(s, input.issuer, input.hash ?? 'SHA-1', crypto)) })),
  );
  const nonce = input.nonce === true ? new Uint8Array(randomBytes(16)) : input.nonce;
  const tbsRequest = new TBSRequest({ requestList, ...(nonce ? { requestExtensions: [nonceExtension(nonce)] } : {}) });
  return OcspRequest.parse(new Uint8Array(AsnConvert.serialize(new OCSPRequest({ tbsRequest }))));
}
