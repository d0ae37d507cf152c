import {
  type CheckInResponse,
  type DeviceEnrollResponse,
  NUDGE_EVENTS,
  type Platform,
  PLATFORMS,
  type ProfileStatusReport,
  checkInResponseSchema,
  deviceEnrollResponseSchema,
  statusReportResponseSchema,
} from '@certlab/contracts';
import {
  Certificate,
  type KeyStore,
  SimulatedHsmKeyStore,
  SoftwareKeyStore,
  type StoredKeyInfo,
  bytesEqual,
  createCertificateRequest,
  toPem,
} from '@certlab/pki-core';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ChannelClient, ChannelError } from './channel-client';
import { preparePkcsImported, removePkcsImported } from './pfx/pfx-import';
import { type PkcsDeviceContext, preparePkcs, removePkcs } from './pkcs/pkcs-import';
import { markReported, reconcile, toReport } from './reconcile';
import { type ScepCertificateEntry, ScepCertificateStore, prepareScep, removeScep } from './scep';
import { readServerSentEvents } from './sse';
import { type DeviceIdentity, type ProfileRecord, StateDir, type TrustedCertificate } from './state-dir';
import { TrustStore } from './trust-store';

/** The key the Device Management certificate certifies. */
export const MANAGEMENT_KEY = 'device-management';

export interface EnrollOptions {
  stateDir: string;
  /** The device port, e.g. https://127.0.0.1:3443. */
  cloudUrl: string;
  token: string;
  platform: Platform;
  name: string;
  osVersion?: string;
  serialNumber?: string;
  imei?: string;
  /** PEM of the MDM device CA, to pin from the first call; without it the first answer is checked after the fact. */
  trustAnchor?: string;
  /** Key store passphrase; generated into the state directory when absent. */
  passphrase?: string;
}

export interface CheckInResult {
  response: CheckInResponse;
  /** What this check-in changed and told the cloud. */
  reported: ProfileStatusReport[];
}

export interface DeviceStatus {
  identity: Omit<DeviceIdentity, 'managementCertificate' | 'caCertificates' | 'channelTrustAnchor'> & {
    managementCertificate: { subject: string; serialNumber: string; thumbprintSha256: string; notAfter: string };
  };
  keys: (StoredKeyInfo & { store: 'software' | 'simulated TPM' | 'keychain' })[];
  trustStore: TrustedCertificate[];
  /** Certificates SCEP profiles installed (no keys: those stay in their key store). */
  scepCertificates: Omit<ScepCertificateEntry, 'certificate' | 'chain'>[];
  profiles: ProfileRecord[];
}

export type RunEvent =
  | { type: 'connected' }
  | { type: 'nudged'; reason: string }
  | { type: 'checkedIn'; result: CheckInResult }
  | { type: 'disconnected'; error: string; retryInMs: number };

const DEFAULT_OS: Record<Platform, string> = { ios: '18.1', macos: '15.1', android: '15', windows: '10.0.26100' };

/**
 * One simulated managed device: its state directory, key stores, trust store and the mTLS
 * channel to the cloud. The CLI's `certlab device …` commands and fleets are thin wrappers.
 */
export class ManagedDevice {
  private constructor(
    readonly state: StateDir,
    private readonly keys: KeyStore,
    private readonly tpm: KeyStore | undefined,
    private identity: DeviceIdentity,
    private readonly client: ChannelClient,
  ) {}

  get id(): string {
    return this.identity.deviceId;
  }

  get info(): DeviceIdentity {
    return this.identity;
  }

