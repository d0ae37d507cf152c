import {
  KEY_STORAGE_PROVIDERS,
  PFX_PURPOSES,
  PKCS_CERTIFICATE_TYPES,
  PKCS_IMPORTED_CAVEATS,
  PKCS_IMPORTED_SETTING_LABELS,
  PKCS_SETTING_LABELS,
  type PkcsImportedSettings,
  type PkcsSettings,
  PROFILE_SAN_TYPES,
  type PkcsSan,
  type ProfileWarning,
  SCEP_CERTIFICATE_TYPES,
  SCEP_KEY_OPTIONS,
  SCEP_KEY_USAGES,
  SCEP_SETTING_LABELS,
  type ScepSettings,
  type VALIDITY_UNITS,
} from '@certlab/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Callout } from '../../../components/Callout';

/** The settings of one profile type, as the summary reads them (the API's view, or the wizard's draft with defaults applied). */
export type SettingsSummaryInput =
  | { type: 'scep'; settings: ScepSettings; rootName: string | null; warnings: ProfileWarning[] }
  | { type: 'pkcs'; settings: PkcsSettings; rootName: string | null }
  | { type: 'pkcsImported'; settings: PkcsImportedSettings };

type Row = [label: string, value: ReactNode];

const LIST_LABELS = { scep: 'SCEP settings', pkcs: 'PKCS settings', pkcsImported: 'Imported PKCS settings' } as const;

/**
 * A profile's Configuration settings as Intune's profile page lists them: each setting under
 * Intune's label (from the contracts' label tables), each value under its option's label, lists
 * as lists. Warnings sit above as amber callouts; imported PKCS says what it does not do.
 */
export function ProfileSettingsSummary(props: SettingsSummaryInput) {
  const rows = props.type === 'scep' ? scepRows(props.settings, props.rootName) : props.type === 'pkcs' ? pkcsRows(props.settings, props.rootName) : importedRows(props.settings);
  return (
    <div className="stack">
      {props.type === 'scep' && props.warnings.length > 0 ? <Warnings warnings={props.warnings} /> : null}
      <dl className="facts facts--settings" aria-label={LIST_LABELS[props.type]}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {props.type === 'pkcsImported' ? <ImportedCaveats /> : null}
    </div>
  );
}

export function Warnings({ warnings }: { warnings: ProfileWarning[] }) {
  return (
    <div className="callouts" aria-label="Warnings">
      {warnings.map((w) => (
        <Callout key={w.code} tone="warning">
          {w.message}
        </Callout>
      ))}
    </div>
  );
}

/** The method's limits, next to its settings: the one list the wizard shows too. */
export function ImportedCaveats() {
  return (
    <Callout tone="warning" title="What imported PKCS does not do">
      <ul>
        {PKCS_IMPORTED_CAVEATS.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </Callout>
  );
}

function scepRows(s: ScepSettings, rootName: string | null): Row[] {
  const L = SCEP_SETTING_LABELS;
  return [
    [L.certificateType, SCEP_CERTIFICATE_TYPES[s.certificateType].label],
    [L.subjectNameFormat, <code key="s">{s.subjectNameFormat}</code>],
    [L.subjectAlternativeNames, sanList(s.subjectAlternativeNames)],
    [L.validityPeriod, validity(s.validityPeriod)],
    [L.keyStorageProvider, KEY_STORAGE_PROVIDERS[s.keyStorageProvider].label],
    [L.keyUsage, s.keyUsage.map((k) => SCEP_KEY_USAGES[k].label).join(', ')],
    [L.keySize, SCEP_KEY_OPTIONS[s.keySize].label],
    [L.hashAlgorithm, s.hashAlgorithm],
    [L.trustedRootProfileId, rootLink(s.trustedRootProfileId, rootName)],
    [L.extendedKeyUsages, ekuList(s.extendedKeyUsages)],
    [L.renewalThresholdPercent, `${s.renewalThresholdPercent} %`],
    [L.scepServerUrls, list(s.scepServerUrls.map((u) => <code key={u}>{u}</code>))],
  ];
}

function pkcsRows(s: PkcsSettings, rootName: string | null): Row[] {
  const L = PKCS_SETTING_LABELS;
  return [
    [L.certificateType, PKCS_CERTIFICATE_TYPES[s.certificateType].label],
    [L.certificationAuthority, <code key="ca">{s.certificationAuthority}</code>],
    [L.certificationAuthorityName, s.certificationAuthorityName],
    [L.certificateTemplateName, s.certificateTemplateName],
    [L.subjectNameFormat, <code key="s">{s.subjectNameFormat}</code>],
    [L.subjectAlternativeNames, sanList(s.subjectAlternativeNames)],
    [L.validityPeriod, validity(s.validityPeriod)],
    [L.keyStorageProvider, KEY_STORAGE_PROVIDERS[s.keyStorageProvider].label],
    [L.keySize, String(s.keySize)],
    [L.trustedRootProfileId, rootLink(s.trustedRootProfileId, rootName)],
    [L.extendedKeyUsages, ekuList(s.extendedKeyUsages)],
    [L.renewalThresholdPercent, `${s.renewalThresholdPercent} %`],
  ];
}

function importedRows(s: PkcsImportedSettings): Row[] {
  const L = PKCS_IMPORTED_SETTING_LABELS;
  return [
    [L.intendedPurpose, PFX_PURPOSES[s.intendedPurpose].label],
    [L.keyStorageProvider, KEY_STORAGE_PROVIDERS[s.keyStorageProvider].label],
  ];
}

function list(items: ReactNode[]): ReactNode {
  if (items.length === 0) return <span className="muted">None</span>;
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

/** "DNS: {{DeviceName}}.contoso.com", "URI: IntuneDeviceId://{{DeviceId}}". */
function sanList(sans: PkcsSan[]): ReactNode {
  return list(sans.map((s) => `${PROFILE_SAN_TYPES[s.type].label}: ${s.template}`));
}

/** "Client Authentication (1.3.6.1.5.5.7.3.2)". */
function ekuList(ekus: { name: string; oid: string }[]): ReactNode {
  return list(
    ekus.map((e) => (
      <>
        {e.name} <span className="muted mono">({e.oid})</span>
      </>
    )),
  );
}

/** "1 year", "6 months". */
export function validity(v: { value: number; unit: (typeof VALIDITY_UNITS)[number] }): string {
  return `${v.value} ${v.value === 1 ? v.unit.slice(0, -1) : v.unit}`;
}

function rootLink(id: string, name: string | null): ReactNode {
  if (!name) return <span className="muted">The trusted certificate profile no longer exists</span>;
  return <Link to={`/profiles/${id}`}>{name}</Link>;
}
