import type { DesiredProfile } from '@certlab/contracts';
import { Certificate } from '@certlab/pki-core';
import type { StateDir, TrustedCertificate } from './state-dir';

type TrustedRootProfile = Extract<DesiredProfile, { type: 'trustedRoot' }>;

/** Why a trusted-root profile could not be installed; the code goes to the cloud as is. */
export class TrustStoreError extends Error {
  override readonly name = 'TrustStoreError';
  constructor(
    readonly code: 'certificateUnreadable' | 'notACaCertificate' | 'thumbprintMismatch',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The device's trust store. Entries are per profile, as the OS keeps them: two profiles carrying
 * the same root are two entries, and removing one leaves the root trusted through the other.
 */
export class TrustStore {
  constructor(private readonly state: StateDir) {}

  list(): TrustedCertificate[] {
    return this.state.readTrustStore();
  }

  /** The distinct certificates the device trusts, PEM. */
  anchors(): Certificate[] {
    const seen = new Map<string, Certificate>();
    for (const e of this.list()) if (!seen.has(e.thumbprintSha256)) seen.set(e.thumbprintSha256, Certificate.parse(Buffer.from(e.certificate, 'base64')));
    return [...seen.values()];
  }

  /** Validates and installs (or replaces) the profile's certificate; returns the entry. */
  install(profile: TrustedRootProfile, now = new Date()): TrustedCertificate {
    let cert: Certificate;
    try {
      cert = Certificate.parse(Buffer.from(profile.payload.certificate, 'base64'));
    } catch (err) {
      throw new TrustStoreError('certificateUnreadable', `the profile's certificate does not parse: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!cert.isCa) throw new TrustStoreError('notACaCertificate', `${cert.subject} is not a CA certificate (basicConstraints cA is not set)`);
    if (cert.thumbprintSha256.toUpperCase() !== profile.payload.thumbprintSha256.replaceAll(':', '').toUpperCase()) {
      throw new TrustStoreError('thumbprintMismatch', `the certificate's SHA-256 thumbprint ${cert.thumbprintSha256} is not the one the profile names`);
    }
    const entry: TrustedCertificate = {
      profileId: profile.profileId,
      profileName: profile.name,
      version: profile.version,
      certificate: Buffer.from(cert.der).toString('base64'),
      thumbprintSha256: cert.thumbprintSha256,
      subject: cert.subject,
      notAfter: cert.notAfter.toISOString(),
      installedAt: now.toISOString(),
    };
    this.state.writeTrustStore([...this.list().filter((e) => e.profileId !== profile.profileId), entry]);
    return entry;
  }

  /** Removes what the profile installed; returns the removed entry, if any. */
  remove(profileId: string): TrustedCertificate | undefined {
    const entries = this.list();
    const removed = entries.find((e) => e.profileId === profileId);
    if (removed) this.state.writeTrustStore(entries.filter((e) => e.profileId !== profileId));
    return removed;
  }
}
