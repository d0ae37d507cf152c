import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  BasicOCSPResponse,
  CertStatus,
  OCSPResponse,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
  id_pkix_ocsp_basic,
} from '@peculiar/asn1-ocsp';
import { AlgorithmIdentifier, CRLReason, Certificate as AsnCertificate, Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { createHash } from 'node:crypto';
import { defaultCrypto } from '../crypto-provider';
import { toArrayBuffer } from '../encoding/bytes';
import { PkiFormatError } from '../errors';
import { REVOCATION_REASONS, type RevocationReason } from '../crl/reasons';
import { Certificate } from '../x509/certificate';
import type { CertificateIssuer } from '../x509/certificate-builder';
import { normalizeSerial, parseDer, readingAs } from '../x509/der';
import { signingAlgorithmFor } from '../x509/signing';
import { type OcspCertId, encodeCertId } from './cert-id';
import { decodeNonceFrom, decodeSingle } from './response-decode';
import { nonceExtension } from './request';
import { OCSP_RESPONSE_STATUSES, type OcspResponseStatus, ocspResponseStatusOf } from './wire';

const STRUCTURE = 'OCSP response';

/** RFC 6960 §2.2: good, revoked (with time and optional reason) or unknown. */
export type OcspCertStatus =
  | { readonly status: 'good' }
  | { readonly status: 'revoked'; readonly revokedAt: Date; readonly reason?: RevocationReason }
  | { readonly status: 'unknown' };

export type OcspSingleResponse = OcspCertStatus & {
  readonly certId: OcspCertId;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
};

export interface OcspResponseInput {
  /** The CA itself (RFC 6960 §4.2.2.2 case 1), or a delegated responder with id-kp-OCSPSigning. */
  readonly signer: CertificateIssuer;
  readonly responses: readonly OcspSingleResponse[];
  /** Echo of the request's nonce (RFC 8954). */
  readonly nonce?: Uint8Array;
  readonly producedAt?: Date;
  /** Put the signer certificate in `certs`; openssl finds a CA signer without it. Default false. */
  readonly includeSignerCertificate?: boolean;
}

const whole = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

function statusOf(r: OcspCertStatus): CertStatus {
  if (r.status === 'good') return new CertStatus({ good: null });
  if (r.status === 'unknown') return new CertStatus({ unknown: null });
  return new CertStatus({
    revoked: new RevokedInfo({
      revocationTime: whole(r.revokedAt),
      ...(r.reason !== undefined ? { revocationReason: new CRLReason(REVOCATION_REASONS[r.reason] as number) } : {}),
    }),
  });
}

/** RFC 6960 §4.2.1 ResponderID byKey: SHA-1 of the signer's subjectPublicKey BIT STRING value. */
function responderKeyHash(cert: Certificate): ArrayBuffer {
  const bits = new Uint8Array(AsnConvert.parse(toArrayBuffer(cert.spki), SubjectPublicKeyInfo).subjectPublicKey);
  return toArrayBuffer(new Uint8Array(createHash('sha1').update(bits).digest()));
}

function signatureAlgorithmIdentifier(key: CryptoKey): { alg: AlgorithmIdentifier; params: Algorithm | EcdsaParams } {
  const params = signingAlgorithmFor(key) as Algorithm & { hash?: string | { name: string } };
  const hash = typeof params.hash === 'string' ? params.hash : (params.hash?.name ?? 'SHA-256');
  const rsa: Record<string, string> = { 'SHA-256': '1.2.840.113549.1.1.11', 'SHA-384': '1.2.840.113549.1.1.12', 'SHA-512': '1.2.840.113549.1.1.13' };
  const ec: Record<string, string> = { 'SHA-256': '1.2.840.10045.4.3.2', 'SHA-384': '1.2.840.10045.4.3.3', 'SHA-512': '1.2.840.10045.4.3.4' };
  if (params.name === 'ECDSA') return { alg: new AlgorithmIdentifier({ algorithm: ec[hash] }), params: { name: 'ECDSA', hash } as EcdsaParams };
  return { alg: new AlgorithmIdentifier({ algorithm: rsa[hash], parameters: null }), params: { name: 'RSASSA-PKCS1-v1_5' } };
}

/** ECDSA in WebCrypto signs as r||s; X.509 and OCSP carry the DER Ecdsa-Sig-Value. */
function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.slice(i);
    return v[0] >= 0x80 ? Uint8Array.from([0, ...v]) : v;
  };
  const r = int(raw.slice(0, half));
  const s = int(raw.slice(half));
  const body = Uint8Array.from([0x02, r.length, ...r, 0x02, s.length, ...s]);
  return Uint8Array.from([0x30, body.length, ...body]);
}

