import { PROFILE_STATUSES, type ProfileStatus, type StatusCounts } from '@certlab/contracts';
import { StatusDonut } from '../../../components/StatusDonut';

const ORDER: ProfileStatus[] = ['succeeded', 'failed', 'pending', 'removed'];

/** Devices per status for one profile, as a ring with its legend. */
export function StatusChart({ counts, size }: { counts: StatusCounts; size?: number }) {
  return (
    <StatusDonut
      title="Device status"
      size={size}
      slices={ORDER.map((s) => ({ label: PROFILE_STATUSES[s].label, value: counts[s], tone: PROFILE_STATUSES[s].tone }))}
    />
  );
}
