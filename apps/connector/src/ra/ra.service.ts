import {
  Certificate,
  type KeyStore,
  SimulatedHsmKeyStore,
  SoftwareKeyStore,
  createCertificateRequest,
  pemBlocks,
  rsaUnwrapperFromKey,
  signCms,
  type CmsSignatureKey,
  signatureKeyFromKeyObject,
  toPem,
} from '@certlab/pki-core';
import { AppError } from '@certlab/service-kit';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CONNECTOR_CONFIG, type ConnectorConfig, SERVICE_NAME } from '../config';
import { RegistrationStore } from '../registration/registration-store';
import { CaClient } from './ca-client';
import { RaConfigError, RaIdentity } from './ra-identity';

const SIGNING_KEY = 'ndes-ra-signing';
const ENCRYPTION_KEY = 'ndes-ra-encryption';
const ENCRYPTION_SUBJECT = 'CN=certlab NDES RA encryption, OU=NDES, O=certlab';

/**
 * Gives the connector its RA on start. The first time, it enrolls the CA's built-in `ndes-ra`
 * identity with the one-time token the CA wrote (CA_ENROLLMENT_TOKEN_FILE_RA), then requests the
 * encryption certificate on the request API with its own countersignature. Keys:
 * - the encryption key lives in the simulated HSM (`<data>/connector/ra/hsm`), non-exportable;
 *   it only ever unwraps content keys, through raw RSA with implicit rejection;
 * - the signing key is also the connector's client certificate to the CA's request API, and
 *   Node's TLS stack takes a client key only as bytes, so it lives in a software key store
 *   (`<data>/connector/ra/software`), sealed at rest and opened only into this process.
 */
@Injectable()
export class RaService implements OnModuleInit {
  private readonly log = new Logger('RA');
  private identity?: RaIdentity;
  readonly ca: CaClient;
  private readonly dir: string;

  constructor(@Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig) {
    this.ca = new CaClient(config.CA_URL, config.CA_TLS_URL);
    this.dir = resolve(config.CERTLAB_DATA_DIR, SERVICE_NAME, 'ra');
  }

  get ra(): RaIdentity {
    if (this.config.SCEP_ENABLED !== 'true') {
      throw new AppError('scepRoleDisabled', 503, 'The SCEP (NDES) role is not enabled on this connector', 'Start the connector with SCEP_ENABLED=true to serve SCEP.');
    }
    if (!this.identity) throw new Error('the RA is set up at module init');
    return this.identity;
  }

