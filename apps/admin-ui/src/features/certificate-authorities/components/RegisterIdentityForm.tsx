import type { CaIdentityCreateResponse } from '@certlab/contracts';
import { type FormEvent, useState } from 'react';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useCreateIdentity } from '../api/create-identity';
import { useTemplates } from '../api/get-templates';

/**
 * Registers an on-prem server's computer identity at the CA, as creating its AD computer account
 * and adding it to the templates' Enroll ACLs. The one-time token is shown here once: the CA
 * keeps only its hash, and leaving this view forgets it.
 */
export function RegisterIdentityForm({ onCreated }: { onCreated: () => void }) {
  const templates = useTemplates();
  const create = useCreateIdentity();
  const [name, setName] = useState('');
  const [enrollOn, setEnrollOn] = useState<string[]>([]);
  const [created, setCreated] = useState<CaIdentityCreateResponse>();
  // Identity templates build their subject from the directory and belong to the built-in kinds.
  const grantable = templates.status === 'success' ? templates.data.items.filter((t) => t.subjectSource === 'request') : [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await create.mutate({ name: name.trim(), enrollOn });
    if (!outcome.ok) return;
    setCreated(outcome.data);
    setName('');
    setEnrollOn([]);
    onCreated();
  };
  if (created) {
    return (
      <section className="ca-token" aria-labelledby="ca-token-title">
        <h3 id="ca-token-title">Enrollment token for {created.identity}</h3>
        <p>Give it to the server now: it is shown once, works once and expires {new Date(created.expiresAt).toLocaleString()}.</p>
        <p className="ca-token__value">
          <code data-testid="ca-identity-token">{created.token}</code> <CopyButton value={created.token} label="Copy token" />
        </p>
        <p className="muted">The server sends it with a PKCS#10 to POST /api/identities/enroll on the CA and gets its {created.template} certificate. It may then enroll on: {created.enrollOn.join(', ') || 'no other template'}.</p>
        <button type="button" className="button button--subtle" onClick={() => setCreated(undefined)}>Done</button>
      </section>
    );
  }
  return (
    <form className="ca-register" aria-label="Register identity" onSubmit={(e) => void submit(e)}>
      <h3>Register an on-prem identity</h3>
      <label className="field">
        <span>Computer account name</span>
        <input aria-label="Identity name" value={name} required pattern="[a-z0-9][a-z0-9\-]{1,62}" placeholder="e.g. connector-2" onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset className="ca-register__templates">
        <legend>May enroll on</legend>
        {grantable.map((t) => (
          <label key={t.name}>
            <input
              type="checkbox"
              checked={enrollOn.includes(t.name)}
              onChange={(e) => setEnrollOn(e.target.checked ? [...enrollOn, t.name] : enrollOn.filter((n) => n !== t.name))}
            />{' '}
            <span className="mono">{t.name}</span> <span className="muted">{t.displayName}</span>
          </label>
        ))}
      </fieldset>
      {create.error ? <ErrorMessage className="message--inline" error={create.error} /> : null}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? 'Registering…' : 'Register and create token'}
      </button>
    </form>
  );
}
