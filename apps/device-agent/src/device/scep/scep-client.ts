import { type DesiredProfile, type Platform, type ScepPayload, renewalDue } from '@certlab/contracts';
import {
  Certificate,
  type CertRepOutcome,
  type KeyStore,
  type KeySpec,
  type ScepCaps,
  buildCertPoll,
  buildPkcsReq,
  buildRenewalReq,
  bytesEqual,
  createCertificateRequest,
  createSelfSignedCertificate,
  fromPem,
  hasCap,
  preferredCipher,
  preferredHash,
  readCertRep,
  selectRecipientCertificate,
  verifyChain,
} from '@certlab/pki-core';
import type { ProfileRecord, StateDir } from '../state-dir';
import { TrustStore } from '../trust-store';
import { type ScepCertificateEntry, ScepCertificateStore, type ScepKeyStoreName, type ScepPendingEntry } from './certificate-store';
import { storeUnwrapper } from './key-unwrapper';
import { ScepTransport, ScepTransportError } from './transport';

export type DesiredScep = Extract<DesiredProfile, { type: 'scep' }>;

export interface ScepDeviceContext {
  state: StateDir;
  platform: Platform;
  software: KeyStore;
  /** The simulated TPM (Windows devices). */
  tpm?: KeyStore;
  /** The whole desired state: a trusted-root profile the SCEP profile names is installed first. */
  desired: readonly DesiredProfile[];
  now?: () => Date;
}

/** A refusal with the code the cloud and the console show; every SCEP failure on the device is one. */
class ScepClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** First CertPoll after this long; doubles per poll up to an hour (RFC 8894 §3.3.3 leaves the schedule to the client). */
const FIRST_POLL_SECONDS = 2;
const MAX_POLL_SECONDS = 3600;

/**
 * The device's SCEP client (seed SCEP step 2, and the device's half of 6): read the payload,
 * GetCACaps, GetCACert checked against the trusted-root profile, a key generated in the device's
 * key store, a PKCS#10 with the challenge and the rendered subject/SANs, PKCSReq (or RenewalReq
 * signed by the current certificate) with the strongest algorithms both sides support, CertPoll
 * while PENDING, then verify and install. Returns the record to report, or undefined when
 * nothing changed.
 */
export async function applyScep(ctx: ScepDeviceContext, profile: DesiredScep, known: ProfileRecord | undefined, at: string): Promise<ProfileRecord | undefined> {
  const base = { profileId: profile.profileId, name: profile.name, type: profile.type, version: profile.version, at, reported: false };
  const store = new ScepCertificateStore(ctx.state);
  const now = ctx.now?.() ?? new Date();
  const p = profile.payload;
  const held = store.certificate(profile.profileId);
  const succeeded = (entry: ScepCertificateEntry, message: string): ProfileRecord => ({ ...base, status: 'succeeded', message, details: detailsOf(entry) });
  try {
    if (p.state === 'renderFailed') return { ...base, status: 'failed', errorCode: p.errorCode, message: p.message };
    if (p.state === 'installed') {
      if (held && held.thumbprintSha1 === p.thumbprint) return known?.status === 'succeeded' && known.version === profile.version ? undefined : succeeded(held, 'certificate installed');
      return { ...base, status: 'failed', errorCode: 'scep.install.certificateNotHeld', message: `the cloud lists certificate ${p.thumbprint} as installed, but this device does not hold it` };
    }
    const pending = store.pending(profile.profileId);
    if (p.state === 'pending' || (pending && pending.version === profile.version)) {
      if (!pending) return { ...base, status: 'failed', errorCode: 'scep.pendingLost', message: 'the cloud says a request is pending, but this device holds no pending transaction' };
      return await poll(ctx, store, pending, base, now);
    }
    // A certificate for this version that is not due for renewal stays: the new challenge goes unused.
    if (held && held.version === profile.version && !renewalDue(new Date(held.notBefore), new Date(held.notAfter), p.scep.renewalThresholdPercent, now)) {
      return known?.status === 'succeeded' && known.version === profile.version ? undefined : succeeded(held, 'certificate installed');
    }
    return await enroll(ctx, store, profile, p.scep, held, base, now);
  } catch (err) {
    if (err instanceof ScepClientError) return { ...base, status: 'failed', errorCode: err.code, message: err.message };
    if (err instanceof ScepTransportError) return { ...base, status: 'failed', errorCode: 'scep.serverUnreachable', message: err.message };
    throw err;
  }
}

