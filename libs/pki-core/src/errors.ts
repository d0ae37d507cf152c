/**
 * Every parser in pki-core takes untrusted bytes. Anything that does not parse becomes a
 * PkiFormatError naming the structure and what was wrong, never a raw asn1js/pkijs exception,
 * so callers (the SCEP endpoint above all) can map it to a clean refusal.
 */
export class PkiFormatError extends Error {
  override readonly name = 'PkiFormatError';

  constructor(
    /** The structure being read, e.g. `PKCS#10`, `CMS SignedData`, `SCEP PKIMessage`. */
    readonly structure: string,
    /** What was wrong with it, in words an operator can act on. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${structure}: ${reason}`, options);
  }
}

/** A cryptographic check failed on well-formed input: bad signature, wrong password, wrong key. */
export class PkiVerificationError extends Error {
  override readonly name = 'PkiVerificationError';

  constructor(
    readonly structure: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${structure}: ${reason}`, options);
  }
}

/** An operation the key store refuses by policy, such as exporting a non-extractable key. */
export class KeyStoreError extends Error {
  override readonly name = 'KeyStoreError';
}
