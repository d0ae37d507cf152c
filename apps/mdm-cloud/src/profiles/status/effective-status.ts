import type { ProfileStatus } from '@certlab/contracts';

/**
 * The status a console shows for one device and one profile, from whether the profile targets
 * the device now and what the device last reported:
 * - targeted, and the device reported on the current version: that report;
 * - targeted, no report on the current version yet (new, edited or re-assigned): pending;
 * - no longer targeted, the device reported it removed: removed;
 * - no longer targeted, not yet removed: pending (the removal is);
 * - never targeted and never reported: not shown (null).
 */
export function effectiveStatus(targeted: boolean, report: { version: number; status: ProfileStatus } | undefined, currentVersion: number): ProfileStatus | null {
  if (targeted) return report && report.version === currentVersion && report.status !== 'removed' ? report.status : 'pending';
  if (!report) return null;
  return report.status === 'removed' ? 'removed' : 'pending';
}
