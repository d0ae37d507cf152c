import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  CRLDistributionPoints,
  CertificatePolicies,
  ExtendedKeyUsage,
  type Extension as AsnExtension,
  KeyUsage,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_cRLDistributionPoints,
  id_ce_certificatePolicies,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_pe_authorityInfoAccess,
} from '@peculiar/asn1-x509';
import { x509 } from '../crypto-provider';
import { toArrayBuffer, toHex } from '../encoding/bytes';
import { PkiFormatError } from '../errors';
import { type SubjectAltName, type WritableSubjectAltName, decodeGeneralName, toJsonGeneralNames } from './general-names';

/** RFC 5280 §4.2.1.3 bit order; the names are the ones openssl and the RFC print. */
export const KEY_USAGES = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
  encipherOnly: 128,
  decipherOnly: 256,
} as const;
export type KeyUsageName = keyof typeof KEY_USAGES;

/** The EKUs certlab's profiles offer, by name; any other OID may be given as is. */
export const EXTENDED_KEY_USAGES = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
  /** Microsoft smart card logon, on Windows user certificates. */
  smartcardLogon: '1.3.6.1.4.1.311.20.2.2',
  /** Microsoft Certificate Request Agent: the NDES RA's enrollment agent certificate. */
  certificateRequestAgent: '1.3.6.1.4.1.311.20.2.1',
} as const;
export type ExtendedKeyUsageName = keyof typeof EXTENDED_KEY_USAGES;

export function ekuOid(nameOrOid: string): string {
  return (EXTENDED_KEY_USAGES as Record<string, string>)[nameOrOid] ?? nameOrOid;
}

export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue contents (the DER inside the OCTET STRING). */
  readonly value: Uint8Array;
}

export interface BasicConstraintsView {
  readonly ca: boolean;
  readonly pathLength?: number;
  readonly critical: boolean;
}

/** The decoded extensions certlab cares about, shared by certificates and CSRs. */
export interface ExtensionsView {
  readonly basicConstraints?: BasicConstraintsView;
  /** Undefined when the extension is absent (which is not the same as "no usage allowed"). */
  readonly keyUsage?: readonly KeyUsageName[];
  readonly keyUsageCritical?: boolean;
  /** OIDs, in order. */
  readonly extendedKeyUsage?: readonly string[];
  readonly subjectAltNames: readonly SubjectAltName[];
  /** Lowercase hex. */
  readonly subjectKeyIdentifier?: string;
  readonly authorityKeyIdentifier?: string;
  readonly crlDistributionPoints: readonly string[];
  readonly authorityInfoAccess: { readonly caIssuers: readonly string[]; readonly ocsp: readonly string[] };
  readonly certificatePolicies: readonly string[];
  readonly extensions: readonly RawExtension[];
}

const ID_AD_OCSP = '1.3.6.1.5.5.7.48.1';
const ID_AD_CA_ISSUERS = '1.3.6.1.5.5.7.48.2';

function uriOf(name: SubjectAltName): string | undefined {
  return name.type === 'uri' ? name.value : undefined;
}

/** Decodes extensions; a malformed known extension is a PkiFormatError naming it. */
export function decodeExtensions(list: readonly AsnExtension[] | undefined, structure: string): ExtensionsView {
  const raw: RawExtension[] = [];
  const view: {
    -readonly [K in keyof ExtensionsView]: ExtensionsView[K];
  } = { subjectAltNames: [], crlDistributionPoints: [], authorityInfoAccess: { caIssuers: [], ocsp: [] }, certificatePolicies: [], extensions: raw };
  const seen = new Set<string>();
  for (const ext of list ?? []) {
    const oid = ext.extnID;
    // RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular extension."
    if (seen.has(oid)) throw new PkiFormatError(structure, `extension ${oid} appears more than once`);
    seen.add(oid);
    const value = new Uint8Array(ext.extnValue.buffer);
    raw.push({ oid, critical: ext.critical, value });
    const der = ext.extnValue.buffer;
    try {
      switch (oid) {
        case id_ce_basicConstraints: {
          const bc = AsnConvert.parse(der, BasicConstraints);
          view.basicConstraints = { ca: bc.cA, ...(bc.pathLenConstraint !== undefined ? { pathLength: bc.pathLenConstraint } : {}), critical: ext.critical };
          break;
        }
        case id_ce_keyUsage: {
          const flags = AsnConvert.parse(der, KeyUsage).toNumber();
          view.keyUsage = (Object.keys(KEY_USAGES) as KeyUsageName[]).filter((n) => (flags & KEY_USAGES[n]) !== 0);
          view.keyUsageCritical = ext.critical;
          break;
        }
        case id_ce_extKeyUsage:
          view.extendedKeyUsage = [...AsnConvert.parse(der, ExtendedKeyUsage)];
          break;
        case id_ce_subjectAltName:
          view.subjectAltNames = [...AsnConvert.parse(der, SubjectAlternativeName)].map((n) => decodeGeneralName(n, structure));
          break;
        case id_ce_subjectKeyIdentifier:
          view.subjectKeyIdentifier = toHex(AsnConvert.parse(der, SubjectKeyIdentifier).buffer);
          break;
        case id_ce_authorityKeyIdentifier: {
          const aki = AsnConvert.parse(der, AuthorityKeyIdentifier);
          if (aki.keyIdentifier) view.authorityKeyIdentifier = toHex(aki.keyIdentifier.buffer);
          break;
        }
        case id_ce_cRLDistributionPoints:
          view.crlDistributionPoints = [...AsnConvert.parse(der, CRLDistributionPoints)]
            .flatMap((dp) => dp.distributionPoint?.fullName ?? [])
            .map((n) => uriOf(decodeGeneralName(n, structure)))
            .filter((u): u is string => u !== undefined);
          break;
        case id_pe_authorityInfoAccess: {
          const caIssuers: string[] = [];
          const ocsp: string[] = [];
          for (const ad of AsnConvert.parse(der, AuthorityInfoAccessSyntax)) {
            const uri = uriOf(decodeGeneralName(ad.accessLocation, structure));
            if (uri === undefined) continue;
            if (ad.accessMethod === ID_AD_CA_ISSUERS) caIssuers.push(uri);
            if (ad.accessMethod === ID_AD_OCSP) ocsp.push(uri);
          }
          view.authorityInfoAccess = { caIssuers, ocsp };
          break;
        }
        case id_ce_certificatePolicies:
          view.certificatePolicies = [...AsnConvert.parse(der, CertificatePolicies)].map((p) => p.policyIdentifier);
          break;
      }
    } catch (err) {
      if (err instanceof PkiFormatError) throw err;
      throw new PkiFormatError(structure, `extension ${oid} is malformed`, { cause: err });
    }
  }
  return view;
}