/** A SCEP profile that left the desired state: its key and certificate go too. */
export async function removeScep(ctx: Pick<ScepDeviceContext, 'state' | 'software' | 'tpm'>, profileId: string): Promise<void> {
  const removed = new ScepCertificateStore(ctx.state).remove(profileId);
  for (const entry of [removed.certificate, removed.pending]) {
    if (!entry) continue;
    const keys = entry.keyStore === 'simulated TPM' ? ctx.tpm : ctx.software;
    if (keys && (await keys.has(entry.keyName))) await keys.delete(entry.keyName);
  }
}

type Base = Omit<ProfileRecord, 'status'>;

async function enroll(ctx: ScepDeviceContext, store: ScepCertificateStore, profile: DesiredScep, scep: ScepPayload, held: ScepCertificateEntry | undefined, base: Base, now: Date): Promise<ProfileRecord> {
  const root = trustedRoot(ctx, scep);
  const { keys, storeName } = keyStoreFor(ctx, scep);
  let lastError: Error | undefined;
  for (const url of scep.scepUrls) {
    const transport = new ScepTransport(url);
    let caps: ScepCaps;
    let caCerts: Certificate[];
    try {
      caps = await transport.getCaCaps();
      caCerts = (await transport.getCaCert()).map((d) => Certificate.parse(d));
    } catch (err) {
      // The next URL in the profile may answer (Intune tries them in order).
      if (err instanceof ScepTransportError) {
        lastError = err;
        continue;
      }
      throw err;
    }
    const ra = await checkRaChain(caCerts, root);
    const cipher = preferredCipher(caps);
    const hash = preferredHash(caps);
    const spec: KeySpec = scep.keySpec;
    const keyName = `scep-${profile.profileId}-${now.getTime()}`;
    await keys.generate(keyName, spec);
    try {
      const csrKeys = await keys.getKeyPair(keyName, spec.kind === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: scep.hashAlgorithm } : { name: 'ECDSA' });
      const csr = await createCertificateRequest({
        subject: scep.subject,
        keys: csrKeys,
        challengePassword: scep.challenge,
        subjectAltNames: scep.subjectAlternativeNames.map((s) => ({ type: s.type, value: s.value })),
        keyUsage: scep.keyUsage,
        extendedKeyUsage: scep.extendedKeyUsages,
      });
      // Renewal: RenewalReq signed with the current certificate when the server offers it (RFC 8894 §3.3.1.2).
      const renewing = held && hasCap(caps, 'Renewal') && (held.keyStore === 'software' ? ctx.software : ctx.tpm) && Certificate.parse(fromPem(held.certificate, 'CERTIFICATE')).publicKey.kind === 'rsa';
      const signer = renewing
        ? { cert: Certificate.parse(fromPem(held.certificate, 'CERTIFICATE')), keyName: held.keyName, storeName: held.keyStore, keys: held.keyStore === 'software' ? ctx.software : ctx.tpm! }
        : await selfSignedSigner(keys, keyName, storeName, spec, scep.subject, now);
      const signerKey = (await signer.keys.getKeyPair(signer.keyName, { name: 'RSASSA-PKCS1-v1_5', hash })).privateKey;
      const options = { csrDer: csr.der, signerCert: signer.cert.der, signerKey, recipientCert: selectRecipientCertificate(caCerts.map((c) => c.der)), cipher, hash };
      const built = renewing ? await buildRenewalReq(options) : await buildPkcsReq(options);
      const answer = await transport.pkiOperation(built.der, hasCap(caps, 'POSTPKIOperation'));
      const outcome = await readCertRep(answer, { request: built.model, raCertificate: ra.signing.der, unwrapper: await storeUnwrapper(signer.keys, signer.keyName) });
      const issuer = ra.issuingCa;
      const pending: ScepPendingEntry = {
        profileId: profile.profileId,
        version: profile.version,
        scepUrl: url,
        transactionId: built.model.transactionId,
        keyName,
        keyStore: storeName,
        issuerDer: Buffer.from(issuer.subjectNameDer).toString('base64'),
        subjectDer: Buffer.from(csr.subjectNameDer).toString('base64'),
        signerCertificate: signer.cert.pem,
        signerKeyName: signer.keyName,
        signerKeyStore: signer.storeName,
        raCertificates: caCerts.map((c) => c.pem),
        since: now.toISOString(),
        nextPollAt: new Date(now.getTime() + FIRST_POLL_SECONDS * 1000).toISOString(),
        intervalSeconds: FIRST_POLL_SECONDS,
        polls: 0,
      };
      return await settle(ctx, store, outcome, pending, base, held, scep.renewalThresholdPercent, csr.spki);
    } catch (err) {
      // A key without a certificate is useless; a pending one is kept for CertPoll.
      if (!store.pending(profile.profileId) && (await keys.has(keyName))) await keys.delete(keyName);
      throw err;
    }
  }
  throw lastError ?? new ScepClientError('scep.serverUnreachable', 'the profile names no SCEP server URL');
}

