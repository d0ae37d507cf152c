import {
  type DesiredProfile,
  type PfxDeliveryView,
  pfxDeviceBundleSchema,
  pfxDeviceRequestResponseSchema,
  pfxJobCompletionResponseSchema,
} from '@certlab/contracts';
import { Certificate, EnvelopedCms, type KeyStore, Pkcs12, rsaUnwrapperFromKey, toPem } from '@certlab/pki-core';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelClient } from '../channel-client';
import type { ProfileRecord, StateDir } from '../state-dir';

type DesiredImported = Extract<DesiredProfile, { type: 'pkcsImported' }>;

export interface PfxDeviceContext {
  state: StateDir;
  client: ChannelClient;
  /** The software store holding the Device Management key (step 10 decrypts the password with it). */
  managementKeys: KeyStore;
  managementKeyName: string;
  managementCertificate: string;
  tpm: KeyStore | undefined;
  keychain: () => Promise<KeyStore>;
}

/** Imported certificates are named by thumbprint: the same key pair on every device, and once per device. */
export const pfxKeyName = (thumbprintSha256: string) => `pfx-${thumbprintSha256.slice(0, 40).toLowerCase()}`;
export const pfxCertificateFile = (state: StateDir, thumbprintSha256: string) => join(state.path, 'pfx', `${thumbprintSha256.toUpperCase()}.pem`);

/**
 * Steps 5 and 10 per imported-PKCS profile: request the user's imported certificates (step 5),
 * and for each one the cloud says is ready, fetch the PKCS#12 and the password re-encrypted to
 * this device's Device Management key, decrypt, check the certificate, import the key
 * non-exportable and report per thumbprint. The profile succeeds when every certificate of the
 * user for its purpose is installed, expired ones included.
 */
export async function preparePkcsImported(ctx: PfxDeviceContext, desired: DesiredProfile[], known: Map<string, ProfileRecord>, at: string): Promise<Map<string, ProfileRecord>> {
  const out = new Map<string, ProfileRecord>();
  for (const profile of desired) {
    if (profile.type !== 'pkcsImported') continue;
    const record = known.get(profile.profileId);
    const wanted = thumbprintsOf(profile);
    if (record && record.version === profile.version && record.status === 'succeeded' && record.details?.thumbprints === wanted) continue;
    out.set(profile.profileId, await applyOne(ctx, profile, at));
  }
  return out;
}

/** An imported-PKCS profile that left the desired state: its keys and certificates go too. */
export async function removePkcsImported(ctx: PfxDeviceContext, record: ProfileRecord): Promise<void> {
  const thumbprints = typeof record.details?.thumbprints === 'string' && record.details.thumbprints ? record.details.thumbprints.split(',') : [];
  for (const t of thumbprints) {
    for (const store of [ctx.tpm, await ctx.keychain()]) if (store && (await store.has(pfxKeyName(t)))) await store.delete(pfxKeyName(t));
    rmSync(pfxCertificateFile(ctx.state, t), { force: true });
  }
}

/** The imported certificates on this device, for status views and tests. */
export function installedImportedCertificates(state: StateDir): { thumbprintSha256: string; certificate: string }[] {
  const dir = join(state.path, 'pfx');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pem'))
    .map((f) => ({ thumbprintSha256: f.slice(0, -4), certificate: readFileSync(join(dir, f), 'utf8') }));
}

function thumbprintsOf(profile: DesiredImported): string {
  return profile.payload.certificates.map((c) => c.thumbprintSha256.toUpperCase()).sort().join(',');
}

