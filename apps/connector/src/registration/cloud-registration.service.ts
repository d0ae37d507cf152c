import {
  type ConnectorHeartbeatResponse,
  type JobLeaseRequest,
  type JobLeaseResponse,
  connectorHeartbeatResponseSchema,
  connectorRegisterResponseSchema,
  jobLeaseResponseSchema,
} from '@certlab/contracts';
import { Certificate, type KeyStore, SoftwareKeyStore, bytesEqual, createCertificateRequest, toPem } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { CONNECTOR_CONFIG, type ConnectorConfig, SERVICE_NAME } from '../config';
import { CloudClient, CloudRefusal } from './cloud-client';
import { type Registration, RegistrationStore } from './registration-store';

const IDENTITY_KEY = 'connector-identity';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version: CONNECTOR_VERSION } = require('../../package.json') as { version: string };

export type RegistrationState = 'unregistered' | 'waitingForToken' | 'registered' | 'refused';

/**
 * The connector's link to the cloud. First start: register with the one-time token
 * (CONNECTOR_REGISTRATION_TOKEN, or the file CONNECTOR_REGISTRATION_TOKEN_FILE names, which
 * `npm start` points at the cloud's local-connector token), keeping the key in the connector's
 * key store and the certificate beside it. Afterwards: a heartbeat every interval over mTLS.
 * Every connection is outbound; nothing here listens.
 */