async function poll(ctx: ScepDeviceContext, store: ScepCertificateStore, pending: ScepPendingEntry, base: Base, now: Date): Promise<ProfileRecord> {
  const pendingRecord = (): ProfileRecord => ({
    ...base,
    status: 'pending',
    message: `the CA holds the request for approval (transaction ${pending.transactionId}); next CertPoll after ${pending.nextPollAt}`,
    details: { scepState: 'issuePending', transactionId: pending.transactionId, polls: pending.polls },
  });
  if (new Date(pending.nextPollAt).getTime() > now.getTime()) return pendingRecord();
  const signerKeys = pending.signerKeyStore === 'simulated TPM' ? ctx.tpm : ctx.software;
  if (!signerKeys) throw new ScepClientError('scep.tpmRequired', 'the pending request was signed with a TPM key, and this device has no TPM');
  const transport = new ScepTransport(pending.scepUrl);
  const caps = await transport.getCaCaps();
  const hash = preferredHash(caps);
  const raCerts = pending.raCertificates.map((pem) => Certificate.parse(pem));
  const signerCert = Certificate.parse(pending.signerCertificate);
  const built = await buildCertPoll({
    transactionId: pending.transactionId,
    issuerAndSubject: { issuerDer: new Uint8Array(Buffer.from(pending.issuerDer, 'base64')), subjectDer: new Uint8Array(Buffer.from(pending.subjectDer, 'base64')) },
    signerCert: signerCert.der,
    signerKey: (await signerKeys.getKeyPair(pending.signerKeyName, { name: 'RSASSA-PKCS1-v1_5', hash })).privateKey,
    recipientCert: selectRecipientCertificate(raCerts.map((c) => c.der)),
    cipher: preferredCipher(caps),
    hash,
  });
  const answer = await transport.pkiOperation(built.der, hasCap(caps, 'POSTPKIOperation'));
  const ra = raSigningCertificate(raCerts);
  const outcome = await readCertRep(answer, { request: built.model, raCertificate: ra.der, unwrapper: await storeUnwrapper(signerKeys, pending.signerKeyName) });
  const keys = pending.keyStore === 'simulated TPM' ? ctx.tpm! : ctx.software;
  const spki = await keys.getPublicKeySpki(pending.keyName);
  const next = { ...pending, polls: pending.polls + 1, intervalSeconds: Math.min(pending.intervalSeconds * 2, MAX_POLL_SECONDS) };
  next.nextPollAt = new Date(now.getTime() + next.intervalSeconds * 1000).toISOString();
  return settle(ctx, store, outcome, next, base, new ScepCertificateStore(ctx.state).certificate(pending.profileId), undefined, spki);
}

