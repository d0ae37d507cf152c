import { PROFILE_SAN_TYPES, type ProfileSanType } from '@certlab/contracts';

export interface SanTemplate {
  type: ProfileSanType;
  template: string;
}

/** The "Subject alternative name" rows of the SCEP and PKCS settings: type, template, remove; add. */
export function SanTemplatesEditor({ value, onChange }: { value: readonly SanTemplate[]; onChange: (next: SanTemplate[]) => void }) {
  const replace = (i: number, patch: Partial<SanTemplate>) => onChange(value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <fieldset className="stack">
      <legend>Subject alternative name</legend>
      {value.map((san, i) => (
        <div key={i} className="row">
          <select className="input" aria-label={`SAN ${i + 1} type`} value={san.type} onChange={(e) => replace(i, { type: e.target.value as ProfileSanType })}>
            {(Object.keys(PROFILE_SAN_TYPES) as ProfileSanType[]).map((type) => (
              <option key={type} value={type}>
                {PROFILE_SAN_TYPES[type].label}
              </option>
            ))}
          </select>
          <input className="input" aria-label={`SAN ${i + 1} value`} value={san.template} onChange={(e) => replace(i, { template: e.target.value })} />
          <button type="button" className="button" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => onChange([...value, { type: 'dns', template: '' }])}>
        Add SAN
      </button>
    </fieldset>
  );
}
