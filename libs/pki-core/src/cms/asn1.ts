import { AsnConvert } from '@peculiar/asn1-schema';
import { IssuerAndSerialNumber } from '@peculiar/asn1-cms';
import { Certificate, SubjectKeyIdentifier, id_ce_subjectKeyIdentifier } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { PkiFormatError } from '../errors';
import { bytesEqual, toArrayBuffer } from '../encoding/bytes';

type Ctor<T> = new () => T;

/** Parses untrusted DER with an asn1-schema class; anything that goes wrong is a PkiFormatError. */
export function parseDer<T>(der: Uint8Array | ArrayBuffer, type: Ctor<T>, structure: string): T {
  try {
    return AsnConvert.parse(toArrayBuffer(der instanceof ArrayBuffer ? new Uint8Array(der) : der), type);
  } catch (cause) {
    throw new PkiFormatError(structure, `not a valid ${type.name}`, { cause });
  }
}

export function encodeDer(value: unknown): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(value));
}

/**
 * The raw encodings of the elements inside the first `[tagNumber]` context-tagged child of the
 * SEQUENCE `der`. Used to hand back certificates exactly as they were sent: re-encoding a parsed
 * certificate could change bytes a signature covers.
 */
export function rawTaggedChildren(der: Uint8Array, tagNumber: number, structure: string): Uint8Array[] | undefined {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw new PkiFormatError(structure, 'not a DER SEQUENCE');
  }
  const tagged = parsed.result.valueBlock.value.find(
    (el) => el.idBlock.tagClass === 3 && el.idBlock.tagNumber === tagNumber,
  );
  if (!tagged) return undefined;
  const block: unknown = tagged.valueBlock;
  const children = (block as { value?: unknown }).value;
  if (!Array.isArray(children)) throw new PkiFormatError(structure, `[${tagNumber}] is not constructed`);
  return children.map((child: asn1js.BaseBlock) => new Uint8Array(child.valueBeforeDecodeView));
}

/** What CMS needs to know about a certificate to name it and to match a SignerIdentifier / RecipientIdentifier. */
export interface CertificateRef {
  readonly der: Uint8Array;
  readonly cert: Certificate;
  readonly issuerDer: Uint8Array;
  readonly serial: Uint8Array;
  readonly subjectKeyIdentifier?: Uint8Array;
  readonly spkiDer: Uint8Array;
}

export function certificateRef(der: Uint8Array): CertificateRef {
  const cert = parseDer(der, Certificate, 'X.509 certificate');
  const tbs = cert.tbsCertificate;
  const skiExt = tbs.extensions?.find((e) => e.extnID === id_ce_subjectKeyIdentifier);
  let ski: Uint8Array | undefined;
  if (skiExt) {
    ski = new Uint8Array(parseDer(skiExt.extnValue.buffer, SubjectKeyIdentifier, 'X.509 certificate').buffer);
  }
  return {
    der,
    cert,
    issuerDer: encodeDer(tbs.issuer),
    serial: new Uint8Array(tbs.serialNumber),
    subjectKeyIdentifier: ski,
    spkiDer: encodeDer(tbs.subjectPublicKeyInfo),
  };
}

export function issuerAndSerialNumberOf(ref: CertificateRef): IssuerAndSerialNumber {
  return new IssuerAndSerialNumber({ issuer: ref.cert.tbsCertificate.issuer, serialNumber: toArrayBuffer(ref.serial) });
}

/** A SignerIdentifier / RecipientIdentifier in plain bytes. */
export type CmsIdentifier =
  | { readonly kind: 'issuerAndSerialNumber'; readonly issuerDer: Uint8Array; readonly serial: Uint8Array }
  | { readonly kind: 'subjectKeyIdentifier'; readonly subjectKeyIdentifier: Uint8Array };

export function identifierFrom(
  choice: { issuerAndSerialNumber?: IssuerAndSerialNumber; subjectKeyIdentifier?: SubjectKeyIdentifier },
  structure: string,
): CmsIdentifier {
  if (choice.issuerAndSerialNumber) {
    return {
      kind: 'issuerAndSerialNumber',
      issuerDer: encodeDer(choice.issuerAndSerialNumber.issuer),
      serial: new Uint8Array(choice.issuerAndSerialNumber.serialNumber),
    };
  }
  if (choice.subjectKeyIdentifier) {
    return { kind: 'subjectKeyIdentifier', subjectKeyIdentifier: new Uint8Array(choice.subjectKeyIdentifier.buffer) };
  }
  throw new PkiFormatError(structure, 'identifier is neither issuerAndSerialNumber nor subjectKeyIdentifier');
}

export function identifies(id: CmsIdentifier, ref: CertificateRef): boolean {
  if (id.kind === 'issuerAndSerialNumber') {
    return bytesEqual(id.issuerDer, ref.issuerDer) && bytesEqual(stripZeros(id.serial), stripZeros(ref.serial));
  }
  return ref.subjectKeyIdentifier !== undefined && bytesEqual(id.subjectKeyIdentifier, ref.subjectKeyIdentifier);
}

function stripZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** Minimal two's-complement encoding of an unsigned big-endian integer, as DER INTEGER wants. */
export function unsignedInteger(bytes: Uint8Array): ArrayBuffer {
  const v = stripZeros(bytes);
  if (v[0] & 0x80) {
    const out = new Uint8Array(v.length + 1);
    out.set(v, 1);
    return out.buffer;
  }
  return toArrayBuffer(v);
}

/** DER SET OF: the element encodings sorted as X.690 11.6 requires for signed attributes. */
export function derSetOf(elements: Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort(compareBytes);
  const set = new asn1js.Set({ value: sorted.map((e) => asn1js.fromBER(toArrayBuffer(e)).result) });
  return new Uint8Array(set.toBER(false));
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * The raw `signedAttrs [0] IMPLICIT` of each SignerInfo of a SignedData, in order (undefined where
 * absent). asn1-schema does not keep raw bytes for repeated fields, and the signature covers
 * exactly the bytes that were sent.
 */
export function rawSignedAttributes(signedDataDer: Uint8Array, structure: string): (Uint8Array | undefined)[] {
  const parsed = asn1js.fromBER(toArrayBuffer(signedDataDer));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw new PkiFormatError(structure, 'not a DER SEQUENCE');
  const fields = parsed.result.valueBlock.value;
  const signerInfos = fields[fields.length - 1];
  if (!(signerInfos instanceof asn1js.Set)) throw new PkiFormatError(structure, 'signerInfos is not a SET');
  return signerInfos.valueBlock.value.map((si) => {
    if (!(si instanceof asn1js.Sequence)) throw new PkiFormatError(structure, 'SignerInfo is not a SEQUENCE');
    // version, sid, digestAlgorithm, then signedAttrs [0] if present (sid may itself be [0]).
    const candidate = si.valueBlock.value[3];
    if (candidate && candidate.idBlock.tagClass === 3 && candidate.idBlock.tagNumber === 0) {
      return new Uint8Array(candidate.valueBeforeDecodeView);
    }
    return undefined;
  });
}