  /**
   * Enrollment: generate the key here (it never leaves), send the CSR with the one-time token,
   * check what came back (the certificate certifies our key; the server we spoke to chains to the
   * anchor we were given) and pin that anchor for every later call.
   */
  static async enroll(options: EnrollOptions): Promise<ManagedDevice> {
    const state = new StateDir(options.stateDir);
    if (state.exists()) throw new Error(`${options.stateDir} already holds an enrolled device; use another --state-dir`);
    state.ensure();
    try {
      const passphrase = state.keystorePassphrase(options.passphrase);
      const keys = await SoftwareKeyStore.open({ directory: state.keysDir, passphrase });
      const tpm = PLATFORMS[options.platform].hasTpm ? await SimulatedHsmKeyStore.open({ directory: state.tpmDir, passphrase }) : undefined;
      const spec = { kind: 'rsa', bits: 2048 } as const;
      // RSA, not EC: later flows encrypt PKCS#12 passwords to this key (PKCS step 9).
      await keys.generate(MANAGEMENT_KEY, spec);
      const csr = await createCertificateRequest({ subject: `CN=${options.name}`, keys: await keys.getKeyPair(MANAGEMENT_KEY) });
      const osVersion = options.osVersion ?? DEFAULT_OS[options.platform];
      const client = new ChannelClient(options.cloudUrl, { trustAnchor: options.trustAnchor });
      const { answer, serverCertificate } = await client.postCapturingServerCertificate(
        '/api/device/enroll',
        { token: options.token, csr: csr.pem, name: options.name, platform: options.platform, osVersion, serialNumber: options.serialNumber, imei: options.imei },
        deviceEnrollResponseSchema,
      );
      await checkEnrollment(answer, csr.spki, serverCertificate, options.trustAnchor);
      const identity: DeviceIdentity = {
        name: options.name,
        platform: options.platform,
        osVersion,
        serialNumber: options.serialNumber ?? null,
        imei: options.imei ?? null,
        cloudUrl: options.cloudUrl,
        deviceId: answer.deviceId,
        entraDeviceId: answer.entraDeviceId,
        enrolledAt: new Date().toISOString(),
        managementCertificate: answer.certificate,
        caCertificates: answer.caCertificates,
        channelTrustAnchor: answer.channelTrustAnchor,
        checkInIntervalSeconds: answer.checkInIntervalSeconds,
        lastCheckInAt: null,
      };
      state.writeIdentity(identity);
      return new ManagedDevice(state, keys, tpm, identity, await mtlsClient(keys, identity));
    } catch (err) {
      // Nothing half-enrolled stays behind: the key without a certificate is useless.
      rmSync(options.stateDir, { recursive: true, force: true });
      throw err;
    }
  }

  static async open(stateDir: string, passphrase?: string): Promise<ManagedDevice> {
    const state = new StateDir(stateDir);
    const identity = state.readIdentity();
    const secret = state.keystorePassphrase(passphrase);
    const keys = await SoftwareKeyStore.open({ directory: state.keysDir, passphrase: secret });
    const tpm = PLATFORMS[identity.platform].hasTpm ? await SimulatedHsmKeyStore.open({ directory: state.tpmDir, passphrase: secret }) : undefined;
    return new ManagedDevice(state, keys, tpm, identity, await mtlsClient(keys, identity));
  }

  /** Fetch the desired state, apply it, report what changed. */
  async checkIn(): Promise<CheckInResult> {
    const response = await this.client.post('/api/device/checkin', {}, checkInResponseSchema);
    const known = new Map(this.state.readProfiles().map((r) => [r.profileId, r]));
    const pkcs = this.pkcsContext();
    const prepared = await preparePkcs(pkcs, response.profiles, known, new Date().toISOString());
    const wanted = new Set(response.profiles.map((p) => p.profileId));
    for (const r of known.values()) if (r.type === 'pkcs' && r.status !== 'removed' && !wanted.has(r.profileId)) await removePkcs(pkcs, r.profileId);
    const scep = { state: this.state, platform: this.identity.platform, software: this.keys, tpm: this.tpm, desired: response.profiles };
    for (const [id, record] of await prepareScep(scep, known, new Date().toISOString())) prepared.set(id, record);
    for (const r of known.values()) if (r.type === 'scep' && r.status !== 'removed' && !wanted.has(r.profileId)) await removeScep(scep, r.profileId);
    for (const [id, record] of await preparePkcsImported(pkcs, response.profiles, known, new Date().toISOString())) prepared.set(id, record);
    for (const r of known.values()) if (r.type === 'pkcsImported' && r.status !== 'removed' && !wanted.has(r.profileId)) await removePkcsImported(pkcs, r);
    const pending = reconcile(this.state, response.profiles, new Date(), prepared);
    const reported = pending.map(toReport);
    if (reported.length > 0) {
      await this.client.post('/api/device/status', { reports: reported }, statusReportResponseSchema);
      markReported(this.state, pending);
    }
    this.identity = { ...this.identity, lastCheckInAt: new Date().toISOString(), checkInIntervalSeconds: response.checkInIntervalSeconds };
    this.state.writeIdentity(this.identity);
    return { response, reported };
  }

