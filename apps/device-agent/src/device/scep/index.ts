import type { ProfileRecord } from '../state-dir';
import { type DesiredScep, type ScepDeviceContext, applyScep } from './scep-client';

export { applyScep, removeScep, type ScepDeviceContext } from './scep-client';
export { ScepCertificateStore, type ScepCertificateEntry } from './certificate-store';
export { ScepTransport } from './transport';

/** Runs the SCEP client for every SCEP profile in the desired state; the records that changed, by profile. */
export async function prepareScep(ctx: ScepDeviceContext, known: Map<string, ProfileRecord>, at: string): Promise<Map<string, ProfileRecord>> {
  const out = new Map<string, ProfileRecord>();
  for (const profile of ctx.desired.filter((d): d is DesiredScep => d.type === 'scep')) {
    const record = await applyScep(ctx, profile, known.get(profile.profileId), at);
    if (record) out.set(profile.profileId, record);
  }
  return out;
}