async function settle(
  ctx: ScepDeviceContext,
  store: ScepCertificateStore,
  outcome: CertRepOutcome,
  pending: ScepPendingEntry,
  base: Base,
  previous: ScepCertificateEntry | undefined,
  threshold: number | undefined,
  spki: Uint8Array,
): Promise<ProfileRecord> {
  const keys = pending.keyStore === 'simulated TPM' ? ctx.tpm! : ctx.software;
  if (outcome.pkiStatus === 'PENDING') {
    store.setPending(pending);
    return { ...base, status: 'pending', message: `the CA holds the request for approval (transaction ${pending.transactionId}); polling with CertPoll`, details: { scepState: 'issuePending', transactionId: pending.transactionId, polls: pending.polls } };
  }
  store.clearPending(pending.profileId);
  if (pending.signerKeyName !== pending.keyName && pending.signerKeyStore === pending.keyStore && pending.signerKeyName.startsWith('scep-transport-')) await keys.delete(pending.signerKeyName);
  if (outcome.pkiStatus === 'FAILURE') {
    await keys.delete(pending.keyName);
    throw new ScepClientError(`scep.${outcome.failInfo}`, `the SCEP server refused the request (${outcome.failInfo})${outcome.failInfoText ? `: ${outcome.failInfoText}` : ''}`);
  }
  const certs = outcome.certificates.map((d) => Certificate.parse(d));
  const leaf = certs.find((c) => bytesEqual(c.spki, spki));
  if (!leaf) {
    await keys.delete(pending.keyName);
    throw new ScepClientError('scep.install.wrongKey', 'the CertRep carries no certificate for the key this device generated');
  }
  const raCerts = pending.raCertificates.map((pem) => Certificate.parse(pem));
  const root = new TrustStore(ctx.state).anchors();
  const chain = await verifyChain({ leaf, intermediates: [...certs, ...raCerts].filter((c) => c !== leaf && c.isCa), trustedRoots: root });
  if (!chain.ok) {
    await keys.delete(pending.keyName);
    throw new ScepClientError('scep.install.untrusted', `the issued certificate does not chain to a trusted root on this device: ${chain.message}`);
  }
  const entry: ScepCertificateEntry = {
    profileId: pending.profileId,
    profileName: base.name,
    version: pending.version,
    keyName: pending.keyName,
    keyStore: pending.keyStore,
    certificate: leaf.pem,
    chain: chain.chain.slice(1).map((c) => c.pem),
    subject: leaf.subject,
    serialNumber: leaf.serialNumber,
    thumbprintSha1: leaf.thumbprintSha1.toUpperCase(),
    thumbprintSha256: leaf.thumbprintSha256,
    notBefore: leaf.notBefore.toISOString(),
    notAfter: leaf.notAfter.toISOString(),
    renewalThresholdPercent: threshold ?? previous?.renewalThresholdPercent ?? 20,
    installedAt: new Date().toISOString(),
  };
  store.install(entry);
  // A renewal replaces the old certificate; its key goes with it.
  if (previous && previous.keyName !== entry.keyName) {
    const old = previous.keyStore === 'simulated TPM' ? ctx.tpm : ctx.software;
    if (old && (await old.has(previous.keyName))) await old.delete(previous.keyName);
  }
  return { ...base, status: 'succeeded', message: `certificate ${entry.serialNumber} installed in the ${entry.keyStore} key store${previous ? ' (renewed)' : ''}`, details: detailsOf(entry) };
}

function detailsOf(e: ScepCertificateEntry): Record<string, string> {
  return { thumbprint: e.thumbprintSha1, thumbprintSha256: e.thumbprintSha256, serialNumber: e.serialNumber, expiresAt: e.notAfter, subject: e.subject, keyStore: e.keyStore };
}

