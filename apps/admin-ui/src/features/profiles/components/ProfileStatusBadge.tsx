import { PROFILE_STATUSES, type ProfileStatus } from '@certlab/contracts';
import { StatusBadge } from '../../../components/StatusBadge';

/** A profile status in the admin center's words (Succeeded, Error, Pending, Removed) and colours. */
export function ProfileStatusBadge({ status, title }: { status: ProfileStatus | null; title?: string }) {
  if (!status) return <span className="muted">Not reported</span>;
  const s = PROFILE_STATUSES[status];
  return (
    <StatusBadge tone={s.tone} title={title}>
      {s.label}
    </StatusBadge>
  );
}