  async onModuleInit(): Promise<void> {
    if (this.config.SCEP_ENABLED !== 'true') {
      this.log.log('the SCEP (NDES) role is off (SCEP_ENABLED=false): no RA, and the SCEP endpoint answers 503');
      return;
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const passphrase = new RegistrationStore(resolve(this.config.CERTLAB_DATA_DIR, SERVICE_NAME)).passphrase(this.config.CONNECTOR_KEYSTORE_PASSPHRASE);
    const software = await SoftwareKeyStore.open({ directory: join(this.dir, 'software'), passphrase });
    const hsm = await SimulatedHsmKeyStore.open({ directory: join(this.dir, 'hsm'), passphrase });

    if (!existsSync(this.file('signing'))) await this.enrollSigning(software);
    const caChain = pemBlocks(readFileSync(this.file('chain'), 'utf8'))
      .filter((b) => b.label === 'CERTIFICATE')
      .map((b) => Certificate.parse(b.der));
    const signingCert = Certificate.parse(readFileSync(this.file('signing'), 'utf8'));
    this.ca.useTls({
      key: toPem(await software.exportPrivateKey(SIGNING_KEY), 'PRIVATE KEY'),
      cert: signingCert.pem,
      ca: caChain.map((c) => c.pem),
    });
    const signingPair = await software.getKeyPair(SIGNING_KEY);
    const signing = { certificate: signingCert, storedSpki: await software.getPublicKeySpki(SIGNING_KEY), key: signatureKeyFromKeyObject(KeyObject.from(signingPair.privateKey)) };
    if (!existsSync(this.file('encryption'))) await this.enrollEncryption(hsm, signing.certificate, signing.key);
    const encryptionKey = (await hsm.getKeyPair(ENCRYPTION_KEY, { name: 'RSA-OAEP', hash: 'SHA-256' })).privateKey;
    this.identity = await RaIdentity.create({
      signing,
      encryption: { certificate: Certificate.parse(readFileSync(this.file('encryption'), 'utf8')), storedSpki: await hsm.getPublicKeySpki(ENCRYPTION_KEY), key: rsaUnwrapperFromKey(encryptionKey) },
      caChain,
      where: this.dir,
    });
    this.log.log(`RA ready: signing "${signingCert.subject}" (${signingCert.serialNumber}), encryption "${this.ra.encryption.certificate.subject}" (${this.ra.encryption.certificate.serialNumber})`);
  }

  private file(which: 'signing' | 'encryption' | 'chain'): string {
    return join(this.dir, { signing: 'ra-signing.pem', encryption: 'ra-encryption.pem', chain: 'ca-chain.pem' }[which]);
  }

  private async enrollSigning(keys: KeyStore): Promise<void> {
    const tokenFile = isAbsolute(this.config.CA_ENROLLMENT_TOKEN_FILE_RA) ? this.config.CA_ENROLLMENT_TOKEN_FILE_RA : resolve(this.config.CERTLAB_DATA_DIR, this.config.CA_ENROLLMENT_TOKEN_FILE_RA);
    const token = await waitForFile(tokenFile, 30_000);
    if (!token) {
      throw new RaConfigError(`the RA has no certificate and no enrollment token at ${tokenFile}: start the CA first (it writes the token), or set CA_ENROLLMENT_TOKEN_FILE_RA to the token of the ndes-ra identity`);
    }
    if (!(await keys.has(SIGNING_KEY))) await keys.generate(SIGNING_KEY, { kind: 'rsa', bits: 2048 });
    // The CA's enrollment-agent template builds the subject from the directory: the CSR's stays empty.
    const csr = await createCertificateRequest({ subject: '', keys: await keys.getKeyPair(SIGNING_KEY) });
    const enrolled = await this.ca.enroll(token, csr.der).catch((err: unknown) => {
      throw new RaConfigError(`the CA refused the ndes-ra enrollment (${err instanceof Error ? err.message : String(err)}); mint a new token for ndes-ra at the CA and point CA_ENROLLMENT_TOKEN_FILE_RA at it`);
    });
    writeFileSync(this.file('chain'), enrolled.chain.join(''), { mode: 0o644 });
    writeFileSync(this.file('signing'), enrolled.certificate, { mode: 0o644 });
    this.log.log(`enrolled the ndes-ra identity at the CA (request ${enrolled.requestId})`);
  }

  private async enrollEncryption(keys: KeyStore, signer: Certificate, signerKey: CmsSignatureKey): Promise<void> {
    if (!(await keys.has(ENCRYPTION_KEY))) await keys.generate(ENCRYPTION_KEY, { kind: 'rsa', bits: 2048 });
    const csr = await createCertificateRequest({ subject: ENCRYPTION_SUBJECT, keys: await keys.getKeyPair(ENCRYPTION_KEY), keyUsage: ['keyEncipherment'] });
    const signed = await signCms({ content: csr.der, signers: [{ certificate: signer.der, key: signerKey, hash: 'SHA-256' }] });
    const result = await this.ca.submitSigned(this.config.RA_ENCRYPTION_TEMPLATE, signed);
    if (result.status !== 'issued' || !result.certificate) {
      throw new RaConfigError(`the CA did not issue the RA encryption certificate on template "${this.config.RA_ENCRYPTION_TEMPLATE}": request ${result.requestId} is ${result.status} (${result.reason ?? 'no reason'}); set RA_ENCRYPTION_TEMPLATE to a template ndes-ra may enroll on that gives keyEncipherment`);
    }
    writeFileSync(this.file('encryption'), result.certificate, { mode: 0o644 });
    this.log.log(`the CA issued the RA encryption certificate (request ${result.requestId}, template ${result.template})`);
  }
}

async function waitForFile(path: string, ms: number): Promise<string | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8').trim();
      if (text) return text;
    }
    if (Date.now() > until) return undefined;
    await new Promise((r) => setTimeout(r, 500));
  }
}
