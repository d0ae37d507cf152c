import { caIdentityEnrollResponseSchema, problemSchema } from '@certlab/contracts';
import { Certificate, SoftwareKeyStore, createCertificateRequest, pkcs8ToPem } from '@certlab/pki-core';
import { AppError } from '@certlab/service-kit';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaRelayConfig } from './ca-relay.config';

const KEY_NAME = 'cloud-ca-admin';

export interface CaAdminCredentials {
  key: string;
  cert: string;
  /** The CA's root, the only anchor for the CA's TLS server certificate. */
  ca: string;
  serialNumber: string;
}

/**
 * The cloud's identity at the CA: the `cloud-ca-admin` account's certificate, bought once with
 * the enrollment token the CA wrote, its key in the cloud's own key store. Node's TLS client needs
 * the key as bytes, so this is a SoftwareKeyStore (sealed at rest), not the simulated HSM.
 */
export class CaAdminIdentity {
  private credentials?: Promise<CaAdminCredentials>;

  constructor(
    private readonly config: CaRelayConfig,
    private readonly caUrl: string,
  ) {}

  get(): Promise<CaAdminCredentials> {
    this.credentials ??= this.load().catch((err: unknown) => {
      this.credentials = undefined;
      throw err;
    });
    return this.credentials;
  }

  /** Drops the cached credentials, so the next call reads the key store (and enrolls if it was emptied). */
  forget(): void {
    this.credentials = undefined;
  }

  /** Where the identity lives, for problem details that tell an operator what to do. */
  get paths(): { keyDir: string; tokenFile: string } {
    return { keyDir: this.config.keyDir, tokenFile: this.config.tokenFile };
  }

  private passphrase(): string {
    mkdirSync(this.config.keyDir, { recursive: true, mode: 0o700 });
    const file = join(this.config.keyDir, 'keystore.passphrase');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    return readFileSync(file, 'utf8').trim();
  }

  private async load(): Promise<CaAdminCredentials> {
    const store = await SoftwareKeyStore.open({ directory: this.config.keyDir, passphrase: this.passphrase() });
    const certFile = join(this.config.keyDir, `${KEY_NAME}.json`);
    if (!existsSync(certFile) || !(await store.has(KEY_NAME))) await this.enroll(store, certFile);
    const saved = JSON.parse(readFileSync(certFile, 'utf8')) as { certificate: string; chain: string[] };
    const pkcs8 = await store.exportPrivateKey(KEY_NAME);
    const key = pkcs8ToPem(pkcs8);
    pkcs8.fill(0);
    return { key, cert: saved.certificate, ca: saved.chain[saved.chain.length - 1], serialNumber: Certificate.parse(saved.certificate).serialNumber };
  }

  private async enroll(store: SoftwareKeyStore, certFile: string): Promise<void> {
    if (!existsSync(this.config.tokenFile)) {
      throw new AppError('caRelayNotEnrolled', 503, 'The cloud has no identity at the CA yet', `no enrollment token at ${this.config.tokenFile}; start the CA first or set CA_ENROLLMENT_TOKEN_FILE`, { exposeDetail: true });
    }
    const token = readFileSync(this.config.tokenFile, 'utf8').trim();
    if (await store.has(KEY_NAME)) await store.delete(KEY_NAME);
    await store.generate(KEY_NAME, { kind: 'ec', curve: 'P-256' });
    const keys = await store.getKeyPair(KEY_NAME);
    const csr = await createCertificateRequest({ subject: '', keys });
    let res: Response;
    try {
      res = await fetch(new URL('/api/identities/enroll', this.caUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, csr: Buffer.from(csr.der).toString('base64') }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new AppError('caUnavailable', 502, 'The CA cannot be reached', `${this.caUrl}: ${err instanceof Error ? err.message : String(err)}`, { cause: err, exposeDetail: true });
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const problem = problemSchema.safeParse(body);
      throw new AppError('caRelayNotEnrolled', 503, 'The CA refused the cloud-ca-admin enrollment', problem.success ? (problem.data.detail ?? problem.data.title) : `HTTP ${res.status}`, { exposeDetail: true });
    }
    const enrolled = caIdentityEnrollResponseSchema.parse(body);
    writeFileSync(certFile, JSON.stringify({ certificate: enrolled.certificate, chain: enrolled.chain }), { mode: 0o600 });
  }
}
