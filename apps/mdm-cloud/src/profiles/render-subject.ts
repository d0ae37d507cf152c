import { type TemplateContext, TemplateError, renderSans, renderSubject } from '@certlab/pki-core';
import type { DeviceEntity } from '../devices/device.entity';
import type { DirectoryUserEntity } from '../directory/directory-user.entity';

/** The fields of a SCEP or PKCS profile that name what the certificate says. */
export interface SubjectSettings {
  certificateType: 'user' | 'device';
  subjectNameFormat: string;
  subjectAlternativeNames: readonly { type: 'email' | 'upn' | 'dns' | 'uri'; template: string }[];
}

export type RenderedSubject =
  | { ok: true; subject: string; sans: { type: 'email' | 'upn' | 'dns' | 'uri'; value: string }[] }
  | { ok: false; errorCode: 'userRequired' | 'templateRenderFailed'; message: string };

/** The template context Intune fills for a device and, when given, its primary user. */
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
 * The cloud, not the connector or the device, turns a profile's subject name format and SAN
 * templates into values (SCEP step 1, PKCS step 2). Device certificates render from device
 * variables only — Intune refuses user variables there; a user certificate needs the device's
 * primary user. A template that cannot be filled is a result, not an exception, so the device's
 * status can say why.
 */
export function renderCertificateSubject(settings: SubjectSettings, device: DeviceEntity, user: DirectoryUserEntity | null): RenderedSubject {
  if (settings.certificateType === 'user' && !user) return { ok: false, errorCode: 'userRequired', message: 'a user certificate needs a device with a primary user; this device has none' };
  const context = templateContext(device, settings.certificateType === 'user' ? user : null);
  try {
    const subject = renderSubject(settings.subjectNameFormat, context).dn;
    const sans = renderSans(settings.subjectAlternativeNames.map((s) => ({ type: s.type, template: s.template })), context).map((s) => ({ type: s.type, value: s.value }));
    return { ok: true, subject, sans };
  } catch (err) {
    if (err instanceof TemplateError) return { ok: false, errorCode: 'templateRenderFailed', message: `the subject or SAN template cannot be rendered for this device: ${err.message}` };
    throw err;
  }
}
