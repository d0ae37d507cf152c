import { AsnConvert } from '@peculiar/asn1-schema';
import { Name } from '@peculiar/asn1-x509';
import { toArrayBuffer } from '../encoding/bytes';
import { PkiFormatError } from '../errors';
import { findRdnAttribute } from './attributes';
import type { RenderedSan, SanType } from './san';
import { parseDn, type Rdn } from './subject';

/**
 * Checks what a device asked for against what the cloud rendered (SCEP step 3: the policy module
 * asks the cloud to validate the CSR). Subjects: attribute types by OID, values exactly, RDN
 * order significant. SANs: order-insensitive, DNS names and e-mail addresses case-insensitive.
 */

interface NormalAttribute {
  oid: string;
  value: string;
}

export interface SubjectDifference {
  /** Position of the RDN, 0 = first in the DN string. */
  readonly index: number;
  /** e.g. `CN=alice`, absent when only the other side has an RDN there. */
  readonly expected?: string;
  readonly actual?: string;
}

export interface SubjectComparison {
  readonly equal: boolean;
  readonly differences: readonly SubjectDifference[];
}

/** A DN as an RFC 4514 string, as rendered RDNs, or as the DER of an X.509 Name (from a CSR). */
export type ComparableDn = string | readonly Rdn[] | Uint8Array;

function normalise(dn: ComparableDn): NormalAttribute[][] {
  if (typeof dn === 'string') return normalise(parseDn(dn));
  if (dn instanceof Uint8Array) {
    let name: Name;
    try {
      name = AsnConvert.parse(toArrayBuffer(dn), Name);
    } catch (cause) {
      throw new PkiFormatError('X.509 Name', 'not a DER Name', { cause });
    }
    return name.map((rdn) => rdn.map((atv) => ({ oid: atv.type, value: atv.value.toString() })));
  }
  return dn.map((rdn) => rdn.map((a) => ({ oid: a.oid, value: a.value })));
}

function rdnKey(rdn: NormalAttribute[]): string {
  // A multi-valued RDN is a SET: its order carries no meaning.
  return rdn
    .map((a) => `${a.oid}=${JSON.stringify(a.value)}`)
    .sort()
    .join('+');
}

function describe(rdn: NormalAttribute[] | undefined): string | undefined {
  if (!rdn) return undefined;
  return rdn
    .map((a) => {
      const known = findRdnAttribute(a.oid);
      return `${known?.name ?? a.oid}=${a.value}`;
    })
    .join('+');
}

export function compareSubjects(expected: ComparableDn, actual: ComparableDn): SubjectComparison {
  const e = normalise(expected);
  const a = normalise(actual);
  const differences: SubjectDifference[] = [];
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] && a[i] && rdnKey(e[i]) === rdnKey(a[i])) continue;
    differences.push({ index: i, expected: describe(e[i]), actual: describe(a[i]) });
  }
  return { equal: differences.length === 0, differences };
}

export interface SanComparison {
  readonly equal: boolean;
  /** Rendered but not requested. */
  readonly missing: readonly RenderedSan[];
  /** Requested but not rendered. */
  readonly unexpected: readonly RenderedSan[];
}

const CASE_INSENSITIVE: ReadonlySet<SanType> = new Set<SanType>(['dns', 'email']);

function sanKey(san: RenderedSan): string {
  return `${san.type}:${CASE_INSENSITIVE.has(san.type) ? san.value.toLowerCase() : san.value}`;
}

export function compareSans(expected: readonly RenderedSan[], actual: readonly RenderedSan[]): SanComparison {
  const remaining = new Map<string, number>();
  for (const s of actual) remaining.set(sanKey(s), (remaining.get(sanKey(s)) ?? 0) + 1);
  const missing: RenderedSan[] = [];
  for (const s of expected) {
    const left = remaining.get(sanKey(s)) ?? 0;
    if (left > 0) remaining.set(sanKey(s), left - 1);
    else missing.push(s);
  }
  const unexpected: RenderedSan[] = [];
  for (const s of actual) {
    const left = remaining.get(sanKey(s)) ?? 0;
    if (left > 0) {
      unexpected.push(s);
      remaining.set(sanKey(s), left - 1);
    }
  }
  return { equal: missing.length === 0 && unexpected.length === 0, missing, unexpected };
}
