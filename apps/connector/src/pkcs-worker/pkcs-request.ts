import { type CaRequest, type PkcsJobPayload, caRequestSchema } from '@certlab/contracts';
import { Certificate, buildPkcs12, createCertificateRequest, encryptCms } from '@certlab/pki-core';
import { randomBytes, webcrypto } from 'node:crypto';
import { CaRefused, CaUnreachable, caCall } from '../ca-identity/ca-http';
import type { ConnectorCaIdentity } from '../ca-identity/connector-ca-identity';

/** A step that failed, with the number the console shows and the CA's reason. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(
    readonly step: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** What the worker tells the cloud between steps. */
export interface PkcsCloudPort {
  checkpoint(escrowedKey: Uint8Array, caRequestId: number | null): Promise<void>;
  upload(pfx: Uint8Array, encryptedPassword: Uint8Array, certificate: Certificate, caRequestId: number): Promise<void>;
}

export interface PkcsRequestDeps {
  identity: ConnectorCaIdentity;
  cloud: PkcsCloudPort;
  pause: () => Promise<void>;
  log: (step: number, message: string) => void;
}

/**
 * One PKCS request, steps 3–8, on the connector. The key is born here, escrowed to the
 * connector's CA identity before the CA sees the request (so a connector taking over after a
 * crash continues with the same key and CA request instead of issuing a second certificate), put
 * into the PKCS#12 under a random password, and dropped when the upload is done.
 */
export async function runPkcsRequest(job: PkcsJobPayload, deps: PkcsRequestDeps): Promise<void> {
  const { identity, cloud, pause, log } = deps;
  if (job.templatePolicy && !job.templatePolicy.allowPrivateKeyExport) {
    throw new StepFailure(4, `template ${job.template} does not allow the private key to be exported, so no PKCS#12 can be made; publish a template with "Allow private key to be exported"`, 'keyExportNotAllowed');
  }
  let pkcs8: Uint8Array;
  let caRequestId: number | null = null;
  if (job.resume) {
    pkcs8 = await identity.unescrow(new Uint8Array(Buffer.from(job.resume.escrowedKey, 'base64')));
    caRequestId = job.resume.caRequestId;
    log(3, `resuming with the escrowed key${caRequestId !== null ? ` and CA request ${caRequestId}` : ''}`);
  } else {
    pkcs8 = await generateKey(job.keySize);
    log(3, `generated an RSA ${job.keySize} key pair`);
    await cloud.checkpoint(await identity.escrow(pkcs8), null);
  }
  try {
    const keys = await importPair(pkcs8);
    const tls = await identity.tls();
    let request: CaRequest;
    if (caRequestId !== null) {
      await pause();
      request = await ca(() => caCall(new URL(`/api/requests/${caRequestId}`, `https://${job.caHost}`), 'GET', undefined, caRequestSchema, tls));
      log(6, `retrieved CA request ${caRequestId} (${request.status}) instead of submitting again`);
    } else {
      const csr = await createCertificateRequest({ subject: job.subject, keys, subjectAltNames: job.subjectAlternativeNames });
      await pause();
      log(4, `submitting the PKCS#10 for ${job.subject} to ${job.caHost}\\${job.caName} on template ${job.template}`);
      request = await ca(() =>
        caCall(new URL('/api/requests', `https://${job.caHost}`), 'POST', { template: job.template, caName: job.caName, csr: Buffer.from(csr.der).toString('base64') }, caRequestSchema, tls),
      );
      caRequestId = request.requestId;
    }
    if (request.status === 'denied') throw new StepFailure(5, `the CA denied request ${request.requestId}: ${request.reason ?? 'no reason given'}`, request.reasonCode ?? 'denied');
    if (request.status === 'pending' || !request.certificate) {
      throw new StepFailure(5, `the CA holds request ${request.requestId} pending (${request.reason ?? 'manager approval'}); approve it at the CA and retry`, request.reasonCode ?? 'pending');
    }
    await cloud.checkpoint(await identity.escrow(pkcs8), request.requestId);
    const cert = Certificate.parse(request.certificate);
    if (!Buffer.from(cert.spki).equals(Buffer.from(await spkiOf(keys.publicKey)))) throw new StepFailure(6, `CA request ${request.requestId} certifies another key than this request's`);
    log(6, `the CA issued serial ${cert.serialNumber} (request ${request.requestId})`);

    await pause();
    const password = randomBytes(24).toString('base64url');
    const chain = identity.chain.map((pem) => Certificate.parse(pem).der);
    const pfx = await buildPkcs12({ privateKey: pkcs8, certificate: cert.der, chain, password, friendlyName: job.profileName });
    log(7, 'built the PKCS#12 under a random password');
    const kra = Certificate.parse(job.kraCertificate);
    const encryptedPassword = await encryptCms({ content: new TextEncoder().encode(password), recipients: [{ certificate: kra.der, keyWrap: 'rsa-oaep-sha256' }], cipher: 'aes-256-cbc' });
    await cloud.upload(pfx, encryptedPassword, cert, request.requestId);
    log(8, `uploaded the PKCS#12 and the password encrypted to the KRA (${kra.thumbprintSha256.slice(0, 16)}…)`);
  } finally {
    // Step 8's last act: the connector keeps no copy of the key.
    pkcs8.fill(0);
  }
}

async function ca<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof CaRefused) throw new StepFailure(err.status === 403 ? 5 : 4, `the CA refused: ${err.message}`, err.problem.code);
    if (err instanceof CaUnreachable) throw new StepFailure(4, err.message, 'caUnreachable');
    throw err;
  }
}

async function generateKey(bits: number): Promise<Uint8Array> {
  const pair = await webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
  return new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey));
}

async function importPair(pkcs8: Uint8Array): Promise<CryptoKeyPair> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const privateKey = await webcrypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), alg, true, ['sign']);
  const jwk = await webcrypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await webcrypto.subtle.importKey('jwk', { kty: jwk.kty, n: jwk.n, e: jwk.e }, alg, true, ['verify']);
  return { privateKey, publicKey } as CryptoKeyPair;
}

async function spkiOf(publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await webcrypto.subtle.exportKey('spki', publicKey));
}
