import { IMPORTED_PFX_STATES, type ImportedPfx, PFX_PURPOSES, type PfxPurpose } from '@certlab/contracts';
import { useParams } from 'react-router-dom';
import { type Column, DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { Thumbprint } from '../../../components/Thumbprint';
import { date, dateTime, thumbprint } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useImportedCertificates } from '../api/list-imported-certificates';

/**
 * The user's imported PKCS#12 certificates (S/MIME), newest first: what `certlab pfx import`
 * uploaded, the connector certificate protecting each password, and how many devices hold it.
 * Expired ones stay listed: devices keep them so old mail still decrypts.
 */
export function ImportedCertificatesSection() {
  const { id = '' } = useParams();
  const list = useListParams(['purpose', 'state'], { sort: 'notBefore', order: 'desc', pageSize: 10 }, 'pfx.');
  const certs = useImportedCertificates(id, toQuery(list));
  const columns: Column<ImportedPfx>[] = [
    { key: 'subject', header: 'Subject', sortKey: 'subject', render: (c) => <span title={c.issuer}>{c.subject}</span> },
    { key: 'state', header: 'State', render: (c) => <StatusBadge tone={IMPORTED_PFX_STATES[c.state].tone}>{IMPORTED_PFX_STATES[c.state].label}</StatusBadge> },
    { key: 'purpose', header: 'Purpose', render: (c) => PFX_PURPOSES[c.purpose].label },
    // Dates only in the cell (the time in the tooltip): two timestamps side by side pushed Devices off the panel.
    { key: 'notBefore', header: 'Valid from', sortKey: 'notBefore', className: 'nowrap', render: (c) => <span title={dateTime(c.notBefore)}>{date(c.notBefore)}</span> },
    { key: 'notAfter', header: 'Expires', sortKey: 'notAfter', className: 'nowrap', render: (c) => <span title={dateTime(c.notAfter)}>{date(c.notAfter)}</span> },
    { key: 'thumbprint', header: 'Thumbprint (SHA-256)', render: (c) => <Thumbprint value={c.thumbprintSha256} label="SHA-256 thumbprint" /> },
    { key: 'connector', header: 'Password protected by', render: (c) => <span title={`PFX connector certificate ${thumbprint(c.connectorThumbprint, true)}`}>{c.connectorName ?? 'unknown connector'}</span> },
    {
      key: 'devices',
      header: 'Devices',
      render: (c) => (
        <>
          {c.deliveries.delivered} imported
          {c.deliveries.pending ? `, ${c.deliveries.pending} pending` : ''}
          {c.deliveries.failed ? <> , <StatusBadge tone="danger">{c.deliveries.failed} failed</StatusBadge></> : null}
        </>
      ),
    },
  ];
  return (
    <section className="panel panel--after" aria-label="Imported certificates">
      <h2 className="panel__title">Imported certificates (PKCS#12)</h2>
      <p className="muted">Uploaded on-prem with <code>certlab pfx import</code>; every device of this user gets those of the purpose its imported PKCS profile names, expired ones included.</p>
      <div className="toolbar">
        <label className="toolbar__filter">
          Purpose
          <select className="input" aria-label="Purpose" value={list.filters.purpose} onChange={(e) => list.update({ purpose: e.target.value || undefined })}>
            <option value="">All</option>
            {(Object.keys(PFX_PURPOSES) as PfxPurpose[]).map((p) => <option key={p} value={p}>{PFX_PURPOSES[p].label}</option>)}
          </select>
        </label>
        <label className="toolbar__filter">
          State
          <select className="input" aria-label="State" value={list.filters.state} onChange={(e) => list.update({ state: e.target.value || undefined })}>
            <option value="">All</option>
            {Object.entries(IMPORTED_PFX_STATES).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
          </select>
        </label>
      </div>
      {certs.status === 'pending' ? <Spinner label="Loading imported certificates…" /> : null}
      {certs.status === 'error' ? <ErrorMessage error={certs.error} /> : null}
      {certs.status === 'success' ? (
        <>
          <DataTable
            caption="Imported certificates of this user, newest first"
            columns={columns}
            rows={certs.data.items}
            rowKey={(c) => c.id}
            sort={list.sort}
            order={list.order}
            onSort={list.sortBy}
            empty={<p className="muted">No imported certificates for this user. Import one with certlab pfx import --user {'<upn>'}.</p>}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={certs.data.total} onPage={(page) => list.update({ page }, false)} />
        </>
      ) : null}
    </section>
  );
}
