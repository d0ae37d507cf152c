import type { CaRequestStatus } from '@certlab/contracts';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge, type BadgeTone } from '../../../components/StatusBadge';
import { useDecideRequest } from '../api/decide-request';
import { PAGE_SIZE, type RequestFilter, useRequests } from '../api/list-requests';
import { Pager } from './Pager';
import { SearchBar } from './SearchBar';

const TONES: Record<CaRequestStatus, { tone: BadgeTone; word: string }> = {
  issued: { tone: 'success', word: 'Issued' },
  pending: { tone: 'warning', word: 'Pending' },
  denied: { tone: 'danger', word: 'Denied' },
};

/** The request database: every submission, with the rule that decided it; pending ones can be approved or denied. */
export function RequestsPanel({ version, onChanged }: { version: number; onChanged: () => void }) {
  const [filter, setFilter] = useState<RequestFilter>({ page: 1 });
  const requests = useRequests(filter, version);
  const decide = useDecideRequest();
  const act = async (requestId: number, decision: 'approve' | 'deny') => {
    const outcome = await decide.mutate({ requestId, decision });
    if (outcome.ok) onChanged();
  };
  return (
    <>
      <SearchBar
        label="Requests"
        status={filter.status ?? ''}
        statuses={[{ value: '', label: 'All statuses' }, { value: 'issued', label: 'Issued' }, { value: 'pending', label: 'Pending' }, { value: 'denied', label: 'Denied' }]}
        onChange={({ search, status }) => setFilter({ page: 1, ...(search ? { search } : {}), ...(status ? { status } : {}) })}
      />
      {decide.error ? <ErrorMessage className="message--inline" error={decide.error} /> : null}
      {requests.status === 'pending' ? <Spinner label="Reading requests…" /> : null}
      {requests.status === 'error' ? <ErrorMessage error={requests.error} /> : null}
      {requests.status === 'success' ? (
        <>
          <div className="ca-table-wrap">
            <table className="ca-table">
              <caption className="visually-hidden">Requests</caption>
              <thead>
                <tr>
                  <th scope="col">Request ID</th>
                  <th scope="col">Status</th>
                  <th scope="col">Template</th>
                  <th scope="col">Requester</th>
                  <th scope="col">Requested subject</th>
                  <th scope="col">Key</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Outcome</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {requests.data.items.length === 0 ? (
                  <tr><td colSpan={9} className="muted">No requests match.</td></tr>
                ) : null}
                {requests.data.items.map((r) => (
                  <tr key={r.requestId}>
                    <td>{r.requestId}</td>
                    <td><StatusBadge tone={TONES[r.status].tone}>{TONES[r.status].word}</StatusBadge></td>
                    <td className="mono">{r.template}</td>
                    <td>{r.requester}</td>
                    <td>{r.requestedSubject || <span className="muted">(from the directory)</span>}</td>
                    <td>{r.publicKey}</td>
                    <td>{new Date(r.submittedAt).toLocaleString()}</td>
                    <td className="ca-reason">
                      {r.reason ?? (r.serialNumber ? <>Serial <span className="mono ca-serial">{r.serialNumber}</span></> : '')}
                    </td>
                    <td>
                      {r.status === 'pending' ? (
                        <div className="ca-row-actions">
                          <button type="button" className="button button--primary" disabled={decide.isPending} onClick={() => void act(r.requestId, 'approve')}>Approve</button>
                          <button type="button" className="button button--subtle" disabled={decide.isPending} onClick={() => void act(r.requestId, 'deny')}>Deny</button>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={filter.page} pageSize={PAGE_SIZE} total={requests.data.total} onPage={(page) => setFilter({ ...filter, page })} />
        </>
      ) : null}
    </>
  );
}