@Injectable()
export class CloudRegistrationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CloudRegistration');
  private readonly store: RegistrationStore;
  private keys?: KeyStore;
  private registration?: Registration;
  private client?: CloudClient;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private startedAt = Date.now();
  state: RegistrationState = 'unregistered';
  lastHeartbeat?: ConnectorHeartbeatResponse;

  constructor(@Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig) {
    this.store = new RegistrationStore(resolve(config.CERTLAB_DATA_DIR, SERVICE_NAME));
  }

  get connectorId(): string | undefined {
    return this.registration?.connectorId;
  }

  onApplicationBootstrap(): void {
    if (!this.config.CLOUD_DEVICE_URL) {
      this.log.warn('CLOUD_DEVICE_URL is not set: the connector runs without a cloud link');
      return;
    }
    this.startedAt = Date.now();
    // In the background: the cloud may start after the connector (npm start starts it last).
    void this.connect(1000);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One job lease (contract in libs/contracts/src/connectors.ts); the PKCS worker will loop on it. */
  async leaseJobs(request: JobLeaseRequest = {}): Promise<JobLeaseResponse> {
    if (!this.client) throw new Error('the connector is not registered with the cloud yet');
    return (await this.client.post('/api/connector/jobs/lease', request, jobLeaseResponseSchema)).answer;
  }

  /** Any other call on the mTLS channel (the SCEP policy module's validation and notifications). */
  async post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    if (!this.client) throw new Error('the connector is not registered with the cloud yet');
    return (await this.client.post(path, body, schema)).answer;
  }

  async heartbeat(): Promise<ConnectorHeartbeatResponse> {
    if (!this.client) throw new Error('the connector is not registered with the cloud yet');
    const details = { hostname: hostname(), pid: process.pid, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
    const { answer } = await this.client.post('/api/connector/heartbeat', { version: CONNECTOR_VERSION, details }, connectorHeartbeatResponseSchema);
    this.lastHeartbeat = answer;
    return answer;
  }

  private async connect(retryMs: number): Promise<void> {
    if (this.stopped) return;
    try {
      const passphrase = this.store.passphrase(this.config.CONNECTOR_KEYSTORE_PASSPHRASE);
      this.keys ??= await SoftwareKeyStore.open({ directory: this.store.keysDir, passphrase });
      this.registration = this.store.read() ?? (await this.register(this.keys));
      if (!this.registration) return this.retry(() => this.connect(Math.min(retryMs * 2, 30_000)), retryMs);
      this.client = await this.mtlsClient(this.keys, this.registration);
      this.state = 'registered';
      await this.beat();
    } catch (err) {
      if (err instanceof CloudRefusal && err.status === 401 && !this.registration) {
        this.state = 'refused';
        this.log.error(`the cloud refused the registration: ${err.message}. Create a new registration token in the console (Connectors) and restart with it.`);
        return;
      }
      this.log.warn(`cannot reach the cloud at ${this.config.CLOUD_DEVICE_URL} (${err instanceof Error ? err.message : String(err)}); retrying in ${Math.round(retryMs / 1000)} s`);
      this.retry(() => this.connect(Math.min(retryMs * 2, 30_000)), retryMs);
    }
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    let next = this.registration?.heartbeatIntervalSeconds ?? 60;
    try {
      next = (await this.heartbeat()).heartbeatIntervalSeconds;
    } catch (err) {
      this.log.warn(`heartbeat failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.retry(() => this.beat(), next * 1000);
  }

  private retry(fn: () => Promise<void>, ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void fn(), ms);
    this.timer.unref();
  }

  private readToken(): string | undefined {
    if (this.config.CONNECTOR_REGISTRATION_TOKEN) return this.config.CONNECTOR_REGISTRATION_TOKEN;
    const file = this.config.CONNECTOR_REGISTRATION_TOKEN_FILE;
    if (!file) return undefined;
    const path = isAbsolute(file) ? file : resolve(this.config.CERTLAB_DATA_DIR, file);
    return existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined;
  }

  private async register(keys: KeyStore): Promise<Registration | undefined> {
    const token = this.readToken();
    if (!token) {
      if (this.state !== 'waitingForToken') {
        const file = this.config.CONNECTOR_REGISTRATION_TOKEN_FILE;
        this.log.warn(
          file
            ? `not registered with the cloud yet; waiting for the registration token file ${file} (the cloud writes it on its first start)`
            : 'not registered with the cloud and no registration token: set CONNECTOR_REGISTRATION_TOKEN (from the console, Connectors) or CONNECTOR_REGISTRATION_TOKEN_FILE',
        );
      }
      this.state = 'waitingForToken';
      return undefined;
    }
    if (!(await keys.has(IDENTITY_KEY))) await keys.generate(IDENTITY_KEY, { kind: 'rsa', bits: 2048 });
    const csr = await createCertificateRequest({ subject: `CN=${hostname()}`, keys: await keys.getKeyPair(IDENTITY_KEY) });
    const pinned = this.config.CLOUD_CA_FILE ? readFileSync(this.config.CLOUD_CA_FILE, 'utf8') : undefined;
    const client = new CloudClient(this.config.CLOUD_DEVICE_URL!, { trustAnchor: pinned });
    const { answer, serverCertificate } = await client.post('/api/connector/register', { token, csr: csr.pem, version: CONNECTOR_VERSION }, connectorRegisterResponseSchema);
    const anchor = Certificate.parse(answer.channelTrustAnchor);
    const cert = Certificate.parse(answer.certificate);
    if (!bytesEqual(cert.spki, csr.spki)) throw new Error('the cloud certified a different key');
    if (!(await cert.verifySignature(anchor))) throw new Error('the connector certificate is not signed by the trust anchor the cloud sent');
    if (pinned && !bytesEqual(Certificate.parse(pinned).der, anchor.der)) throw new Error('the cloud sent a trust anchor other than CLOUD_CA_FILE');
    if (!pinned && !(serverCertificate && (await Certificate.parse(new Uint8Array(serverCertificate)).verifySignature(anchor)))) {
      throw new Error('the cloud\'s TLS certificate is not signed by the trust anchor it sent; refusing to pin it');
    }
    const registration: Registration = { ...answer, cloudUrl: this.config.CLOUD_DEVICE_URL!, registeredAt: new Date().toISOString() };
    this.store.write(registration);
    this.log.log(`registered with the cloud as connector "${answer.name}" (${answer.connectorId})`);
    return registration;
  }

  private async mtlsClient(keys: KeyStore, registration: Registration): Promise<CloudClient> {
    // Node's TLS client takes the key as bytes: opened from the key store for this process only.
    const key = toPem(await keys.exportPrivateKey(IDENTITY_KEY), 'PRIVATE KEY');
    return new CloudClient(this.config.CLOUD_DEVICE_URL ?? registration.cloudUrl, { trustAnchor: registration.channelTrustAnchor, key, cert: registration.certificate });
  }
}
