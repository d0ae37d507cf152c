import { IMPORT_ACTIONS, type ImportResult, type ImportRow } from '@certlab/contracts';
import { useState } from 'react';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { type BadgeTone, StatusBadge } from '../../../components/StatusBadge';
import { useImportDirectory } from '../api/import-directory';
import { WriteButton } from '../../../components/WriteButton';

const ACTION_TONE: Record<ImportRow['action'], BadgeTone> = { create: 'success', update: 'info', unchanged: 'neutral' };

/**
 * Import users and groups from a CSV or JSON file: the file is checked with a dry run and shown
 * as a preview table (every row's action, every error with its line), then imported on request.
 */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const importer = useImportDirectory();
  const [file, setFile] = useState<{ name: string; format: 'csv' | 'json'; content: string } | undefined>();
  const [preview, setPreview] = useState<ImportResult | undefined>();
  const [done, setDone] = useState<ImportResult | undefined>();

  async function choose(f: File | undefined) {
    setPreview(undefined);
    setDone(undefined);
    importer.reset();
    if (!f) return setFile(undefined);
    const chosen = { name: f.name, format: f.name.toLowerCase().endsWith('.json') ? ('json' as const) : ('csv' as const), content: await f.text() };
    setFile(chosen);
    const res = await importer.mutate({ format: chosen.format, content: chosen.content, dryRun: true });
    if (res.ok) setPreview(res.data);
  }

  async function run() {
    if (!file) return;
    const res = await importer.mutate({ format: file.format, content: file.content, dryRun: false });
    if (res.ok) {
      setDone(res.data);
      setPreview(undefined);
      onImported();
    }
  }

  const shown = done ?? preview;
  return (
    <section className="panel stack" aria-labelledby="import-heading">
      <div>
        <h2 id="import-heading" className="panel__title">
          Import users and groups
        </h2>
        <p className="panel__subtitle">
          CSV with the columns <code>userPrincipalName, displayName, email, onPremisesSamAccountName, onPremisesDistinguishedName, groups</code> (groups
          separated by <code>;</code>), or JSON <code>{'{ "users": [...], "groups": [...] }'}</code>. Existing users and groups are matched by UPN and
          name; nothing is deleted.
        </p>
      </div>
      <label className="field">
        <span>File</span>
        <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {importer.isPending ? (
        <div role="status">
          <progress className="progress" aria-label={preview ? 'Importing' : 'Checking the file'} />
          <span className="muted">{preview ? 'Importing…' : 'Checking the file…'}</span>
        </div>
      ) : null}
      {importer.error ? <ErrorMessage error={importer.error} /> : null}
      {importer.error?.problem?.errors?.length ? (
        <ul>
          {importer.error.problem.errors.map((e) => (
            <li key={`${e.path}-${e.message}`}>
              <strong>{e.path}</strong>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {shown ? <ImportSummary result={shown} /> : null}
      {preview && !done ? (
        <div className="row">
          <WriteButton className="button button--primary" disabled={!preview.valid || importer.isPending} onClick={() => void run()}>
            Import {file?.name}
          </WriteButton>
          {!preview.valid ? <span className="muted">Fix the errors in the file and choose it again.</span> : null}
        </div>
      ) : null}
    </section>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const t = result.totals;
  return (
    <div className="stack">
      <p role="status">
        {result.applied ? <StatusBadge tone="success">Imported</StatusBadge> : <StatusBadge tone={result.valid ? 'info' : 'danger'}>{result.valid ? 'Preview' : 'Has errors'}</StatusBadge>}{' '}
        Users: {t.users.create} new, {t.users.update} updated, {t.users.unchanged} unchanged. Groups: {t.groups.create} new, {t.groups.update} updated,{' '}
        {t.groups.unchanged} unchanged. Memberships: {t.memberships.create} new, {t.memberships.unchanged} unchanged.
      </p>
      {result.errors.length ? (
        <DataTable
          caption="Errors in the file"
          rows={result.errors}
          rowKey={(e) => `${e.location}-${e.message}`}
          columns={[
            { key: 'where', header: 'Where', render: (e) => e.location },
            { key: 'error', header: 'Error', render: (e) => <StatusBadge tone="danger">{e.message}</StatusBadge> },
          ]}
        />
      ) : null}
      <DataTable
        caption="Import preview"
        rows={result.rows}
        rowKey={(r) => `${r.location}-${r.kind}-${r.key}`}
        columns={[
          { key: 'where', header: 'Where', render: (r) => r.location },
          { key: 'kind', header: 'Kind', render: (r) => r.kind },
          { key: 'key', header: 'Name', render: (r) => r.key },
          { key: 'action', header: 'Action', render: (r) => <StatusBadge tone={ACTION_TONE[r.action]}>{IMPORT_ACTIONS[r.action].label}</StatusBadge> },
          { key: 'changes', header: 'Changes', render: (r) => r.changes.join(', ') },
        ]}
      />
    </div>
  );
}
