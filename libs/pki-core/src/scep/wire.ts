/**
 * SCEP wire values (RFC 8894 §3.2.1). Each table holds what goes on the wire; names and texts
 * are derived from it, so there is no second list to drift.
 */

/**
 * RFC 8894 §3.2.1.2: "The messageType attribute specifies the type of operation performed by
 * the transaction. This attribute MUST be included in all PKI messages." A decimal
 * PrintableString.
 */
export const MESSAGE_TYPES = {
  CertRep: '3',
  RenewalReq: '17',
  PKCSReq: '19',
  CertPoll: '20',
  GetCert: '21',
  GetCRL: '22',
} as const;
export type ScepMessageType = keyof typeof MESSAGE_TYPES;

/** RFC 8894 §3.2.1.3: "All response messages MUST include transaction status information." */
export const PKI_STATUS = {
  SUCCESS: '0',
  FAILURE: '2',
  PENDING: '3',
} as const;
export type ScepPkiStatus = keyof typeof PKI_STATUS;

/**
 * RFC 8894 §3.2.1.4: "The failInfo attribute MUST contain one of the following failure reasons"
 * when pkiStatus is FAILURE. The text is what an operator reads in a log or the console.
 */
export const FAIL_INFO = {
  badAlg: { wire: '0', text: 'Unrecognized or unsupported algorithm' },
  badMessageCheck: { wire: '1', text: 'Integrity check (meaning signature verification of the CMS message) failed' },
  badRequest: { wire: '2', text: 'Transaction not permitted or supported' },
  badTime: { wire: '3', text: 'The signingTime attribute from the CMS authenticatedAttributes was not sufficiently close to the system time' },
  badCertId: { wire: '4', text: 'No certificate could be identified matching the provided criteria' },
} as const;
export type ScepFailInfo = keyof typeof FAIL_INFO;

/** The signed attributes SCEP adds to the SignerInfo (RFC 8894 §3.2.1). */
export const SCEP_ATTRIBUTES = {
  messageType: '2.16.840.1.113733.1.9.2',
  pkiStatus: '2.16.840.1.113733.1.9.3',
  failInfo: '2.16.840.1.113733.1.9.4',
  senderNonce: '2.16.840.1.113733.1.9.5',
  recipientNonce: '2.16.840.1.113733.1.9.6',
  transactionID: '2.16.840.1.113733.1.9.7',
  /**
   * id-scep-failInfoText ::= { id-pkix 24 1 } (RFC 8894 §3.2.1.4, a UTF8String). It is not
   * under the VeriSign arc like the others.
   */
  failInfoText: '1.3.6.1.5.5.7.24.1',
} as const;
export type ScepAttributeName = keyof typeof SCEP_ATTRIBUTES;

function inverse<K extends string>(table: Record<K, string>): (wire: string) => K | undefined {
  const map = new Map<string, K>((Object.keys(table) as K[]).map((k) => [table[k], k]));
  return (wire) => map.get(wire);
}

export const messageTypeByWire = inverse(MESSAGE_TYPES);
export const pkiStatusByWire = inverse(PKI_STATUS);
export const failInfoByWire = inverse(
  Object.fromEntries(Object.entries(FAIL_INFO).map(([k, v]) => [k, v.wire])) as Record<ScepFailInfo, string>,
);

export function failInfoText(name: ScepFailInfo): string {
  return FAIL_INFO[name].text;
}

/** RFC 8894 §3.2.1.5: "The senderNonce and recipientNonce attributes are a 16-byte random number". */
export const NONCE_BYTES = 16;
