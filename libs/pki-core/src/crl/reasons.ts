/** RFC 5280 §5.3.1 CRLReason wire values; 7 is unused by the RFC. */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;

const BY_CODE = new Map<number, RevocationReason>(
  (Object.entries(REVOCATION_REASONS) as [RevocationReason, number][]).map(([name, code]) => [code, name]),
);

export function revocationReasonOf(code: number): RevocationReason | undefined {
  return BY_CODE.get(code);
}