/** Builds and signs a successful BasicOCSPResponse (RFC 6960 §4.2.1) and returns the OCSPResponse DER. */
export async function createOcspResponse(input: OcspResponseInput, crypto: Crypto = defaultCrypto): Promise<Uint8Array> {
  const tbs = new ResponseData({
    responderID: new ResponderID({ byKey: new OctetString(responderKeyHash(input.signer.certificate)) }),
    producedAt: whole(input.producedAt ?? new Date()),
    responses: input.responses.map(
      (r) =>
        new SingleResponse({
          certID: encodeCertId(r.certId),
          certStatus: statusOf(r),
          thisUpdate: whole(r.thisUpdate),
          ...(r.nextUpdate ? { nextUpdate: whole(r.nextUpdate) } : {}),
        }),
    ),
    ...(input.nonce ? { responseExtensions: [nonceExtension(input.nonce)] } : {}),
  });
  const tbsDer = AsnConvert.serialize(tbs);
  const { alg, params } = signatureAlgorithmIdentifier(input.signer.privateKey);
  let signature = new Uint8Array(await crypto.subtle.sign(params, input.signer.privateKey, tbsDer));
  if (params.name === 'ECDSA') signature = new Uint8Array(ecdsaRawToDer(signature));
  const basic = new BasicOCSPResponse({
    tbsResponseData: tbs,
    signatureAlgorithm: alg,
    signature: toArrayBuffer(signature),
    ...(input.includeSignerCertificate ? { certs: [AsnConvert.parse(toArrayBuffer(input.signer.certificate.der), AsnCertificate)] } : {}),
  });
  const response = new OCSPResponse({
    responseStatus: OCSP_RESPONSE_STATUSES.successful,
    responseBytes: new ResponseBytes({ responseType: id_pkix_ocsp_basic, response: new OctetString(AsnConvert.serialize(basic)) }),
  });
  return new Uint8Array(AsnConvert.serialize(response));
}

/** An unsigned error answer (malformedRequest, unauthorized, …): RFC 6960 §2.3. */
export function createOcspErrorResponse(status: Exclude<OcspResponseStatus, 'successful'>): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(new OCSPResponse({ responseStatus: OCSP_RESPONSE_STATUSES[status] })));
}

/** A parsed OCSP response. Parsing checks structure; `verify()` checks the signature separately. */
export class OcspResponse {
  private constructor(
    readonly der: Uint8Array,
    readonly status: OcspResponseStatus,
    readonly producedAt: Date | undefined,
    readonly responses: readonly OcspSingleResponse[],
    readonly nonce: Uint8Array | undefined,
    readonly certificates: readonly Certificate[],
    readonly responderKeyHash: Uint8Array | undefined,
    readonly responderName: Uint8Array | undefined,
    private readonly signed: { tbs: ArrayBuffer; signature: Uint8Array; algorithm: string } | undefined,
  ) {
    Object.freeze(this);
  }

