import { caIdentityEnrollResponseSchema } from '@certlab/contracts';
import { Certificate, EnvelopedCms, type KeyStore, SoftwareKeyStore, createCertificateRequest, encryptCms, rsaUnwrapperFromKey, toPem } from '@certlab/pki-core';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MtlsCredentials, caCall } from './ca-http';

const KEY = 'ca-computer-identity';
const FILES = { cert: 'identity.pem', chain: 'chain.json', passphrase: 'keystore.passphrase', lock: 'enrolling.lock' } as const;

export interface CaIdentityOptions {
  /** Where key, certificate and chain live; connectors that share the computer account share it. */
  directory: string;
  caUrl: string;
  tokenFile: string;
}

/**
 * The connector's "computer account" at the CA (identity `connector`, kind computer): what the
 * PKCS worker submits requests as (steps 4–6). Enrolled once with the one-time token the CA
 * writes on first start; the key stays in a sealed key store beside the certificate. Several
 * connector processes may share the directory (one computer account): a lock file lets one
 * enroll while the others wait for its certificate.
 */
export class ConnectorCaIdentity {
  private constructor(
    private readonly keys: KeyStore,
    readonly certificate: Certificate,
    /** Issuing CA first, root last (PEM). */
    readonly chain: string[],
  ) {}

  static async open(options: CaIdentityOptions, stopped: () => boolean): Promise<ConnectorCaIdentity> {
    const dir = options.directory;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const passphraseFile = join(dir, FILES.passphrase);
    if (!existsSync(passphraseFile)) {
      try {
        writeFileSync(passphraseFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
      } catch {
        // another connector process created it first
      }
    }
    const keys = await SoftwareKeyStore.open({ directory: join(dir, 'keys'), passphrase: readFileSync(passphraseFile, 'utf8').trim() });
    const log = new Logger('CaIdentity');
    let warned = false;
    while (!stopped()) {
      if (existsSync(join(dir, FILES.cert)) && (await keys.has(KEY))) {
        return new ConnectorCaIdentity(keys, Certificate.parse(readFileSync(join(dir, FILES.cert), 'utf8')), JSON.parse(readFileSync(join(dir, FILES.chain), 'utf8')) as string[]);
      }
      const token = existsSync(options.tokenFile) ? readFileSync(options.tokenFile, 'utf8').trim() : '';
      if (token && takeLock(join(dir, FILES.lock))) {
        try {
          if (!(await keys.has(KEY))) await keys.generate(KEY, { kind: 'rsa', bits: 2048 });
          // A directory template: the CA names the account itself, so the request carries no subject.
          const csr = await createCertificateRequest({ subject: '', keys: await keys.getKeyPair(KEY) });
          const answer = await caCall(new URL('/api/identities/enroll', options.caUrl), 'POST', { token, csr: Buffer.from(csr.der).toString('base64') }, caIdentityEnrollResponseSchema);
          writeFileSync(join(dir, FILES.chain), JSON.stringify(answer.chain), { mode: 0o644 });
          writeFileSync(join(dir, FILES.cert), answer.certificate, { mode: 0o644 });
          log.log(`enrolled the connector's computer identity "${answer.identity}" at the CA (request ${answer.requestId})`);
          continue;
        } catch (err) {
          log.warn(`cannot enroll the computer identity at ${options.caUrl}: ${err instanceof Error ? err.message : String(err)}; retrying`);
        } finally {
          rmSync(join(dir, FILES.lock), { force: true });
        }
      } else if (!warned) {
        log.warn(`waiting for the CA identity token file ${options.tokenFile} (the CA writes it on its first start) or for another connector to enroll in ${dir}`);
        warned = true;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error('stopped');
  }

  /** For the CA's mTLS request API: Node's TLS stack takes the key as bytes, opened for this process only. */
  async tls(): Promise<MtlsCredentials> {
    return { key: toPem(await this.keys.exportPrivateKey(KEY), 'PRIVATE KEY'), cert: this.certificate.pem, ca: this.chain.slice(-1) };
  }

  /** Escrows an in-flight key to this identity (CMS EnvelopedData, RSA-OAEP SHA-256): any connector with the identity opens it. */
  escrow(pkcs8: Uint8Array): Promise<Uint8Array> {
    return encryptCms({ content: pkcs8, recipients: [{ certificate: this.certificate.der, keyWrap: 'rsa-oaep-sha256' }], cipher: 'aes-256-cbc' });
  }

  async unescrow(envelope: Uint8Array): Promise<Uint8Array> {
    const unwrapper = rsaUnwrapperFromKey(await this.keys.exportPrivateKey(KEY));
    return EnvelopedCms.parse(envelope).decrypt(unwrapper, this.certificate.der);
  }
}

function takeLock(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}
