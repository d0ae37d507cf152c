import {
  KEY_STORAGE_PROVIDERS,
  type KeyStorageProvider,
  PKCS_EKU_PRESETS,
  type Platform,
  SCEP_CERTIFICATE_TYPES,
  SCEP_HASH_ALGORITHMS,
  SCEP_KEY_OPTIONS,
  SCEP_KEY_SUPPORT,
  SCEP_KEY_USAGES,
  type ScepCertificateType,
  type ScepKeyOption,
  type ScepKeyUsage,
  type ScepSettingsInput,
  scepSettingsSchema,
} from '@certlab/contracts';
import { SanTemplatesEditor } from './SanTemplatesEditor';
import { TrustedRootSelect } from './TrustedRootSelect';


/** The starting point of a new SCEP profile: Intune's defaults, a device certificate named after the device. */
export function defaultScepSettings(): ScepSettingsInput {
  return {
    certificateType: 'device',
    subjectNameFormat: 'CN={{DeviceName}}',
    subjectAlternativeNames: [{ type: 'dns', template: '{{DeviceName}}.corp.example' }],
    validityPeriod: { value: 1, unit: 'years' },
    keyStorageProvider: 'tpmOrSoftware',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    keySize: 'rsa2048',
    hashAlgorithm: 'SHA-256',
    trustedRootProfileId: '',
    extendedKeyUsages: [{ ...PKCS_EKU_PRESETS.clientAuth }],
    renewalThresholdPercent: 20,
    scepServerUrls: [`${window.location.protocol}//${window.location.hostname}:3100/certsrv/mscep/mscep.dll`],
  };
}

/** The first problem with the settings as typed, or undefined when the cloud will accept them (it checks more). */
export function scepSettingsProblem(s: ScepSettingsInput): string | undefined {
  const parsed = scepSettingsSchema.safeParse(s);
  return parsed.success ? undefined : `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`;
}

