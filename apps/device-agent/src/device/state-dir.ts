import type { Platform, ProfileStatus } from '@certlab/contracts';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Who the device is and how it reaches the cloud; written at enrollment. */
export interface DeviceIdentity {
  name: string;
  platform: Platform;
  osVersion: string;
  serialNumber: string | null;
  imei: string | null;
  /** The device port, e.g. https://127.0.0.1:3443. */
  cloudUrl: string;
  deviceId: string;
  entraDeviceId: string;
  enrolledAt: string;
  /** PEM: the Device Management certificate, its CA chain and the pinned channel anchor. */
  managementCertificate: string;
  caCertificates: string[];
  channelTrustAnchor: string;
  checkInIntervalSeconds: number;
  lastCheckInAt: string | null;
}

/** One certificate in the device's trust store, installed by one trusted-root profile. */
export interface TrustedCertificate {
  profileId: string;
  profileName: string;
  version: number;
  /** DER, base64. */
  certificate: string;
  thumbprintSha256: string;
  subject: string;
  notAfter: string;
  installedAt: string;
}

/** What the device did with each profile it was given, and whether the cloud has heard it. */
export interface ProfileRecord {
  profileId: string;
  name: string;
  type: string;
  version: number;
  status: ProfileStatus;
  errorCode?: string;
  message?: string;
  details?: Record<string, string | number | boolean>;
  at: string;
  reported: boolean;
}

const FILES = { identity: 'device.json', trust: 'trust-store.json', profiles: 'profiles.json', passphrase: 'keystore.passphrase' } as const;

/**
 * A device's state directory: its identity, trust store, profile records and key stores. Files
 * are JSON written by rename so an interrupted write never leaves half a file; secrets (the key
 * store passphrase) are 0600.
 */
export class StateDir {
  constructor(readonly path: string) {}

  get keysDir(): string {
    return join(this.path, 'keys');
  }

  /** The simulated TPM's storage (Windows devices). */
  get tpmDir(): string {
    return join(this.path, 'tpm');
  }

  exists(): boolean {
    return existsSync(join(this.path, FILES.identity));
  }

  readIdentity(): DeviceIdentity {
    if (!this.exists()) throw new Error(`no enrolled device in ${this.path}: run \`certlab device enroll\` first`);
    return this.read<DeviceIdentity>(FILES.identity);
  }

  writeIdentity(identity: DeviceIdentity): void {
    this.write(FILES.identity, identity);
  }

  readTrustStore(): TrustedCertificate[] {
    return existsSync(join(this.path, FILES.trust)) ? this.read<TrustedCertificate[]>(FILES.trust) : [];
  }

  writeTrustStore(entries: TrustedCertificate[]): void {
    this.write(FILES.trust, entries);
  }

  readProfiles(): ProfileRecord[] {
    return existsSync(join(this.path, FILES.profiles)) ? this.read<ProfileRecord[]>(FILES.profiles) : [];
  }

  writeProfiles(records: ProfileRecord[]): void {
    this.write(FILES.profiles, records);
  }

  /** The key store passphrase: given, or generated once into a 0600 file in the state directory. */
  keystorePassphrase(given?: string): string {
    if (given) return given;
    const file = join(this.path, FILES.passphrase);
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    this.ensure();
    const generated = randomBytes(24).toString('base64url');
    writeFileSync(file, `${generated}\n`, { mode: 0o600 });
    return generated;
  }

  ensure(): void {
    mkdirSync(this.path, { recursive: true, mode: 0o700 });
  }

  private read<T>(name: string): T {
    return JSON.parse(readFileSync(join(this.path, name), 'utf8')) as T;
  }

  private write(name: string, value: unknown): void {
    this.ensure();
    const file = join(this.path, name);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  }
}
