import type { PfxJobPayload } from '@certlab/contracts';
import { Certificate, Pkcs12, encryptCms } from '@certlab/pki-core';

/** A step that failed, with the number the console shows. */
export class PfxStepFailure extends Error {
  override readonly name = 'PfxStepFailure';
  constructor(
    readonly step: 6 | 7 | 8 | 9,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** What steps 7–8 need from the PFX connector identity. */
export interface PasswordDecrypter {
  readonly certificate: Certificate;
  decrypt(envelope: Uint8Array): Promise<Uint8Array>;
}

/**
 * Steps 7–8 for one device: decrypt the admin-encrypted password with the PFX connector key,
 * check it opens the PFX and that the PFX holds the certificate recorded at import with its key
 * (so a device never receives a password for something else), and re-encrypt the password to
 * the device's Device Management certificate (CMS EnvelopedData, RSA-OAEP SHA-256, AES-256-CBC).
 * The clear password lives only in this function's memory; its bytes are zeroed on the way out.
 */
export async function reencryptPassword(job: PfxJobPayload, identity: PasswordDecrypter): Promise<Uint8Array> {
  if (job.connectorThumbprint.toUpperCase() !== identity.certificate.thumbprintSha256) {
    throw new PfxStepFailure(7, `the password is protected by PFX connector certificate ${job.connectorThumbprint}, not by this connector's ${identity.certificate.thumbprintSha256}`, 'otherConnectorCertificate');
  }
  let device: Certificate;
  try {
    device = Certificate.parse(job.deviceCertificate);
  } catch {
    throw new PfxStepFailure(8, 'the device certificate in the job is not readable', 'deviceCertificateUnreadable');
  }
  if (device.publicKey.kind !== 'rsa') throw new PfxStepFailure(8, `the device key is ${device.publicKey.kind}; the password can only be encrypted to an RSA key`, 'deviceKeyNotRsa');
  let password: Uint8Array;
  try {
    password = await identity.decrypt(new Uint8Array(Buffer.from(job.encryptedPassword, 'base64')));
  } catch (err) {
    // pki-core's CMS errors say what failed (structure, recipient, content), never the key or content.
    throw new PfxStepFailure(7, `the encrypted password does not open with this connector's key (${err instanceof Error ? err.message : String(err)})`, 'passwordUndecryptable');
  }
  try {
    let pfx: Pkcs12;
    try {
      pfx = await Pkcs12.parse(new Uint8Array(Buffer.from(job.pfx, 'base64')), new TextDecoder('utf-8', { fatal: true }).decode(password));
    } catch (err) {
      throw new PfxStepFailure(7, `the decrypted password does not open the PKCS#12 (${err instanceof Error ? err.message : String(err)})`, 'pfxDoesNotOpen');
    }
    if (!pfx.hasPrivateKey || !pfx.certificate) throw new PfxStepFailure(7, 'the PKCS#12 holds no private key with its certificate', 'pfxWithoutKey');
    const leaf = Certificate.parse(pfx.certificate.der);
    if (leaf.thumbprintSha256 !== job.expectedThumbprintSha256.toUpperCase()) {
      throw new PfxStepFailure(7, `the PKCS#12 holds certificate ${leaf.thumbprintSha256}, not ${job.expectedThumbprintSha256} recorded at import`, 'certificateMismatch');
    }
    return await encryptCms({ content: password, recipients: [{ certificate: device.der, keyWrap: 'rsa-oaep-sha256' }], cipher: 'aes-256-cbc' });
  } finally {
    password.fill(0);
  }
}
