import {
  KEY_STORAGE_PROVIDERS,
  type KeyStorageProvider,
  PKCS_CERTIFICATE_TYPES,
  PKCS_EKU_PRESETS,
  type PkcsCertificateType,
  type PkcsSettingsInput,
  pkcsSettingsSchema,
} from '@certlab/contracts';
import { useCaAuthorities } from '../api/list-ca-authorities';
import { useCaTemplates } from '../api/list-ca-templates';
import { usePkcsWizardOptions } from '../api/get-pkcs-wizard-options';
import { StatusBadge } from '../../../components/StatusBadge';
import { PkcsSubjectPreview } from './PkcsSubjectPreview';
import { TemplateVariables } from './TemplateVariables';
import { SanTemplatesEditor } from './SanTemplatesEditor';
import { TrustedRootSelect } from './TrustedRootSelect';

const KEY_SIZES = [2048, 3072, 4096] as const;

/** A new PKCS profile: Intune's defaults, a device certificate named after the device; CA and template picked below. */
export function defaultPkcsSettings(): PkcsSettingsInput {
  return {
    certificateType: 'device',
    certificationAuthority: '',
    certificationAuthorityName: '',
    certificateTemplateName: '',
    subjectNameFormat: 'CN={{DeviceName}}',
    subjectAlternativeNames: [{ type: 'dns', template: '{{DeviceName}}.corp.example' }],
    validityPeriod: { value: 1, unit: 'years' },
    keyStorageProvider: 'tpmOrSoftware',
    keySize: 2048,
    renewalThresholdPercent: 20,
    extendedKeyUsages: [{ ...PKCS_EKU_PRESETS.clientAuth }],
    trustedRootProfileId: '',
  };
}

/** The first problem with the settings as typed, or undefined when the cloud will accept them (it checks more). */
export function pkcsSettingsProblem(s: PkcsSettingsInput): string | undefined {
  const parsed = pkcsSettingsSchema.safeParse(s);
  return parsed.success ? undefined : `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`;
}

/**
 * Configuration settings of a PKCS certificate profile, with Intune's fields. The CA and the
 * template come from the CA app through the cloud's relay: only issuing CAs, and templates that
 * let the key be exported (the connector makes the key and ships it as a PKCS#12).
 */