  static parse(der: Uint8Array): OcspResponse {
    const asn = parseDer(der, OCSPResponse, STRUCTURE);
    const status = ocspResponseStatusOf(asn.responseStatus);
    if (!status) throw new PkiFormatError(STRUCTURE, `unknown responseStatus ${asn.responseStatus}`);
    if (status !== 'successful') return new OcspResponse(new Uint8Array(der), status, undefined, [], undefined, [], undefined, undefined, undefined);
    const bytes = asn.responseBytes;
    if (!bytes) throw new PkiFormatError(STRUCTURE, 'a successful response has no responseBytes');
    if (bytes.responseType !== id_pkix_ocsp_basic) throw new PkiFormatError(STRUCTURE, `unsupported responseType ${bytes.responseType}`);
    const basicDer = new Uint8Array(bytes.response.buffer);
    const basic = parseDer(basicDer, BasicOCSPResponse, STRUCTURE);
    const data = basic.tbsResponseData;
    const responses = data.responses.map((r) => decodeSingle(r, STRUCTURE));
    const certificates = readingAs(STRUCTURE, () => (basic.certs ?? []).map((c) => Certificate.parse(new Uint8Array(AsnConvert.serialize(c)))));
    const keyHash = data.responderID.byKey ? new Uint8Array(data.responderID.byKey.buffer) : undefined;
    const byName = data.responderID.byName ? new Uint8Array(AsnConvert.serialize(data.responderID.byName as Name)) : undefined;
    return new OcspResponse(
      new Uint8Array(der),
      status,
      data.producedAt,
      responses,
      decodeNonceFrom(data, STRUCTURE),
      certificates,
      keyHash,
      byName,
      { tbs: AsnConvert.serialize(data), signature: new Uint8Array(basic.signature), algorithm: basic.signatureAlgorithm.algorithm },
    );
  }

  /** The single response for a serial, if the responder answered about it. */
  find(serialNumber: string): OcspSingleResponse | undefined {
    const s = normalizeSerial(serialNumber);
    return this.responses.find((r) => r.certId.serialNumber === s);
  }

  /** Whether the response is signed by `signer`'s key; never throws on a bad signature. */
  async verify(signer: Certificate, crypto: Crypto = defaultCrypto): Promise<boolean> {
    if (!this.signed) return false;
    const ec = this.signed.algorithm.startsWith('1.2.840.10045.');
    try {
      const hash = ({ '1.2.840.113549.1.1.11': 'SHA-256', '1.2.840.113549.1.1.12': 'SHA-384', '1.2.840.113549.1.1.13': 'SHA-512', '1.2.840.10045.4.3.2': 'SHA-256', '1.2.840.10045.4.3.3': 'SHA-384', '1.2.840.10045.4.3.4': 'SHA-512' } as Record<string, string>)[this.signed.algorithm];
      if (!hash) return false;
      const key = await signer.importPublicKey(ec ? { name: 'ECDSA' } : { name: 'RSASSA-PKCS1-v1_5', hash: hash as 'SHA-256' }, crypto);
      const sig = ec ? derToEcdsaRaw(this.signed.signature, signer.publicKey.kind === 'ec' && signer.publicKey.curve === 'P-384' ? 48 : 32) : this.signed.signature;
      return await crypto.subtle.verify(ec ? { name: 'ECDSA', hash } : { name: 'RSASSA-PKCS1-v1_5' }, key, toArrayBuffer(sig), this.signed.tbs);
    } catch {
      return false;
    }
  }
}

function derToEcdsaRaw(der: Uint8Array, size: number): Uint8Array {
  // SEQUENCE { INTEGER r, INTEGER s }, short lengths (P-256/P-384 signatures stay under 128 bytes).
  const out = new Uint8Array(size * 2);
  let i = 2;
  for (let k = 0; k < 2; k++) {
    const len = der[i + 1];
    let v = der.slice(i + 2, i + 2 + len);
    while (v.length > size && v[0] === 0) v = v.slice(1);
    out.set(v, k * size + (size - v.length));
    i += 2 + len;
  }
  return out;
}

