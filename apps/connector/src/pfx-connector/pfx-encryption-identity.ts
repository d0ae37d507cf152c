import { type CaRequest, caRequestSchema } from '@certlab/contracts';
import { Certificate, EnvelopedCms, type KeyStore, type RsaKeyUnwrapper, SimulatedHsmKeyStore, createCertificateRequest } from '@certlab/pki-core';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { caCall } from '../ca-identity/ca-http';
import type { ConnectorCaIdentity } from '../ca-identity/connector-ca-identity';

const KEY = 'pfx-connector-encryption';
const DAY = 86_400_000;

export interface PfxIdentityOptions {
  directory: string;
  /** The CA's mTLS request API, e.g. https://127.0.0.1:3201. */
  caTlsUrl: string;
  template: string;
}

/**
 * The PFX connector's encryption certificate (the seed's "PFX Certificate Connector
 * certificate"): an RSA key born in the connector's simulated HSM (non-exportable, sealed at
 * rest), certified by the enterprise CA on a keyEncipherment template the connector's computer
 * account may enroll on. Admins encrypt PFX passwords to it; only this key store opens them, and
 * only through raw RSA / OAEP inside the store.
 */
export class PfxEncryptionIdentity {
  private constructor(
    private readonly hsm: KeyStore,
    readonly certificate: Certificate,
    readonly chain: string[],
  ) {}

  static async open(options: PfxIdentityOptions, caIdentity: ConnectorCaIdentity): Promise<PfxEncryptionIdentity> {
    const dir = options.directory;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const passphraseFile = join(dir, 'keystore.passphrase');
    if (!existsSync(passphraseFile)) writeFileSync(passphraseFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    const hsm = await SimulatedHsmKeyStore.open({ directory: join(dir, 'keys'), passphrase: readFileSync(passphraseFile, 'utf8').trim() });
    if (!(await hsm.has(KEY))) await hsm.generate(KEY, { kind: 'rsa', bits: 2048 });
    const spki = Buffer.from(await hsm.getPublicKeySpki(KEY));
    const certFile = join(dir, 'encryption.pem');
    const chainFile = join(dir, 'chain.json');
    if (existsSync(certFile) && existsSync(chainFile)) {
      const cert = Certificate.parse(readFileSync(certFile, 'utf8'));
      if (spki.equals(Buffer.from(cert.spki)) && cert.notAfter.getTime() - Date.now() > 30 * DAY) return new PfxEncryptionIdentity(hsm, cert, JSON.parse(readFileSync(chainFile, 'utf8')) as string[]);
    }
    const csr = await createCertificateRequest({ subject: `CN=certlab PFX connector ${hostname()}, O=certlab`, keys: await hsm.getKeyPair(KEY) });
    const answer: CaRequest = await caCall(new URL('/api/requests', options.caTlsUrl), 'POST', { template: options.template, csr: Buffer.from(csr.der).toString('base64') }, caRequestSchema, await caIdentity.tls());
    if (answer.status !== 'issued' || !answer.certificate) throw new Error(`the CA did not issue the PFX connector certificate on template ${options.template}: ${answer.status} ${answer.reason ?? ''}`);
    const cert = Certificate.parse(answer.certificate);
    // Refuse to start with a certificate that cannot protect passwords (STYLE habit 8).
    if (!spki.equals(Buffer.from(cert.spki))) throw new Error('the CA certified another key than the PFX connector key');
    if (cert.keyUsage && !cert.keyUsage.includes('keyEncipherment')) throw new Error(`template ${options.template} does not give keyEncipherment; the PFX connector certificate needs it`);
    writeFileSync(certFile, cert.pem, { mode: 0o644 });
    writeFileSync(chainFile, JSON.stringify(caIdentity.chain), { mode: 0o644 });
    new Logger('PfxIdentity').log(`enrolled the PFX connector encryption certificate (CA request ${answer.requestId}, SHA-256 ${cert.thumbprintSha256})`);
    return new PfxEncryptionIdentity(hsm, cert, caIdentity.chain);
  }

  /** Step 7: the password out of its envelope, in this process's memory only. */
  async decrypt(envelope: Uint8Array): Promise<Uint8Array> {
    return EnvelopedCms.parse(envelope).decrypt(this.unwrapper(), this.certificate.der);
  }

  /**
   * CMS key unwrapping with the key inside the store: raw RSA for PKCS#1 v1.5 (pki-core strips
   * the padding with implicit rejection, so this is no padding oracle) and WebCrypto RSA-OAEP on
   * the store's non-extractable key.
   */
  private unwrapper(): RsaKeyUnwrapper {
    const hsm = this.hsm;
    const bits = this.certificate.publicKey.kind === 'rsa' ? this.certificate.publicKey.bits : 2048;
    return {
      modulusBytes: Math.ceil(bits / 8),
      decryptRaw: (ciphertext) => hsm.decryptRaw(KEY, ciphertext),
      async decryptOaep(ciphertext, hash) {
        const { privateKey } = await hsm.getKeyPair(KEY, { name: 'RSA-OAEP', hash });
        return new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, new Uint8Array(ciphertext)));
      },
    };
  }
}