export function PkcsSettingsForm({ value, onChange }: { value: PkcsSettingsInput; onChange: (v: PkcsSettingsInput) => void }) {
  const cas = useCaAuthorities();
  const templates = useCaTemplates();
  const options = usePkcsWizardOptions();
  const set = (p: Partial<PkcsSettingsInput>) => onChange({ ...value, ...p });
  const sans = value.subjectAlternativeNames ?? [];
  const ekus = value.extendedKeyUsages ?? [];
  const issuing = (cas.data?.items ?? []).filter((c) => c.role === 'issuing');
  const chosen = templates.data?.items.find((t) => t.name.toLowerCase() === value.certificateTemplateName.toLowerCase());
  const problem = pkcsSettingsProblem(value);
  const pickCa = (name: string) => set({ certificationAuthorityName: name, certificationAuthority: value.certificationAuthority || options.data?.caHost || '' });
  return (
    <div className="form-grid">
      <label>
        Certificate type
        <select className="input" aria-label="Certificate type" value={value.certificateType} onChange={(e) => set({ certificateType: e.target.value as PkcsCertificateType })}>
          {(Object.keys(PKCS_CERTIFICATE_TYPES) as PkcsCertificateType[]).map((t) => (
            <option key={t} value={t}>{PKCS_CERTIFICATE_TYPES[t].label}</option>
          ))}
        </select>
        <span className="field__hint">A user certificate names the device&apos;s primary user; a device certificate names the device.</span>
      </label>
      <label>
        Certification authority name
        <select className="input" aria-label="Certification authority name" value={value.certificationAuthorityName} onChange={(e) => pickCa(e.target.value)}>
          <option value="">{cas.status === 'pending' ? 'Asking the CA…' : 'Select an issuing CA…'}</option>
          {issuing.map((c) => (
            <option key={c.name} value={c.name}>{c.name} — {c.subject}</option>
          ))}
          {value.certificationAuthorityName && !issuing.some((c) => c.name === value.certificationAuthorityName) ? <option value={value.certificationAuthorityName}>{value.certificationAuthorityName}</option> : null}
        </select>
        {cas.status === 'error' ? <span className="field__hint" role="alert">The CA cannot be reached through the cloud: {cas.error.message}</span> : null}
      </label>
      <label>
        Certification authority
        <input className="input" aria-label="Certification authority" value={value.certificationAuthority} placeholder={options.data?.caHost ?? 'ca.corp.example:443'} onChange={(e) => set({ certificationAuthority: e.target.value })} />
        <span className="field__hint">The CA server (host[:port]) the connector submits to{options.data ? `; the cloud reaches the certlab CA at ${options.data.caHost}` : ''}.</span>
      </label>
      <label>
        Certificate template name
        <select className="input" aria-label="Certificate template name" value={value.certificateTemplateName} onChange={(e) => set({ certificateTemplateName: e.target.value })}>
          <option value="">{templates.status === 'pending' ? 'Asking the CA…' : 'Select a template…'}</option>
          {(templates.data?.items ?? []).map((t) => (
            <option key={t.name} value={t.name}>
              {t.displayName} ({t.name}){t.allowPrivateKeyExport ? '' : ' — key not exportable'}
            </option>
          ))}
        </select>
        {chosen && !chosen.allowPrivateKeyExport ? (
          <span className="field__hint" role="alert">
            <StatusBadge tone="warning">Key export not allowed</StatusBadge> {chosen.name} does not allow the private key to be exported: the connector cannot build the PKCS#12 and every request will fail at step 4.
          </span>
        ) : null}
        {chosen?.allowPrivateKeyExport ? (
          <span className="field__hint">
            <StatusBadge tone="success">Key export allowed</StatusBadge> {chosen.purpose}; minimum RSA {chosen.minimumRsaKeyBits} bits; {chosen.validityDays} days at most.
          </span>
        ) : null}
      </label>
      <label>
        Subject name format
        <input className="input" aria-label="Subject name format" value={value.subjectNameFormat} onChange={(e) => set({ subjectNameFormat: e.target.value })} />
      </label>
      <SanTemplatesEditor value={sans} onChange={(next) => set({ subjectAlternativeNames: next })} />
      <TemplateVariables variables={options.data?.variables ?? []} certificateType={value.certificateType} />
      <PkcsSubjectPreview certificateType={value.certificateType} subjectNameFormat={value.subjectNameFormat} subjectAlternativeNames={sans} />
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
        {chosen ? <span className="field__hint">The template caps validity at {chosen.validityDays} days.</span> : null}
      </label>
      <label>
        Key storage provider (KSP)
        <select className="input" aria-label="Key storage provider" value={value.keyStorageProvider} onChange={(e) => set({ keyStorageProvider: e.target.value as KeyStorageProvider })}>
          {(Object.keys(KEY_STORAGE_PROVIDERS) as KeyStorageProvider[]).map((k) => (
            <option key={k} value={k}>{KEY_STORAGE_PROVIDERS[k].label}</option>
          ))}
        </select>
      </label>
      <label>
        Key size (bits)
        <select className="input" aria-label="Key size" value={value.keySize ?? 2048} onChange={(e) => set({ keySize: Number(e.target.value) as (typeof KEY_SIZES)[number] })}>
          {KEY_SIZES.map((k) => (
            <option key={k} value={k} disabled={chosen ? k < chosen.minimumRsaKeyBits : false}>
              RSA {k}
              {chosen && k < chosen.minimumRsaKeyBits ? ` (the template needs ${chosen.minimumRsaKeyBits})` : ''}
            </option>
          ))}
        </select>
        <span className="field__hint">The connector generates the key pair (step 3); larger keys take it longer.</span>
      </label>
      <label>
        Renewal threshold (%)
        <input className="input" type="number" min={1} max={99} aria-label="Renewal threshold" value={value.renewalThresholdPercent ?? 20} onChange={(e) => set({ renewalThresholdPercent: Number(e.target.value) })} />
      </label>
      <fieldset className="checks">
        <legend>Extended key usage</legend>
        {Object.values(PKCS_EKU_PRESETS).map((e) => (
          <label key={e.oid}>
            <input type="checkbox" checked={ekus.some((x) => x.oid === e.oid)} onChange={() => set({ extendedKeyUsages: ekus.some((x) => x.oid === e.oid) ? ekus.filter((x) => x.oid !== e.oid) : [...ekus, { ...e }] })} />
            {e.name} ({e.oid})
          </label>
        ))}
      </fieldset>
      <TrustedRootSelect value={value.trustedRootProfileId} onChange={(trustedRootProfileId) => set({ trustedRootProfileId })} />
      {problem ? <p className="field__hint" role="status">{problem}</p> : null}
    </div>
  );
}
