import type { AssignmentInput, AssignmentMode } from '@certlab/contracts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Spinner } from '../../../components/Spinner';
import { useAssignableGroups } from '../api/list-groups';

/**
 * Included and excluded groups, as Intune's Assignments step: a group is either included or
 * excluded, never both; when a device is in both kinds of group, exclude wins.
 */
export function AssignmentsEditor({ value, onChange }: { value: AssignmentInput[]; onChange: (next: AssignmentInput[]) => void }) {
  const groups = useAssignableGroups();
  if (groups.status === 'pending') return <Spinner label="Loading groups…" />;
  if (groups.status === 'error') return <ErrorMessage error={groups.error} />;
  const modeOf = (id: string) => value.find((a) => a.groupId === id)?.mode ?? '';
  const set = (groupId: string, mode: AssignmentMode | '') => onChange([...value.filter((a) => a.groupId !== groupId), ...(mode ? [{ groupId, mode }] : [])]);
  return (
    <div className="stack">
      <p className="muted">Choose the groups this profile is included for and those it is excluded from. A device in an excluded group never gets it.</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Group assignments</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Members</th>
              <th scope="col">Assignment</th>
            </tr>
          </thead>
          <tbody>
            {groups.data.items.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{g.memberCount}</td>
                <td>
                  <select className="input" aria-label={`Assignment of ${g.name}`} value={modeOf(g.id)} onChange={(e) => set(g.id, e.target.value as AssignmentMode | '')}>
                    <option value="">Not assigned</option>
                    <option value="include">Included</option>
                    <option value="exclude">Excluded</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
