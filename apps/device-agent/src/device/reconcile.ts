import type { DesiredProfile, ProfileStatusReport } from '@certlab/contracts';
import type { ProfileRecord, StateDir } from './state-dir';
import { TrustStore, TrustStoreError } from './trust-store';

/**
 * Brings the device to the desired state the cloud returned and says what to report:
 * - a profile that is new, at a new version, or failed before is (re)applied;
 * - a profile that is no longer desired is removed and reported `removed`;
 * - a record the cloud has not acknowledged yet is reported again.
 * Unchanged, acknowledged profiles are not reported twice.
 */
export function reconcile(state: StateDir, desired: DesiredProfile[], now = new Date(), prepared: Map<string, ProfileRecord> = new Map()): ProfileRecord[] {
  const trust = new TrustStore(state);
  const records = new Map(state.readProfiles().map((r) => [r.profileId, r]));
  const at = now.toISOString();

  for (const profile of desired) {
    const known = records.get(profile.profileId);
    // A SCEP renewal changes a succeeded profile at the same version.
    if (known && known.version === profile.version && known.status === 'succeeded' && !((profile.type === 'scep' || profile.type === 'pkcsImported') && prepared.has(profile.profileId))) continue;
    // Profiles applied asynchronously before reconcile (PKCS step 10, SCEP step 2) arrive as records.
    const outcome = profile.type === 'pkcs' || profile.type === 'scep' || profile.type === 'pkcsImported' ? prepared.get(profile.profileId) : apply(trust, profile, at);
    if (!outcome) continue;
    // A retry that fails the same way again is not news: keep the record the cloud already has.
    const sameFailure = known && known.version === outcome.version && known.status === 'failed' && outcome.status === 'failed' && known.errorCode === outcome.errorCode;
    if (!sameFailure) records.set(profile.profileId, outcome);
  }
  const wanted = new Set(desired.map((p) => p.profileId));
  for (const record of records.values()) {
    if (wanted.has(record.profileId) || record.status === 'removed') continue;
    if (record.type === 'trustedRoot') trust.remove(record.profileId);
    records.set(record.profileId, { ...record, status: 'removed', errorCode: undefined, message: undefined, at, reported: false });
  }
  const next = [...records.values()];
  state.writeProfiles(next);
  return next.filter((r) => !r.reported);
}

function apply(trust: TrustStore, profile: Exclude<DesiredProfile, { type: 'pkcs' | 'scep' | 'pkcsImported' }>, at: string): ProfileRecord {
  const base = { profileId: profile.profileId, name: profile.name, type: profile.type, version: profile.version, at, reported: false };
  switch (profile.type) {
    case 'trustedRoot':
      try {
        const entry = trust.install(profile);
        return { ...base, status: 'succeeded', details: { thumbprintSha256: entry.thumbprintSha256, subject: entry.subject } };
      } catch (err) {
        if (err instanceof TrustStoreError) return { ...base, status: 'failed', errorCode: err.code, message: err.message };
        throw err;
      }
    default:
      // A profile type this agent cannot apply yet: say so rather than stay silent.
      return { ...base, status: 'failed', errorCode: 'unsupportedProfileType', message: `this device agent cannot apply ${profile.type} profiles` };
  }
}

export function toReport(record: ProfileRecord): ProfileStatusReport {
  return {
    profileId: record.profileId,
    version: record.version,
    status: record.status,
    ...(record.errorCode ? { errorCode: record.errorCode } : {}),
    ...(record.message ? { message: record.message.slice(0, 2000) } : {}),
    ...(record.details ? { details: record.details } : {}),
  };
}

/** After the cloud accepted the reports: these records need no resending. */
export function markReported(state: StateDir, reported: ProfileRecord[]): void {
  const done = new Map(reported.map((r) => [r.profileId, r.at]));
  state.writeProfiles(state.readProfiles().map((r) => (done.get(r.profileId) === r.at ? { ...r, reported: true } : r)));
}