/** The root the profile chains to, from the device's trust store; installs it first when the same check-in brings it. */
function trustedRoot(ctx: ScepDeviceContext, scep: ScepPayload): Certificate {
  const trust = new TrustStore(ctx.state);
  const wanted = scep.trustedRootThumbprintSha256.toUpperCase();
  let root = trust.anchors().find((c) => c.thumbprintSha256.toUpperCase() === wanted);
  if (!root) {
    const carrier = ctx.desired.find((d): d is Extract<DesiredProfile, { type: 'trustedRoot' }> => d.type === 'trustedRoot' && d.payload.thumbprintSha256.toUpperCase() === wanted);
    if (carrier) root = Certificate.parse(Buffer.from(trust.install(carrier).certificate, 'base64'));
  }
  if (!root) throw new ScepClientError('scep.trustedRootMissing', `the trusted certificate profile ${scep.trustedRootProfileId} (SHA-256 ${wanted}) is not installed on this device; assign it to the same groups`);
  return root;
}

interface RaChain {
  signing: Certificate;
  issuingCa: Certificate;
}

/** Every RA and CA certificate GetCACert returned must chain to the profile's root, or the device talks to nobody. */
async function checkRaChain(certs: Certificate[], root: Certificate): Promise<RaChain> {
  if (certs.length === 0) throw new ScepClientError('scep.raUntrusted', 'GetCACert returned no certificate');
  const cas = certs.filter((c) => c.isCa);
  for (const cert of certs) {
    const result = await verifyChain({ leaf: cert, intermediates: cas, trustedRoots: [root] });
    if (!result.ok) throw new ScepClientError('scep.raUntrusted', `the SCEP server's certificate "${cert.subject}" does not chain to the trusted root "${root.subject}": ${result.message}`);
  }
  const issuingCa = cas.find((c) => !c.isSelfIssued) ?? cas[0] ?? root;
  return { signing: raSigningCertificate(certs), issuingCa };
}

/** The RA certificate that signs CertReps: an end-entity certificate with digitalSignature (NDES's RA signing certificate). */
function raSigningCertificate(certs: Certificate[]): Certificate {
  const ends = certs.filter((c) => !c.isCa);
  return ends.find((c) => c.keyUsage?.includes('digitalSignature') && !c.keyUsage.includes('keyEncipherment')) ?? ends.find((c) => c.keyUsage?.includes('digitalSignature')) ?? ends[0] ?? certs[0];
}

function keyStoreFor(ctx: ScepDeviceContext, scep: ScepPayload): { keys: KeyStore; storeName: ScepKeyStoreName } {
  // Intune's key storage provider applies to Windows; other platforms use their own keystore.
  if (ctx.platform === 'windows' && scep.keyStorageProvider !== 'software') {
    if (ctx.tpm) return { keys: ctx.tpm, storeName: 'simulated TPM' };
    if (scep.keyStorageProvider === 'tpmOrFail') throw new ScepClientError('scep.tpmRequired', 'the profile requires the TPM key storage provider and this device has no TPM');
  }
  return { keys: ctx.software, storeName: 'software' };
}

/**
 * The PKCSReq signer: a self-signed certificate over the request's key (RFC 8894 §2.3). An ECDSA
 * key cannot receive the RSA key transport a CertRep is encrypted with, so for one the client
 * signs with a transient RSA key of its own, as Apple's client does for non-RSA requests.
 */
async function selfSignedSigner(keys: KeyStore, keyName: string, storeName: ScepKeyStoreName, spec: KeySpec, subject: string, now: Date) {
  const signerKeyName = spec.kind === 'rsa' ? keyName : `scep-transport-${now.getTime()}`;
  if (spec.kind !== 'rsa') await keys.generate(signerKeyName, { kind: 'rsa', bits: 2048 });
  const pair = await keys.getKeyPair(signerKeyName, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
  const cert = await createSelfSignedCertificate({ subject: subject || 'CN=SCEP client', keys: pair, notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + 86_400_000) });
  return { cert, keyName: signerKeyName, storeName, keys };
}
