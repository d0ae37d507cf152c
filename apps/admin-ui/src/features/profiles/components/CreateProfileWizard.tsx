import {
  type AssignmentInput,
  type CertificateSummary,
  PLATFORMS,
  type Platform,
  PROFILE_TYPES,
  type PkcsImportedSettings,
  type ProfileType,
  type PkcsSettingsInput,
  type ScepSettingsInput,
  type TrustedRootInput,
  pkcsSettingsSchema,
  scepSettingsSchema,
  scepSettingsWarnings,
} from '@certlab/contracts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageHeader } from '../../../components/PageHeader';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { WriteButton } from '../../../components/WriteButton';
import { useCreateProfile } from '../api/create-profile';
import { useInspectCertificate } from '../api/inspect-certificate';
import { useCaCertificates } from '../api/list-ca-certificates';
import { useAssignableGroups } from '../api/list-groups';
import { AssignmentsEditor } from './AssignmentsEditor';
import { CertificateFacts } from './CertificateFacts';
import { ScepSettingsForm, defaultScepSettings, scepSettingsProblem } from './ScepSettingsForm';
import { PkcsImportedSettingsForm, defaultPkcsImportedSettings } from './PkcsImportedSettingsForm';
import { ProfileSettingsSummary } from './ProfileSettingsSummary';
import { useProfiles } from '../api/list-profiles';
import { PkcsSettingsForm, defaultPkcsSettings, pkcsSettingsProblem } from './PkcsSettingsForm';

const STEPS = ['Basics', 'Configuration settings', 'Assignments', 'Review + create'] as const;
/** Types whose settings this console can edit; the others come with their flows. */
const AVAILABLE: ProfileType[] = ['trustedRoot', 'scep', 'pkcs', 'pkcsImported'];
/** Platforms in the table's order, whatever order they were ticked in. */
const ordered = (platforms: Platform[]) => (Object.keys(PLATFORMS) as Platform[]).filter((p) => platforms.includes(p));

interface Draft {
  name: string;
  description: string;
  type: ProfileType;
  platforms: Platform[];
  settings: TrustedRootInput | undefined;
  certificate: CertificateSummary | undefined;
  scep: ScepSettingsInput;
  pkcsImported: PkcsImportedSettings;
  pkcs: PkcsSettingsInput;
  assignments: AssignmentInput[];
}

/** Create profile, as the admin center does it: Basics → Configuration settings → Assignments → Review + create. */
export function CreateProfileWizard() {
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>({ name: '', description: '', type: 'trustedRoot', platforms: ['windows', 'ios', 'macos', 'android'], settings: undefined, certificate: undefined, scep: defaultScepSettings(), pkcsImported: defaultPkcsImportedSettings(), pkcs: defaultPkcsSettings(), assignments: [] });
  const create = useCreateProfile();
  const navigate = useNavigate();
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));

  const configured = draft.type === 'pkcsImported' ? true : draft.type === 'pkcs' ? pkcsSettingsProblem(draft.pkcs) === undefined : draft.type === 'scep' ? scepSettingsProblem(draft.scep) === undefined : draft.certificate !== undefined;
  const canNext = [draft.name.trim() !== '' && draft.platforms.length > 0, configured, true, true][step];

  async function submit() {
    const basics = { name: draft.name.trim(), description: draft.description.trim() || undefined, platforms: ordered(draft.platforms), assignments: draft.assignments };
    if (draft.type === 'pkcs') {
      const made = await create.mutate({ ...basics, type: 'pkcs', settings: draft.pkcs });
      if (made.ok) void navigate(`/profiles/${made.data.id}`);
      return;
    }
    if (draft.type === 'pkcsImported') {
      const made = await create.mutate({ ...basics, type: 'pkcsImported', settings: draft.pkcsImported });
      if (made.ok) void navigate(`/profiles/${made.data.id}`);
      return;
    }
    if (draft.type === 'scep') {
      const made = await create.mutate({ ...basics, type: 'scep', settings: draft.scep });
      if (made.ok) void navigate(`/profiles/${made.data.id}`);
      return;
    }
    if (!draft.settings) return;
    const res = await create.mutate({
      name: draft.name.trim(),
      description: draft.description.trim() || undefined,
      type: 'trustedRoot',
      platforms: ordered(draft.platforms),
      settings: draft.settings,
      assignments: draft.assignments,
    });
    if (res.ok) void navigate(`/profiles/${res.data.id}`);
  }

  return (
    <>
      <Link className="back-link" to="/profiles">
        ← Profiles
      </Link>
      <PageHeader title="Create profile" description={`${PROFILE_TYPES[draft.type].label}`} />
      <ol className="wizard__steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s} className={`wizard__step ${i === step ? 'wizard__step--current' : i < step ? 'wizard__step--done' : ''}`} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      <section className="panel" aria-label={STEPS[step]}>
        <h2 className="panel__title">{STEPS[step]}</h2>
        {step === 0 ? <Basics draft={draft} patch={patch} /> : null}
        {step === 1 && draft.type === 'scep' ? <ScepSettingsForm value={draft.scep} platforms={draft.platforms} onChange={(scep) => patch({ scep })} /> : null}
        {step === 1 && draft.type === 'pkcsImported' ? <PkcsImportedSettingsForm value={draft.pkcsImported} onChange={(pkcsImported) => patch({ pkcsImported })} /> : null}
        {step === 1 && draft.type === 'pkcs' ? <PkcsSettingsForm value={draft.pkcs} onChange={(pkcs) => patch({ pkcs })} /> : null}
        {step === 1 && draft.type === 'trustedRoot' ? <TrustedRootSettings draft={draft} patch={patch} /> : null}
        {step === 2 ? <AssignmentsEditor value={draft.assignments} onChange={(assignments) => patch({ assignments })} /> : null}
        {step === 3 ? <Review draft={draft} /> : null}
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <div className="wizard__footer">
          {step > 0 ? (
            <button type="button" className="button" onClick={() => setStep(step - 1)}>
              Previous
            </button>
          ) : null}
          {step < STEPS.length - 1 ? (
            <button type="button" className="button button--primary" disabled={!canNext} onClick={() => setStep(step + 1)}>
              Next
            </button>
          ) : (
            <WriteButton className="button button--primary" disabled={create.isPending} onClick={() => void submit()}>
              {create.isPending ? 'Creating…' : 'Create'}
            </WriteButton>
          )}
        </div>
      </section>
    </>
  );
}