/** Configuration settings of a SCEP certificate profile, with the fields of Intune's. */
export function ScepSettingsForm({ value, platforms, onChange }: { value: ScepSettingsInput; platforms: Platform[]; onChange: (v: ScepSettingsInput) => void }) {
  const set = (p: Partial<ScepSettingsInput>) => onChange({ ...value, ...p });
  const sans = value.subjectAlternativeNames ?? [];
  const usages = value.keyUsage ?? [];
  const ekus = value.extendedKeyUsages ?? [];
  const problem = scepSettingsProblem(value);
  return (
    <div className="form-grid">
      <label>
        Certificate type
        <select className="input" aria-label="Certificate type" value={value.certificateType} onChange={(e) => set({ certificateType: e.target.value as ScepCertificateType })}>
          {(Object.keys(SCEP_CERTIFICATE_TYPES) as ScepCertificateType[]).map((t) => (
            <option key={t} value={t}>{SCEP_CERTIFICATE_TYPES[t].label}</option>
          ))}
        </select>
      </label>
      <label>
        Subject name format
        <input className="input" aria-label="Subject name format" value={value.subjectNameFormat} onChange={(e) => set({ subjectNameFormat: e.target.value })} />
        <span className="field__hint">Variables such as {'{{DeviceName}}'}, {'{{DeviceId}}'}, {'{{UserName}}'}, {'{{EmailAddress}}'} are filled in per device.</span>
      </label>
      <SanTemplatesEditor value={sans} onChange={(next) => set({ subjectAlternativeNames: next })} />
      <label>
        Certificate validity period
        <span className="row">
          <input className="input" type="number" min={1} max={100} aria-label="Validity value" value={value.validityPeriod?.value ?? 1} onChange={(e) => set({ validityPeriod: { value: Number(e.target.value), unit: value.validityPeriod?.unit ?? 'years' } })} />
          <select className="input" aria-label="Validity unit" value={value.validityPeriod?.unit ?? 'years'} onChange={(e) => set({ validityPeriod: { value: value.validityPeriod?.value ?? 1, unit: e.target.value as 'days' | 'months' | 'years' } })}>
            <option value="days">Days</option>
            <option value="months">Months</option>
            <option value="years">Years</option>
          </select>
        </span>
      </label>
      <label>
        Key storage provider (KSP)
        <select className="input" aria-label="Key storage provider" value={value.keyStorageProvider} onChange={(e) => set({ keyStorageProvider: e.target.value as KeyStorageProvider })}>
          {(Object.keys(KEY_STORAGE_PROVIDERS) as KeyStorageProvider[]).map((k) => (
            <option key={k} value={k}>{KEY_STORAGE_PROVIDERS[k].label}</option>
          ))}
        </select>
      </label>
      <fieldset className="checks">
        <legend>Key usage</legend>
        {(Object.keys(SCEP_KEY_USAGES) as ScepKeyUsage[]).map((k) => (
          <label key={k}>
            <input type="checkbox" checked={usages.includes(k)} onChange={() => set({ keyUsage: usages.includes(k) ? usages.filter((x) => x !== k) : [...usages, k] })} />
            {SCEP_KEY_USAGES[k].label}
          </label>
        ))}
      </fieldset>
      <label>
        Key size
        <select className="input" aria-label="Key size" value={value.keySize} onChange={(e) => set({ keySize: e.target.value as ScepKeyOption })}>
          {(Object.keys(SCEP_KEY_OPTIONS) as ScepKeyOption[]).map((k) => {
            const unsupported = platforms.filter((p) => !SCEP_KEY_SUPPORT[p].includes(k));
            return (
              <option key={k} value={k} disabled={unsupported.length > 0}>
                {SCEP_KEY_OPTIONS[k].label}
                {unsupported.length ? ` (not on ${unsupported.join(', ')})` : ''}
              </option>
            );
          })}
        </select>
      </label>
      <label>
        Hash algorithm
        <select className="input" aria-label="Hash algorithm" value={value.hashAlgorithm} onChange={(e) => set({ hashAlgorithm: e.target.value as (typeof SCEP_HASH_ALGORITHMS)[number] })}>
          {SCEP_HASH_ALGORITHMS.map((h) => (
            <option key={h} value={h}>{h}</option>
          ))}
        </select>
      </label>
      <TrustedRootSelect value={value.trustedRootProfileId} onChange={(trustedRootProfileId) => set({ trustedRootProfileId })} />
      <fieldset className="checks">
        <legend>Extended key usage</legend>
        {Object.values(PKCS_EKU_PRESETS).map((e) => (
          <label key={e.oid}>
            <input type="checkbox" checked={ekus.some((x) => x.oid === e.oid)} onChange={() => set({ extendedKeyUsages: ekus.some((x) => x.oid === e.oid) ? ekus.filter((x) => x.oid !== e.oid) : [...ekus, { ...e }] })} />
            {e.name} ({e.oid})
          </label>
        ))}
      </fieldset>
      <label>
        Renewal threshold (%)
        <input className="input" type="number" min={1} max={99} aria-label="Renewal threshold" value={value.renewalThresholdPercent ?? 20} onChange={(e) => set({ renewalThresholdPercent: Number(e.target.value) })} />
      </label>
      <label>
        SCEP server URLs
        <textarea
          className="input"
          aria-label="SCEP server URLs"
          style={{ minHeight: 60, fontFamily: 'inherit' }}
          value={value.scepServerUrls.join('\n')}
          onChange={(e) => set({ scepServerUrls: e.target.value.split('\n').map((u) => u.trim()).filter(Boolean) })}
        />
        <span className="field__hint">One per line, tried in order: the connector&apos;s NDES, e.g. http://host:3100/certsrv/mscep/mscep.dll.</span>
      </label>
      {problem ? <p className="field__hint" role="status">{problem}</p> : null}
    </div>
  );
}