/** The extensions a certificate or CSR may ask for; every field optional. */
export interface ExtensionsProfile {
  /** Critical by default, as RFC 5280 §4.2.1.9 requires for CA certificates. */
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number; readonly critical?: boolean };
  /** Critical by default (RFC 5280 §4.2.1.3: "SHOULD mark this extension critical"). */
  readonly keyUsage?: readonly KeyUsageName[];
  readonly keyUsageCritical?: boolean;
  /** Names from EXTENDED_KEY_USAGES or OIDs. */
  readonly extendedKeyUsage?: readonly string[];
  readonly subjectAltNames?: readonly WritableSubjectAltName[];
  /** Critical when the subject DN is empty, as RFC 5280 §4.2.1.6 requires. */
  readonly subjectAltNamesCritical?: boolean;
  readonly crlDistributionPoints?: readonly string[];
  readonly authorityInfoAccess?: { readonly caIssuers?: readonly string[]; readonly ocsp?: readonly string[] };
  readonly certificatePolicies?: readonly string[];
  readonly extraExtensions?: readonly RawExtension[];
}

export function encodeExtensions(profile: ExtensionsProfile): x509.Extension[] {
  const out: x509.Extension[] = [];
  if (profile.basicConstraints) {
    const bc = profile.basicConstraints;
    out.push(new x509.BasicConstraintsExtension(bc.ca, bc.pathLength, bc.critical ?? true));
  }
  if (profile.keyUsage && profile.keyUsage.length > 0) {
    const flags = profile.keyUsage.reduce((acc, n) => acc | KEY_USAGES[n], 0);
    out.push(new x509.KeyUsagesExtension(flags, profile.keyUsageCritical ?? true));
  }
  if (profile.extendedKeyUsage && profile.extendedKeyUsage.length > 0) {
    out.push(new x509.ExtendedKeyUsageExtension(profile.extendedKeyUsage.map(ekuOid), false));
  }
  if (profile.subjectAltNames && profile.subjectAltNames.length > 0) {
    out.push(new x509.SubjectAlternativeNameExtension(toJsonGeneralNames(profile.subjectAltNames), profile.subjectAltNamesCritical ?? false));
  }
  if (profile.crlDistributionPoints && profile.crlDistributionPoints.length > 0) {
    out.push(new x509.CRLDistributionPointsExtension([...profile.crlDistributionPoints], false));
  }
  const aia = profile.authorityInfoAccess;
  if (aia && ((aia.caIssuers?.length ?? 0) > 0 || (aia.ocsp?.length ?? 0) > 0)) {
    out.push(new x509.AuthorityInfoAccessExtension({ caIssuers: [...(aia.caIssuers ?? [])], ocsp: [...(aia.ocsp ?? [])] }, false));
  }
  if (profile.certificatePolicies && profile.certificatePolicies.length > 0) {
    out.push(new x509.CertificatePolicyExtension([...profile.certificatePolicies], false));
  }
  for (const ext of profile.extraExtensions ?? []) out.push(new x509.Extension(ext.oid, ext.critical, toArrayBuffer(ext.value)));
  return out;
}