function Basics({ draft, patch }: { draft: Draft; patch: (p: Partial<Draft>) => void }) {
  const toggle = (p: Platform) => patch({ platforms: draft.platforms.includes(p) ? draft.platforms.filter((x) => x !== p) : [...draft.platforms, p] });
  return (
    <div className="form-grid">
      <label>
        Profile type
        <select className="input" aria-label="Profile type" value={draft.type} onChange={(e) => patch({ type: e.target.value as ProfileType })}>
          {(Object.keys(PROFILE_TYPES) as ProfileType[]).map((t) => (
            <option key={t} value={t} disabled={!AVAILABLE.includes(t)}>
              {PROFILE_TYPES[t].label}
              {AVAILABLE.includes(t) ? '' : ' (not available yet)'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Name
        <input className="input" value={draft.name} onChange={(e) => patch({ name: e.target.value })} required />
      </label>
      <label>
        Description
        <textarea className="input" style={{ minHeight: 60, fontFamily: 'inherit' }} value={draft.description} onChange={(e) => patch({ description: e.target.value })} />
      </label>
      <fieldset className="checks">
        <legend>Platforms</legend>
        {(Object.keys(PLATFORMS) as Platform[]).map((p) => (
          <label key={p}>
            <input type="checkbox" checked={draft.platforms.includes(p)} onChange={() => toggle(p)} />
            {PLATFORMS[p].label}
          </label>
        ))}
      </fieldset>
      {draft.platforms.length === 0 ? <p className="field__hint">Choose at least one platform.</p> : null}
    </div>
  );
}

function TrustedRootSettings({ draft, patch }: { draft: Draft; patch: (p: Partial<Draft>) => void }) {
  const [source, setSource] = useState<'upload' | 'ca'>(draft.settings?.kind ?? 'upload');
  const inspect = useInspectCertificate();
  const ca = useCaCertificates();

  async function check(settings: TrustedRootInput) {
    patch({ settings: undefined, certificate: undefined });
    const res = await inspect.mutate(settings);
    if (res.ok) patch({ settings, certificate: res.data });
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    // Base64 of the raw bytes: binary DER survives JSON, and the cloud reads PEM or DER from it.
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    await check({ kind: 'upload', certificate: btoa(binary), fileName: file.name });
  }

  return (
    <div className="stack">
      <fieldset className="checks">
        <legend>Certificate</legend>
        <label>
          <input type="radio" name="source" checked={source === 'upload'} onChange={() => setSource('upload')} />
          Upload a file
        </label>
        <label>
          <input type="radio" name="source" checked={source === 'ca'} onChange={() => setSource('ca')} />
          Pick a certificate of the certlab CA
        </label>
      </fieldset>
      {source === 'upload' ? (
        <label className="field">
          <span>Root or intermediate CA certificate (.cer, .crt, .pem; PEM or DER)</span>
          <input type="file" accept=".cer,.crt,.pem,.der" onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
      ) : (
        <div className="stack">
          {ca.status === 'pending' ? <Spinner label="Asking the CA…" /> : null}
          {ca.status === 'error' ? <ErrorMessage error={ca.error} /> : null}
          {ca.data?.items.map((c) => (
            <div key={c.name} className="row">
              <button type="button" className="button" disabled={!c.certificate} onClick={() => void check({ kind: 'ca', url: c.url })}>
                Use {c.name}
              </button>
              {c.certificate ? <span>{c.certificate.subject}</span> : <StatusBadge tone="danger">{c.error ?? 'unavailable'}</StatusBadge>}
            </div>
          ))}
        </div>
      )}
      {inspect.isPending ? <Spinner label="Reading the certificate…" /> : null}
      {inspect.error ? <ErrorMessage error={inspect.error} /> : null}
      {draft.certificate ? (
        <div className="card">
          <p>
            <StatusBadge tone="success">CA certificate</StatusBadge> {draft.settings?.kind === 'upload' ? draft.settings.fileName : `published by the certlab CA at ${draft.settings?.url ?? ''}`}
          </p>
          <CertificateFacts cert={draft.certificate} />
        </div>
      ) : null}
    </div>
  );
}

function Review({ draft }: { draft: Draft }) {
  const groups = useAssignableGroups();
  const name = (id: string) => groups.data?.items.find((g) => g.id === id)?.name ?? id;
  const included = draft.assignments.filter((a) => a.mode === 'include');
  const excluded = draft.assignments.filter((a) => a.mode === 'exclude');
  return (
    <div className="stack">
      <dl className="facts" aria-label="Basics">
        <div><dt>Name</dt><dd>{draft.name}</dd></div>
        <div><dt>Description</dt><dd>{draft.description || '—'}</dd></div>
        <div><dt>Profile type</dt><dd>{PROFILE_TYPES[draft.type].label}</dd></div>
        <div><dt>Platforms</dt><dd>{ordered(draft.platforms).map((p) => PLATFORMS[p].label).join(', ')}</dd></div>
        <div><dt>Included groups</dt><dd>{included.map((a) => name(a.groupId)).join(', ') || 'none'}</dd></div>
        <div><dt>Excluded groups</dt><dd>{excluded.map((a) => name(a.groupId)).join(', ') || 'none'}</dd></div>
      </dl>
      {draft.type === 'trustedRoot' && draft.certificate ? <CertificateFacts cert={draft.certificate} /> : null}
      {draft.type !== 'trustedRoot' ? (
        <section aria-label="Configuration settings" className="stack">
          <h3 className="panel__title">Configuration settings</h3>
          <DraftSettingsSummary draft={draft} />
        </section>
      ) : null}
      {included.length === 0 ? <p className="muted">Not assigned: no device gets this profile until it is assigned.</p> : null}
    </div>
  );
}

/**
 * The draft's settings as the profile page will show them (defaults applied by the same schemas
 * the cloud validates with), and for SCEP the warnings the cloud will return on create.
 */
function DraftSettingsSummary({ draft }: { draft: Draft }) {
  const roots = useProfiles('type=trustedRoot&pageSize=100');
  const rootOf = (id: string) => roots.data?.items.find((r) => r.id === id);
  if (draft.type === 'pkcsImported') return <ProfileSettingsSummary type="pkcsImported" settings={draft.pkcsImported} />;
  if (draft.type === 'pkcs') {
    const parsed = pkcsSettingsSchema.safeParse(draft.pkcs);
    return parsed.success ? <ProfileSettingsSummary type="pkcs" settings={parsed.data} rootName={rootOf(parsed.data.trustedRootProfileId)?.name ?? null} /> : null;
  }
  if (draft.type !== 'scep') return null;
  const parsed = scepSettingsSchema.safeParse(draft.scep);
  if (!parsed.success) return null;
  const root = rootOf(parsed.data.trustedRootProfileId);
  const included = draft.assignments.filter((a) => a.mode === 'include').map((a) => a.groupId);
  const rootIncluded = new Set(root?.assignments.filter((a) => a.mode === 'include').map((a) => a.groupId));
  const warnings = scepSettingsWarnings(parsed.data, { platforms: draft.platforms, root: root ? { name: root.name, missingGroups: included.filter((g) => !rootIncluded.has(g)).length } : null });
  return <ProfileSettingsSummary type="scep" settings={parsed.data} rootName={root?.name ?? null} warnings={warnings} />;
}