async function applyOne(ctx: PfxDeviceContext, profile: DesiredImported, at: string): Promise<ProfileRecord> {
  const base = { profileId: profile.profileId, name: profile.name, type: profile.type, version: profile.version, at, reported: false };
  const p = profile.payload;
  if (p.certificates.length === 0) {
    return { ...base, status: 'succeeded', message: p.note ?? 'no imported certificates for this user and purpose', details: { certificates: 0, thumbprints: '' } };
  }
  let deliveries: PfxDeliveryView[];
  try {
    const store = await targetStore(ctx, p.keyStorageProvider);
    deliveries = (await ctx.client.post(p.requestPath, {}, pfxDeviceRequestResponseSchema)).deliveries;
    for (const d of deliveries) {
      if (d.state === 'ready' && d.bundlePath) await importOne(ctx, store, d);
    }
    deliveries = (await ctx.client.post(p.requestPath, {}, pfxDeviceRequestResponseSchema)).deliveries;
  } catch (err) {
    return { ...base, status: 'failed', errorCode: 'pfx-step-10', message: `step 10 failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const installed = deliveries.filter((d) => d.state === 'delivered');
  const failed = deliveries.filter((d) => d.state === 'failed');
  const details = { certificates: installed.length, thumbprints: installed.map((d) => d.thumbprintSha256.toUpperCase()).sort().join(',') };
  if (failed.length) {
    return { ...base, status: 'failed', errorCode: 'pfx-delivery-failed', message: failed.map((d) => `${d.thumbprintSha256.slice(0, 16)}…: ${d.failureReason ?? 'failed'}`).join('; '), details };
  }
  if (installed.length < p.certificates.length) {
    return { ...base, status: 'pending', message: `${installed.length} of ${p.certificates.length} imported certificates installed; waiting for the PFX connector to re-encrypt the rest`, details };
  }
  return { ...base, status: 'succeeded', message: `${installed.length} imported certificate(s) installed, key non-exportable`, details };
}

async function importOne(ctx: PfxDeviceContext, store: KeyStore, d: PfxDeliveryView): Promise<void> {
  const result = (body: Record<string, unknown>) => ctx.client.post(`/api/device/pfx/deliveries/${d.deliveryId}/result`, body, pfxJobCompletionResponseSchema);
  try {
    const bundle = await ctx.client.post(d.bundlePath!, {}, pfxDeviceBundleSchema);
    // The management key lives in the software store; it is opened for this decryption only.
    const unwrapper = rsaUnwrapperFromKey(await ctx.managementKeys.exportPrivateKey(ctx.managementKeyName));
    const passwordBytes = await EnvelopedCms.parse(new Uint8Array(Buffer.from(bundle.encryptedPassword, 'base64'))).decrypt(unwrapper, Certificate.parse(ctx.managementCertificate).der);
    const pfx = await Pkcs12.parse(new Uint8Array(Buffer.from(bundle.pfx, 'base64')), new TextDecoder().decode(passwordBytes));
    passwordBytes.fill(0);
    if (!pfx.privateKey || !pfx.certificate) throw new Error('the PKCS#12 lacks the key or the certificate');
    const cert = Certificate.parse(pfx.certificate.der);
    if (cert.thumbprintSha256 !== d.thumbprintSha256.toUpperCase()) throw new Error(`the PKCS#12 holds ${cert.thumbprintSha256}, the cloud announced ${d.thumbprintSha256}`);
    const name = pfxKeyName(cert.thumbprintSha256);
    if (await store.has(name)) await store.delete(name);
    await store.importPrivateKey(name, pfx.privateKey);
    mkdirSync(join(ctx.state.path, 'pfx'), { recursive: true, mode: 0o700 });
    writeFileSync(pfxCertificateFile(ctx.state, cert.thumbprintSha256), cert.pem + pfx.otherCertificates.map((c) => toPem(c.der, 'CERTIFICATE')).join(''), { mode: 0o644 });
    await result({ status: 'succeeded', thumbprintSha256: cert.thumbprintSha256 });
  } catch (err) {
    await result({ status: 'failed', reason: (err instanceof Error ? err.message : String(err)).slice(0, 2000) }).catch(() => undefined);
  }
}

/** Intune's key storage provider choice, on this device's hardware. */
async function targetStore(ctx: PfxDeviceContext, provider: DesiredImported['payload']['keyStorageProvider']): Promise<KeyStore> {
  if (provider === 'tpmOrFail' && !ctx.tpm) throw new Error('the profile requires the TPM key storage provider and this device has no TPM');
  if (provider !== 'software' && ctx.tpm) return ctx.tpm;
  return ctx.keychain();
}
