import type { PfxConnectorCertificate, PfxImportRequest, PfxPurpose } from '@certlab/contracts';
import { Certificate, Pkcs12, PkiFormatError, PkiVerificationError, encryptCms } from '@certlab/pki-core';

/** Why the tool refuses a file, before anything leaves the admin's machine. */
export class PfxRefusal extends Error {
  override readonly name = 'PfxRefusal';
}

export interface PfxFile {
  der: Uint8Array;
  fileName: string;
  password: string;
  userPrincipalName: string;
  purpose: PfxPurpose;
}

/**
 * Step 1 on the admin's machine: the password must open the file (MAC verified), the file must
 * hold a private key with its certificate, and the password is then encrypted to the chosen PFX
 * connector certificate (CMS EnvelopedData, RSA-OAEP SHA-256, AES-256-CBC). What comes out is
 * the upload body: the password itself is not in it.
 */
export async function preparePfxUpload(file: PfxFile, connector: PfxConnectorCertificate): Promise<{ request: PfxImportRequest; certificate: Certificate }> {
  let pfx: Pkcs12;
  try {
    pfx = await Pkcs12.parse(file.der, file.password);
  } catch (err) {
    if (err instanceof PkiVerificationError) throw new PfxRefusal(`${file.fileName}: the password does not open this PKCS#12 (wrong password, or the file is corrupt)`);
    if (err instanceof PkiFormatError) throw new PfxRefusal(`${file.fileName}: not a readable PKCS#12 file (${err.message})`);
    throw err;
  }
  if (!pfx.hasPrivateKey) throw new PfxRefusal(`${file.fileName}: the file holds no private key; imported PKCS needs the key pair (export it with its private key)`);
  if (!pfx.certificate) throw new PfxRefusal(`${file.fileName}: the file holds no certificate for its private key`);
  const certificate = Certificate.parse(pfx.certificate.der);
  const connectorCert = Certificate.parse(connector.certificate);
  const password = new TextEncoder().encode(file.password);
  const envelope = await encryptCms({ content: password, recipients: [{ certificate: connectorCert.der, keyWrap: 'rsa-oaep-sha256' }], cipher: 'aes-256-cbc' });
  password.fill(0);
  return {
    certificate,
    request: {
      userPrincipalName: file.userPrincipalName,
      purpose: file.purpose,
      pfx: Buffer.from(file.der).toString('base64'),
      encryptedPassword: Buffer.from(envelope).toString('base64'),
      connectorThumbprint: connectorCert.thumbprintSha256,
      certificate: certificate.pem,
      fileName: file.fileName,
    },
  };
}

/** The connector certificate to encrypt to: named by thumbprint (or a prefix), connector name or subject; or the only valid one. */
export function chooseConnector(all: PfxConnectorCertificate[], wanted: string | undefined, now = new Date()): PfxConnectorCertificate {
  const valid = all.filter((c) => new Date(c.notAfter) > now && new Date(c.notBefore) <= now);
  if (wanted) {
    const w = wanted.replaceAll(':', '').toUpperCase();
    const found = valid.filter((c) => c.thumbprintSha256.startsWith(w) || c.connectorName.toUpperCase() === w || c.subject.toUpperCase() === w);
    if (found.length === 1) return found[0];
    if (found.length > 1) throw new PfxRefusal(`--connector ${wanted} matches ${found.length} PFX connector certificates; give more of the thumbprint`);
    throw new PfxRefusal(`no valid PFX connector certificate matches ${wanted}; known: ${describe(valid)}`);
  }
  if (valid.length === 1) return valid[0];
  if (valid.length === 0) throw new PfxRefusal('no PFX connector has published a valid encryption certificate yet: start a connector with the PFX role (PFX_CONNECTOR_ENABLED=true)');
  throw new PfxRefusal(`several PFX connector certificates exist; choose one with --connector: ${describe(valid)}`);
}

function describe(certs: PfxConnectorCertificate[]): string {
  return certs.length ? certs.map((c) => `${c.thumbprintSha256.slice(0, 16)}… (${c.connectorName}, ${c.subject})`).join('; ') : 'none';
}
