import type { PkcsSettings } from '@certlab/contracts';
import { type TemplateContext, TemplateError, renderSans, renderSubject } from '@certlab/pki-core';
import type { DeviceEntity } from '../devices/device.entity';
import type { DirectoryUserEntity } from '../directory/directory-user.entity';

export type Rendered = { ok: true; subject: string; sans: { type: 'email' | 'upn' | 'dns' | 'uri'; value: string }[] } | { ok: false; reason: string };

/** The template context Intune fills for a device and its primary user. */
export function templateContext(device: DeviceEntity, user: DirectoryUserEntity | null): TemplateContext {
  return {
    device: { id: device.id, aadDeviceId: device.entraDeviceId, name: device.name, serialNumber: device.serialNumber ?? undefined, imei: device.imei ?? undefined },
    user: user
      ? {
          id: user.id,
          userPrincipalName: user.userPrincipalName,
          email: user.email ?? undefined,
          onPremisesDistinguishedName: user.onPremisesDistinguishedName ?? undefined,
          onPremisesSamAccountName: user.onPremisesSamAccountName ?? undefined,
        }
      : undefined,
  };
}

/**
 * Step 2's rendering: the cloud, not the connector, turns the profile's subject name format and
 * SAN templates into values for this device (and user). A user certificate needs a user.
 */
export function renderFor(settings: PkcsSettings, device: DeviceEntity, user: DirectoryUserEntity | null): Rendered {
  if (settings.certificateType === 'user' && !user) return { ok: false, reason: 'a user certificate needs a device with a primary user; this device has none' };
  // Intune renders device certificates from device variables only: a user variable there fails.
  const context = templateContext(device, settings.certificateType === 'user' ? user : null);
  try {
    const subject = renderSubject(settings.subjectNameFormat, context).dn;
    const sans = renderSans(settings.subjectAlternativeNames.map((s) => ({ type: s.type, template: s.template })), context).map((s) => ({ type: s.type, value: s.value }));
    return { ok: true, subject, sans };
  } catch (err) {
    if (err instanceof TemplateError) return { ok: false, reason: `the subject or SAN template cannot be rendered for this device: ${err.message}` };
    throw err;
  }
}
