import type { PkcsSettings } from '@certlab/contracts';
import type { DeviceEntity } from '../devices/device.entity';
import type { DirectoryUserEntity } from '../directory/directory-user.entity';
import { renderCertificateSubject } from '../profiles/render-subject';

export type Rendered = { ok: true; subject: string; sans: { type: 'email' | 'upn' | 'dns' | 'uri'; value: string }[] } | { ok: false; reason: string };

/** Step 2's rendering of the PKCS profile's subject and SANs for this device (and user). */
export function renderFor(settings: PkcsSettings, device: DeviceEntity, user: DirectoryUserEntity | null): Rendered {
  const rendered = renderCertificateSubject(settings, device, user);
  return rendered.ok ? rendered : { ok: false, reason: rendered.message };
}
