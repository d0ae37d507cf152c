import {
  Certificate,
  CertificateRequest,
  type KeyStore,
  SimulatedHsmKeyStore,
  SoftwareKeyStore,
  createSelfSignedCertificate,
  issueCertificate,
  keySpecOf,
  toPem,
} from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { CLOUD_CONFIG, type CloudConfig, SERVICE_NAME } from '../config';
import { CloudErrors } from '../errors';
import { keystorePassphrase } from './keystore-passphrase';

const DAY = 24 * 60 * 60 * 1000;
const ROOT_KEY = 'mdm-device-ca';
const TLS_KEY = 'device-port-tls';
const ROOT_SUBJECT = 'CN=certlab MDM Device CA, O=certlab';

/** What the CA signs: a device's Device Management certificate, a connector's identity, or the PKCS Key Recovery Agent. */
export type MdmCertificateKind = 'device' | 'connector' | 'kra';

/**
 * The cloud's own MDM device CA (Intune's "Microsoft Intune MDM Device CA"): a self-signed root
 * whose key lives in the simulated HSM, created on first start and reopened afterwards. It signs
 * Device Management certificates, connector certificates and the device port's TLS certificate,
 * so one anchor is all a device or connector pins.
 *
 * The TLS server key sits in a software key store beside it (sealed at rest): Node's TLS stack
 * takes the private key as bytes, so a non-exportable HSM key cannot terminate TLS.
 */
@Injectable()
export class MdmCaService implements OnModuleInit {
  private readonly log = new Logger('MdmCa');
  private readonly dir: string;
  private hsm!: KeyStore;
  private tlsStore!: KeyStore;
  private root!: Certificate;
  private tls!: { certificate: Certificate; keyPem: string };

  constructor(@Inject(CLOUD_CONFIG) private readonly config: CloudConfig) {
    this.dir = resolve(config.CERTLAB_DATA_DIR, SERVICE_NAME, 'keys');
  }

