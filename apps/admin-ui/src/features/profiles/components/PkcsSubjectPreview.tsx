import type { PkcsCertificateType, PkcsSan } from '@certlab/contracts';
import { useState } from 'react';
import { StatusBadge } from '../../../components/StatusBadge';
import { usePkcsSubjectPreview } from '../api/preview-pkcs-subject';
import { usePreviewDevices } from '../api/list-preview-devices';

/** The subject and SANs as the cloud would render them for a chosen enrolled device (step 2), updated as the format changes. */
export function PkcsSubjectPreview(props: { certificateType: PkcsCertificateType; subjectNameFormat: string; subjectAlternativeNames: PkcsSan[] }) {
  const devices = usePreviewDevices();
  const [deviceId, setDeviceId] = useState('');
  const first = devices.data?.items[0]?.id ?? '';
  const chosen = deviceId || first;
  return (
    <div className="card" aria-label="Preview">
      <label>
        Preview for
        <select className="input" aria-label="Preview device" value={chosen} onChange={(e) => setDeviceId(e.target.value)}>
          {devices.data?.items.length ? null : <option value="">No enrolled device to preview with</option>}
          {devices.data?.items.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
              {d.owner ? ` (${d.owner.userPrincipalName})` : ''}
            </option>
          ))}
        </select>
      </label>
      {chosen && props.subjectNameFormat.trim() ? <Rendered deviceId={chosen} {...props} /> : null}
    </div>
  );
}

function Rendered({ deviceId, certificateType, subjectNameFormat, subjectAlternativeNames }: { deviceId: string; certificateType: PkcsCertificateType; subjectNameFormat: string; subjectAlternativeNames: PkcsSan[] }) {
  const sans = subjectAlternativeNames.filter((s) => s.template.trim() !== '');
  const preview = usePkcsSubjectPreview({ deviceId, certificateType, subjectNameFormat, subjectAlternativeNames: sans });
  if (!preview.data) return <p className="muted">{preview.error ? preview.error.message : 'Rendering…'}</p>;
  const p = preview.data;
  if (p.problem) {
    return (
      <p role="status">
        <StatusBadge tone="danger">Cannot render</StatusBadge> {p.problem}
      </p>
    );
  }
  return (
    <dl className="facts">
      <div><dt>Subject</dt><dd className="mono">{p.subject}</dd></div>
      <div><dt>SANs</dt><dd className="mono">{p.subjectAlternativeNames.map((s) => `${s.type}: ${s.value}`).join(', ') || 'none'}</dd></div>
    </dl>
  );
}
