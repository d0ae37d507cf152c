import {
  type DesiredProfile,
  PKCS_STEPS,
  type PkcsStep,
  pkcsCompletionResponseSchema,
  pkcsDeviceBundleContentSchema,
  pkcsDeviceBundleSchema,
} from '@certlab/contracts';
import { Certificate, EnvelopedCms, type KeyStore, Pkcs12, rsaUnwrapperFromKey, toPem } from '@certlab/pki-core';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelClient } from '../channel-client';
import type { ProfileRecord, StateDir } from '../state-dir';

type DesiredPkcs = Extract<DesiredProfile, { type: 'pkcs' }>;

export interface PkcsDeviceContext {
  state: StateDir;
  client: ChannelClient;
  /** The software store holding the Device Management key (step 10 decrypts with it). */
  managementKeys: KeyStore;
  managementKeyName: string;
  managementCertificate: string;
  /** Non-exportable stores: the simulated TPM when the device has one, else the platform keychain. */
  tpm: KeyStore | undefined;
  keychain: () => Promise<KeyStore>;
}

/** Where PKCS certificates land next to their non-exportable keys. */
export const pkcsCertificateFile = (state: StateDir, profileId: string) => join(state.path, 'pkcs', `${profileId}.pem`);
export const pkcsKeyName = (profileId: string) => `pkcs-${profileId}`;

/**
 * Step 10, per PKCS profile in the desired state: while the request travels (queued, leased,
 * issued) the device reports pending with the step it reached; a failure upstream is reported
 * with its step number; once ready, the device fetches the bundle the cloud re-encrypted for its
 * Device Management certificate, decrypts it with its management key, imports key and
 * certificate (the key marked non-exportable) and tells the cloud. Returns the record each
 * profile should have; profiles already delivered at this version are left alone.
 */
export async function preparePkcs(ctx: PkcsDeviceContext, desired: DesiredProfile[], known: Map<string, ProfileRecord>, at: string): Promise<Map<string, ProfileRecord>> {
  const out = new Map<string, ProfileRecord>();
  for (const profile of desired) {
    if (profile.type !== 'pkcs') continue;
    const record = known.get(profile.profileId);
    if (record && record.version === profile.version && record.status === 'succeeded') continue;
    out.set(profile.profileId, await applyOne(ctx, profile, at));
  }
  return out;
}

/** A PKCS profile that left the desired state: its key and certificate go too. */
export async function removePkcs(ctx: PkcsDeviceContext, profileId: string): Promise<void> {
  for (const store of [ctx.tpm, await ctx.keychain()]) {
    if (store && (await store.has(pkcsKeyName(profileId)))) await store.delete(pkcsKeyName(profileId));
  }
  rmSync(pkcsCertificateFile(ctx.state, profileId), { force: true });
}

async function applyOne(ctx: PkcsDeviceContext, profile: DesiredPkcs, at: string): Promise<ProfileRecord> {
  const base = { profileId: profile.profileId, name: profile.name, type: profile.type, version: profile.version, at, reported: false };
  const p = profile.payload;
  if (p.state === 'failed') {
    const step = p.failedStep ?? p.step;
    return { ...base, status: 'failed', errorCode: `pkcs-step-${step}`, message: `step ${step} failed: ${p.failureReason ?? 'no reason given'}` };
  }
  if (!p.bundlePath || !p.requestId) {
    return { ...base, status: 'pending', message: `step ${p.step}: ${PKCS_STEPS[p.step as PkcsStep] ?? 'in progress'}${p.state === 'leased' ? ' (a connector is working on it)' : ''}` };
  }
  const requestId = p.requestId;
  try {
    const store = await targetStore(ctx, p.keyStorageProvider);
    const bundle = await ctx.client.post(p.bundlePath, {}, pkcsDeviceBundleSchema);
    const envelope = EnvelopedCms.parse(new Uint8Array(Buffer.from(bundle.envelope, 'base64')));
    // The management key lives in the software store; it is opened for this decryption only.
    const unwrapper = rsaUnwrapperFromKey(await ctx.managementKeys.exportPrivateKey(ctx.managementKeyName));
    const content = pkcsDeviceBundleContentSchema.parse(JSON.parse(Buffer.from(await envelope.decrypt(unwrapper, Certificate.parse(ctx.managementCertificate).der)).toString('utf8')));
    if (content.requestId !== requestId) throw new Error('the bundle belongs to another request');
    const pfx = await Pkcs12.parse(new Uint8Array(Buffer.from(content.pfx, 'base64')), content.password);
    if (!pfx.privateKey || !pfx.certificate) throw new Error('the PKCS#12 lacks the key or the certificate');
    const cert = Certificate.parse(pfx.certificate.der);
    const keyName = pkcsKeyName(profile.profileId);
    if (await store.has(keyName)) await store.delete(keyName);
    await store.importPrivateKey(keyName, pfx.privateKey);
    const file = pkcsCertificateFile(ctx.state, profile.profileId);
    mkdirSync(join(ctx.state.path, 'pkcs'), { recursive: true, mode: 0o700 });
    const chain = pfx.otherCertificates.map((c) => toPem(c.der, 'CERTIFICATE')).join('');
    writeFileSync(file, cert.pem + chain, { mode: 0o644 });
    await ctx.client.post(`/api/device/pkcs/${requestId}/result`, { status: 'succeeded', thumbprintSha256: cert.thumbprintSha256 }, pkcsCompletionResponseSchema);
    return {
      ...base,
      status: 'succeeded',
      details: { requestId, thumbprintSha256: cert.thumbprintSha256, serialNumber: cert.serialNumber, subject: cert.subject, notAfter: cert.notAfter.toISOString(), keyStore: store.backend, exportable: false },
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    await ctx.client.post(`/api/device/pkcs/${requestId}/result`, { status: 'failed', reason: reason.slice(0, 2000) }, pkcsCompletionResponseSchema).catch(() => undefined);
    return { ...base, status: 'failed', errorCode: 'pkcs-step-10', message: `step 10 failed: ${reason}` };
  }
}

/** Intune's key storage provider choice, on this device's hardware. */
async function targetStore(ctx: PkcsDeviceContext, provider: DesiredPkcs['payload']['keyStorageProvider']): Promise<KeyStore> {
  if (provider === 'tpmOrFail' && !ctx.tpm) throw new Error('the profile requires the TPM key storage provider and this device has no TPM');
  if (provider !== 'software' && ctx.tpm) return ctx.tpm;
  return ctx.keychain();
}

/** The installed PKCS certificates, for `certlab device status`. */
export function installedPkcsCertificates(state: StateDir, profileIds: string[]): { profileId: string; certificate: string }[] {
  return profileIds.flatMap((profileId) => {
    const file = pkcsCertificateFile(state, profileId);
    return existsSync(file) ? [{ profileId, certificate: readFileSync(file, 'utf8') }] : [];
  });
}
