import {
  Certificate,
  EXTENDED_KEY_USAGES,
  type CmsSignatureKey,
  type RsaKeyUnwrapper,
  bytesEqual,
  verifyChain,
} from '@certlab/pki-core';

/** A configuration the RA cannot run with; the message says what to fix. */
export class RaConfigError extends Error {
  override readonly name = 'RaConfigError';
}

export interface RaKeyPair<K> {
  readonly certificate: Certificate;
  /** The public key the key store holds under the RA's key name (SPKI DER). */
  readonly storedSpki: Uint8Array;
  readonly key: K;
}

/**
 * The NDES registration authority, as AD CS sets it up: two certificates like real NDES —
 * the enrollment-agent certificate ("Exchange Enrollment Agent (Offline request)": signs
 * CertReps and countersigns requests to the CA, Certificate Request Agent EKU) and the encryption
 * certificate ("CEP Encryption": keyEncipherment, the recipient clients encrypt their request
 * to). GetCACert sends both, then the issuing CA and the root. Checked once, when built
 * (STYLE habit 8): an RA that cannot work refuses to start.
 */
export class RaIdentity {
  private constructor(
    readonly signing: RaKeyPair<CmsSignatureKey>,
    readonly encryption: RaKeyPair<RsaKeyUnwrapper>,
    /** Issuing CA first, root last. */
    readonly caChain: readonly Certificate[],
  ) {}

  static async create(input: { signing: RaKeyPair<CmsSignatureKey>; encryption: RaKeyPair<RsaKeyUnwrapper>; caChain: readonly Certificate[]; where: string }): Promise<RaIdentity> {
    const { signing, encryption, caChain, where } = input;
    const fix = `; delete the RA files under ${where} to enroll again`;
    if (caChain.length === 0) throw new RaConfigError(`the RA has no CA chain (issuing CA and root)${fix}`);
    const root = caChain[caChain.length - 1];
    if (!root.isSelfIssued) throw new RaConfigError(`the RA's CA chain does not end in a self-signed root (last is "${root.subject}")${fix}`);
    for (const [role, pair] of [['signing', signing], ['encryption', encryption]] as const) {
      const cert = pair.certificate;
      if (cert.publicKey.kind !== 'rsa') throw new RaConfigError(`the RA ${role} certificate has a ${cert.publicKey.kind} key; SCEP needs RSA${fix}`);
      if (!bytesEqual(cert.spki, pair.storedSpki)) throw new RaConfigError(`the RA ${role} certificate "${cert.subject}" does not match the key in the key store${fix}`);
      const chain = await verifyChain({ leaf: cert, intermediates: caChain.slice(0, -1), trustedRoots: [root] });
      if (!chain.ok) throw new RaConfigError(`the RA ${role} certificate does not chain to the CA: ${chain.message}${fix}`);
      // The encryption certificate (AD CS's CEP Encryption) only receives keys; only the signing one must sign.
      if (role === 'signing' && !cert.keyUsage?.includes('digitalSignature')) throw new RaConfigError(`the RA ${role} certificate lacks the digitalSignature key usage${fix}`);
    }
    if (!signing.certificate.extendedKeyUsage?.includes(EXTENDED_KEY_USAGES.certificateRequestAgent)) {
      throw new RaConfigError(`the RA signing certificate lacks the Certificate Request Agent EKU the CA requires of countersignatures${fix}`);
    }
    if (!encryption.certificate.keyUsage?.includes('keyEncipherment')) {
      throw new RaConfigError(`the RA encryption certificate lacks keyEncipherment, so clients cannot encrypt to it: request it on a template with keyEncipherment (RA_ENCRYPTION_TEMPLATE)${fix}`);
    }
    return new RaIdentity(signing, encryption, caChain);
  }

  /** GetCACert: the RA certificates, then the CA chain (issuing first, root last). */
  get getCaCertificates(): Uint8Array[] {
    return [this.signing.certificate.der, this.encryption.certificate.der, ...this.caChain.map((c) => c.der)];
  }

  get issuingCa(): Certificate {
    return this.caChain[0];
  }
}
