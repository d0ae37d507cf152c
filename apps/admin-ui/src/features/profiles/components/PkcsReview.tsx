import { KEY_STORAGE_PROVIDERS, PKCS_CERTIFICATE_TYPES, type PkcsSettingsInput } from '@certlab/contracts';

/** The PKCS settings on the wizard's Review + create step. */
export function PkcsReview({ settings: s }: { settings: PkcsSettingsInput }) {
  return (
    <dl className="facts" aria-label="PKCS settings">
      <div><dt>Certificate type</dt><dd>{PKCS_CERTIFICATE_TYPES[s.certificateType].label}</dd></div>
      <div><dt>Certification authority</dt><dd className="mono">{s.certificationAuthority}\{s.certificationAuthorityName}</dd></div>
      <div><dt>Certificate template</dt><dd>{s.certificateTemplateName}</dd></div>
      <div><dt>Subject name format</dt><dd className="mono">{s.subjectNameFormat}</dd></div>
      <div><dt>Subject alternative names</dt><dd className="mono">{(s.subjectAlternativeNames ?? []).map((x) => `${x.type}: ${x.template}`).join(', ') || 'none'}</dd></div>
      <div><dt>Validity</dt><dd>{s.validityPeriod?.value ?? 1} {s.validityPeriod?.unit ?? 'years'}</dd></div>
      <div><dt>Key</dt><dd>RSA {s.keySize ?? 2048}, {KEY_STORAGE_PROVIDERS[s.keyStorageProvider ?? 'tpmOrSoftware'].label}</dd></div>
      <div><dt>Renewal threshold</dt><dd>{s.renewalThresholdPercent ?? 20}%</dd></div>
      <div><dt>Extended key usages</dt><dd>{(s.extendedKeyUsages ?? []).map((e) => e.name).join(', ') || 'none'}</dd></div>
    </dl>
  );
}
