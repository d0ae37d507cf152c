import { Certificate, EnvelopedCms, type KeyStore, SimulatedHsmKeyStore, createCertificateRequest } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLOUD_CONFIG, type CloudConfig, SERVICE_NAME } from '../config';
import { keystorePassphrase } from '../mdm-ca/keystore-passphrase';
import { MdmCaService } from '../mdm-ca/mdm-ca.service';
import { storeUnwrapper } from './store-unwrapper';

const KRA_KEY = 'pkcs-kra';
const DAY = 86_400_000;

/**
 * The cloud's Key Recovery Agent (Intune's "KeyRecoveryAgent" certificate): connectors encrypt
 * each PFX password to it (PKCS step 8) and only the cloud can decrypt it (step 9). The key is
 * created once in the cloud's simulated HSM (non-extractable, sealed at rest, never in the
 * database); its certificate comes from the MDM device CA with keyEncipherment and is reissued
 * when missing, close to expiry or not matching the key.
 */
@Injectable()
export class KraService implements OnModuleInit {
  private readonly log = new Logger('Kra');
  private hsm!: KeyStore;
  private cert!: Certificate;

  constructor(
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
    private readonly mdmCa: MdmCaService,
  ) {}

  async onModuleInit(): Promise<void> {
    const dir = resolve(this.config.CERTLAB_DATA_DIR, SERVICE_NAME, 'keys');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const passphrase = keystorePassphrase(this.config.MDM_KEYSTORE_PASSPHRASE, join(dir, 'master.passphrase'));
    this.hsm = await SimulatedHsmKeyStore.open({ directory: join(dir, 'kra'), passphrase });
    this.cert = await this.loadOrIssue(join(dir, 'pkcs-kra.pem'));
  }

  get certificate(): Certificate {
    return this.cert;
  }

  /** Step 9's first half: the PFX password out of its envelope, inside this process only. */
  async decryptPassword(envelope: Uint8Array): Promise<string> {
    const cms = EnvelopedCms.parse(envelope);
    const plain = await cms.decrypt(await storeUnwrapper(this.hsm, KRA_KEY), this.cert.der);
    return Buffer.from(plain).toString('utf8');
  }

  private async loadOrIssue(file: string): Promise<Certificate> {
    if (!(await this.hsm.has(KRA_KEY))) await this.hsm.generate(KRA_KEY, { kind: 'rsa', bits: 2048 });
    const spki = await this.hsm.getPublicKeySpki(KRA_KEY);
    if (existsSync(file)) {
      const cert = Certificate.parse(readFileSync(file, 'utf8'));
      const fresh = cert.notAfter.getTime() - Date.now() > 30 * DAY;
      if (fresh && Buffer.from(cert.spki).equals(Buffer.from(spki)) && (await cert.verifySignature(this.mdmCa.rootCertificate))) return cert;
    }
    const csr = await createCertificateRequest({ subject: 'CN=certlab Key Recovery Agent', keys: await this.hsm.getKeyPair(KRA_KEY) });
    const cert = await this.mdmCa.issue('kra', csr.pem, 'certlab Key Recovery Agent');
    writeFileSync(file, cert.pem, { mode: 0o644 });
    this.log.log(`issued the PKCS Key Recovery Agent certificate (SHA-256 ${cert.thumbprintSha256})`);
    return cert;
  }
}
