import type { ScepExpectedRequest, ScepSettings } from '@certlab/contracts';
import { SCEP_KEY_OPTIONS } from '@certlab/contracts';
import type { DeviceEntity } from '../../devices/device.entity';
import type { DirectoryUserEntity } from '../../directory/directory-user.entity';
import { renderCertificateSubject } from '../render-subject';

export type ScepRendered = { ok: true; expected: ScepExpectedRequest } | { ok: false; errorCode: 'userRequired' | 'templateRenderFailed'; message: string };

/** SCEP step 1's rendering: what this device's PKCS#10 must ask for, subject and SANs included. */
export function renderExpected(settings: ScepSettings, device: DeviceEntity, user: DirectoryUserEntity | null): ScepRendered {
  const rendered = renderCertificateSubject(settings, device, user);
  if (!rendered.ok) return rendered;
  const spec = SCEP_KEY_OPTIONS[settings.keySize].spec;
  return {
    ok: true,
    expected: {
      certificateType: settings.certificateType,
      subject: rendered.subject,
      subjectAltNames: rendered.sans,
      key: spec.kind === 'rsa' ? { kind: 'rsa', minimumBits: spec.bits } : { kind: 'ec', curve: spec.curve },
      keyUsage: [...settings.keyUsage],
      extendedKeyUsage: settings.extendedKeyUsages.map((e) => e.oid),
    },
  };
}