  async onModuleInit(): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const passphrase = keystorePassphrase(this.config.MDM_KEYSTORE_PASSPHRASE, join(this.dir, 'master.passphrase'));
    this.hsm = await SimulatedHsmKeyStore.open({ directory: join(this.dir, 'hsm'), passphrase });
    this.tlsStore = await SoftwareKeyStore.open({ directory: join(this.dir, 'tls'), passphrase });
    this.root = await this.loadOrCreateRoot();
    this.tls = await this.loadOrCreateTlsCertificate();
  }

  get rootCertificate(): Certificate {
    return this.root;
  }

  /** PEM of the root: the channel trust anchor devices and connectors pin. */
  get trustAnchorPem(): string {
    return this.root.pem;
  }

  /** Key and certificate chain for the device port's HTTPS listener. */
  tlsServerCredentials(): { key: string; cert: string; ca: string } {
    return { key: this.tls.keyPem, cert: this.tls.certificate.pem + this.root.pem, ca: this.root.pem };
  }

  /**
   * Verifies the PKCS#10's signature and key, then issues a client-authentication certificate
   * for it. The CSR's subject is ignored: the cloud names what it certifies.
   */
  async issue(kind: MdmCertificateKind, csrPem: string, commonName: string): Promise<Certificate> {
    const csr = parseCsr(csrPem);
    if (!(await csr.verify())) throw CloudErrors.badCsr('the CSR signature does not verify against its own public key');
    const spec = keySpecOf(csr.publicKey);
    if (!spec) throw CloudErrors.badCsr('the key must be RSA 2048, 3072 or 4096, or ECDSA P-256 or P-384');
    const { privateKey } = await this.hsm.getKeyPair(ROOT_KEY);
    // The KRA only receives encrypted PFX passwords (PKCS step 8): keyEncipherment, nothing else.
    if (kind === 'kra' && spec.kind !== 'rsa') throw CloudErrors.badCsr('the Key Recovery Agent key must be RSA');
    return issueCertificate(
      {
        subject: kind === 'device' ? `CN=${commonName}` : kind === 'kra' ? `CN=${commonName}, OU=Key Recovery Agents, O=certlab` : `CN=${commonName}, OU=Certificate Connectors, O=certlab`,
        publicKey: csr.spki,
        notAfter: new Date(Date.now() + (kind === 'device' ? 365 : 2 * 365) * DAY),
        basicConstraints: { ca: false, critical: true },
        keyUsage: kind === 'kra' ? ['keyEncipherment'] : spec.kind === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'],
        keyUsageCritical: true,
        ...(kind === 'kra' ? {} : { extendedKeyUsage: ['clientAuth'] as const }),
      },
      { certificate: this.root, privateKey },
    );
  }

  private async loadOrCreateRoot(): Promise<Certificate> {
    const file = join(this.dir, 'mdm-device-ca.pem');
    if (existsSync(file) && (await this.hsm.has(ROOT_KEY))) return Certificate.parse(readFileSync(file, 'utf8'));
    await this.hsm.generate(ROOT_KEY, { kind: 'rsa', bits: 2048 });
    const keys = await this.hsm.getKeyPair(ROOT_KEY);
    const root = await createSelfSignedCertificate({
      subject: ROOT_SUBJECT,
      keys,
      notAfter: new Date(Date.now() + 10 * 365 * DAY),
      basicConstraints: { ca: true, critical: true },
      keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
      keyUsageCritical: true,
    });
    writeFileSync(file, root.pem, { mode: 0o644 });
    this.log.log(`created the MDM device CA ${root.subject} (SHA-256 ${root.thumbprintSha256})`);
    return root;
  }

  /** Reissued when missing, close to expiry, or issued by a different root. */
  private async loadOrCreateTlsCertificate(): Promise<{ certificate: Certificate; keyPem: string }> {
    const file = join(this.dir, 'device-port-tls.pem');
    if (existsSync(file) && (await this.tlsStore.has(TLS_KEY))) {
      const certificate = Certificate.parse(readFileSync(file, 'utf8'));
      const fresh = certificate.notAfter.getTime() - Date.now() > 30 * DAY;
      if (fresh && (await certificate.verifySignature(this.root))) return { certificate, keyPem: await this.tlsKeyPem() };
    }
    if (await this.tlsStore.has(TLS_KEY)) await this.tlsStore.delete(TLS_KEY);
    await this.tlsStore.generate(TLS_KEY, { kind: 'ec', curve: 'P-256' });
    const { privateKey } = await this.hsm.getKeyPair(ROOT_KEY);
    const certificate = await issueCertificate(
      {
        subject: 'CN=certlab MDM device channel, O=certlab',
        publicKey: await this.tlsStore.getPublicKeySpki(TLS_KEY),
        notAfter: new Date(Date.now() + 397 * DAY),
        basicConstraints: { ca: false, critical: true },
        keyUsage: ['digitalSignature'],
        extendedKeyUsage: ['serverAuth'],
        subjectAltNames: [
          { type: 'dns', value: 'localhost' },
          { type: 'dns', value: hostname() },
          { type: 'ip', value: '127.0.0.1' },
          { type: 'ip', value: '::1' },
        ],
      },
      { certificate: this.root, privateKey },
    );
    writeFileSync(file, certificate.pem, { mode: 0o644 });
    return { certificate, keyPem: await this.tlsKeyPem() };
  }

  private async tlsKeyPem(): Promise<string> {
    return toPem(await this.tlsStore.exportPrivateKey(TLS_KEY), 'PRIVATE KEY');
  }
}

function parseCsr(pem: string): CertificateRequest {
  try {
    return CertificateRequest.parse(pem);
  } catch (err) {
    throw CloudErrors.badCsr(err instanceof Error ? err.message : 'not a PKCS#10 certificate request');
  }
}
