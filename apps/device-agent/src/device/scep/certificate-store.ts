import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateDir } from '../state-dir';

export type ScepKeyStoreName = 'software' | 'simulated TPM';

/** A certificate a SCEP profile installed: one per profile, as iOS keeps a certificate per payload. */
export interface ScepCertificateEntry {
  profileId: string;
  profileName: string;
  version: number;
  keyName: string;
  keyStore: ScepKeyStoreName;
  /** PEM: the certificate and the CA certificates it chains through. */
  certificate: string;
  chain: string[];
  subject: string;
  serialNumber: string;
  thumbprintSha1: string;
  thumbprintSha256: string;
  notBefore: string;
  notAfter: string;
  renewalThresholdPercent: number;
  installedAt: string;
}

/** A request the CA holds for approval: what CertPoll needs, and when to ask next. */
export interface ScepPendingEntry {
  profileId: string;
  version: number;
  scepUrl: string;
  transactionId: string;
  keyName: string;
  keyStore: ScepKeyStoreName;
  /** DER base64: CertPoll's IssuerAndSubject. */
  issuerDer: string;
  subjectDer: string;
  /** PEM of the self-signed (or, renewing, the current) signer certificate the CertRep is encrypted to. */
  signerCertificate: string;
  signerKeyName: string;
  signerKeyStore: ScepKeyStoreName;
  /** The RA certificates from GetCACert (PEM), to verify the eventual CertRep with. */
  raCertificates: string[];
  since: string;
  nextPollAt: string;
  intervalSeconds: number;
  polls: number;
}

interface FileShape {
  certificates: ScepCertificateEntry[];
  pending: ScepPendingEntry[];
}

/** `<state>/scep/certificates.json`, written by rename like the rest of the state directory. */
export class ScepCertificateStore {
  private readonly dir: string;

  constructor(state: StateDir) {
    this.dir = join(state.path, 'scep');
  }

  certificate(profileId: string): ScepCertificateEntry | undefined {
    return this.read().certificates.find((c) => c.profileId === profileId);
  }

  list(): ScepCertificateEntry[] {
    return this.read().certificates;
  }

  pending(profileId: string): ScepPendingEntry | undefined {
    return this.read().pending.find((p) => p.profileId === profileId);
  }

  install(entry: ScepCertificateEntry): void {
    const f = this.read();
    this.write({ certificates: [...f.certificates.filter((c) => c.profileId !== entry.profileId), entry], pending: f.pending.filter((p) => p.profileId !== entry.profileId) });
  }

  setPending(entry: ScepPendingEntry): void {
    const f = this.read();
    this.write({ ...f, pending: [...f.pending.filter((p) => p.profileId !== entry.profileId), entry] });
  }

  clearPending(profileId: string): void {
    const f = this.read();
    this.write({ ...f, pending: f.pending.filter((p) => p.profileId !== profileId) });
  }

  remove(profileId: string): { certificate?: ScepCertificateEntry; pending?: ScepPendingEntry } {
    const f = this.read();
    const out = { certificate: f.certificates.find((c) => c.profileId === profileId), pending: f.pending.find((p) => p.profileId === profileId) };
    this.write({ certificates: f.certificates.filter((c) => c.profileId !== profileId), pending: f.pending.filter((p) => p.profileId !== profileId) });
    return out;
  }

  private read(): FileShape {
    const file = join(this.dir, 'certificates.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FileShape) : { certificates: [], pending: [] };
  }

  private write(value: FileShape): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, 'certificates.json');
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  }
}
