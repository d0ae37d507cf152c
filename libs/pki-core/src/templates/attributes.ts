/**
 * The RDN attribute types a subject template may use, as Intune's subject name format accepts
 * them. `x509Name` is the name @peculiar/x509's Name string parser knows; types it does not
 * know are written as dotted OIDs, which it does parse.
 */
export const RDN_ATTRIBUTES = {
  CN: { oid: '2.5.4.3', x509Name: 'CN', description: 'common name' },
  E: { oid: '1.2.840.113549.1.9.1', x509Name: 'E', description: 'e-mail address (PKCS#9 emailAddress)' },
  OU: { oid: '2.5.4.11', x509Name: 'OU', description: 'organizational unit' },
  O: { oid: '2.5.4.10', x509Name: 'O', description: 'organization' },
  L: { oid: '2.5.4.7', x509Name: 'L', description: 'locality' },
  ST: { oid: '2.5.4.8', x509Name: 'ST', description: 'state or province' },
  C: { oid: '2.5.4.6', x509Name: 'C', description: 'country (two letters, ISO 3166)' },
  STREET: { oid: '2.5.4.9', x509Name: undefined, description: 'street address' },
  DC: { oid: '0.9.2342.19200300.100.1.25', x509Name: 'DC', description: 'domain component' },
  SERIALNUMBER: { oid: '2.5.4.5', x509Name: undefined, description: 'serial number (of the subject)' },
  UID: { oid: '0.9.2342.19200300.100.1.1', x509Name: undefined, description: 'user ID' },
  G: { oid: '2.5.4.42', x509Name: 'G', description: 'given name' },
  SN: { oid: '2.5.4.4', x509Name: 'SN', description: 'surname' },
  T: { oid: '2.5.4.12', x509Name: 'T', description: 'title' },
} as const;
export type RdnAttributeName = keyof typeof RDN_ATTRIBUTES;

/** Other spellings Intune and Windows accept for the same types. */
const ALIASES: Record<string, RdnAttributeName> = { EMAIL: 'E', EMAILADDRESS: 'E', S: 'ST', GN: 'G', GIVENNAME: 'G' };

const BY_OID = new Map<string, RdnAttributeName>(
  Object.entries(RDN_ATTRIBUTES).map(([name, a]) => [a.oid, name as RdnAttributeName]),
);

/** Looks an attribute up by name (case-insensitive, aliases included) or by dotted OID. */
export function findRdnAttribute(nameOrOid: string): { name: RdnAttributeName; oid: string } | undefined {
  const key = nameOrOid.trim();
  if (/^\d+(\.\d+)+$/.test(key)) {
    const name = BY_OID.get(key);
    return name ? { name, oid: key } : undefined;
  }
  const upper = key.toUpperCase();
  const name = Object.hasOwn(RDN_ATTRIBUTES, upper) ? (upper as RdnAttributeName) : ALIASES[upper];
  return name ? { name, oid: RDN_ATTRIBUTES[name].oid } : undefined;
}

/** The type as written in a DN string @peculiar/x509 can parse back. */
export function dnTypeLabel(oid: string): string {
  const name = BY_OID.get(oid);
  return (name && RDN_ATTRIBUTES[name].x509Name) ?? oid;
}