  /**
   * Stays online: checks in at once, then on every nudge and every check-in interval; reconnects
   * the nudge stream with exponential backoff (1 s doubling to 30 s). Ends when `signal` aborts,
   * or with an error when the cloud refuses the device (401: retired, wiped or unknown).
   */
  async run(signal: AbortSignal, onEvent: (event: RunEvent) => void = () => {}): Promise<void> {
    let backoff = 1000;
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.checkIn().then((result) => onEvent({ type: 'checkedIn', result }), () => {}), this.identity.checkInIntervalSeconds * 1000).unref();
    };
    try {
      while (!signal.aborted) {
        try {
          const stream = await this.client.stream('/api/device/nudges', signal);
          onEvent({ type: 'connected' });
          backoff = 1000;
          onEvent({ type: 'checkedIn', result: await this.checkIn() });
          schedule();
          for await (const event of readServerSentEvents(stream)) {
            if (event.event !== NUDGE_EVENTS.checkin) continue;
            const nudge = JSON.parse(event.data) as { reason?: string };
            onEvent({ type: 'nudged', reason: nudge.reason ?? 'unspecified' });
            onEvent({ type: 'checkedIn', result: await this.checkIn() });
            schedule();
          }
          if (signal.aborted) break;
          throw new Error('the cloud closed the nudge stream');
        } catch (err) {
          if (signal.aborted) break;
          if (err instanceof ChannelError && err.status === 401) throw err;
          onEvent({ type: 'disconnected', error: err instanceof Error ? err.message : String(err), retryInMs: backoff });
          await sleep(backoff, signal);
          backoff = Math.min(backoff * 2, 30_000);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private pkcsContext(): PkcsDeviceContext {
    const passphrase = this.state.keystorePassphrase();
    return {
      state: this.state,
      client: this.client,
      managementKeys: this.keys,
      managementKeyName: MANAGEMENT_KEY,
      managementCertificate: this.identity.managementCertificate,
      tpm: this.tpm,
      // The platform keychain: imported keys are non-exportable, as Intune marks PKCS keys.
      keychain: () => SimulatedHsmKeyStore.open({ directory: join(this.state.path, 'keychain'), passphrase }),
    };
  }

  async status(): Promise<DeviceStatus> {
    const cert = Certificate.parse(this.identity.managementCertificate);
    const { managementCertificate: _m, caCertificates: _c, channelTrustAnchor: _a, ...rest } = this.identity;
    const software = (await this.keys.list()).map((k) => ({ ...k, store: 'software' as const }));
    const tpm = this.tpm ? (await this.tpm.list()).map((k) => ({ ...k, store: 'simulated TPM' as const })) : [];
    const keychainDir = join(this.state.path, 'keychain');
    const keychain = existsSync(keychainDir) ? (await (await this.pkcsContext().keychain()).list()).map((k) => ({ ...k, store: 'keychain' as const })) : [];
    return {
      identity: {
        ...rest,
        managementCertificate: { subject: cert.subject, serialNumber: cert.serialNumber, thumbprintSha256: cert.thumbprintSha256, notAfter: cert.notAfter.toISOString() },
      },
      keys: [...software, ...tpm, ...keychain],
      trustStore: new TrustStore(this.state).list(),
      scepCertificates: new ScepCertificateStore(this.state).list().map(({ certificate: _c, chain: _ch, ...rest }) => rest),
      profiles: this.state.readProfiles(),
    };
  }
}

/**
 * Node's TLS client takes the key as bytes, so the management key is opened from the software
 * key store for the connection's lifetime; it is never written out unsealed.
 */
async function mtlsClient(keys: KeyStore, identity: DeviceIdentity): Promise<ChannelClient> {
  const key = toPem(await keys.exportPrivateKey(MANAGEMENT_KEY), 'PRIVATE KEY');
  return new ChannelClient(identity.cloudUrl, { trustAnchor: identity.channelTrustAnchor, key, cert: identity.managementCertificate });
}

async function checkEnrollment(answer: DeviceEnrollResponse, ourSpki: Uint8Array, serverCertificate: Buffer | undefined, pinned: string | undefined): Promise<void> {
  const cert = Certificate.parse(answer.certificate);
  if (!bytesEqual(cert.spki, ourSpki)) throw new Error('the cloud returned a certificate for a different key');
  const anchor = Certificate.parse(answer.channelTrustAnchor);
  if (!anchor.isCa || !(await anchor.verifySignature(anchor))) throw new Error('the channel trust anchor is not a self-signed CA certificate');
  if (pinned && !bytesEqual(Certificate.parse(pinned).der, anchor.der)) throw new Error('the cloud sent a channel trust anchor other than the pinned one');
  if (!pinned) {
    // First contact without a pin: the server we just talked to must chain to the anchor it sent.
    if (!serverCertificate || !(await Certificate.parse(new Uint8Array(serverCertificate)).verifySignature(anchor))) {
      throw new Error('the device port certificate is not signed by the trust anchor the cloud sent; refusing to pin it');
    }
  }
  if (!(await cert.verifySignature(anchor))) throw new Error('the Device Management certificate is not signed by the channel trust anchor');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
