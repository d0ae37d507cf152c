import type { ScepExpectedRequest, ScepSettings } from '@certlab/contracts';
import { SCEP_KEY_OPTIONS } from '@certlab/contracts';
import { type TemplateContext, TemplateError, renderSans, renderSubject } from '@certlab/pki-core';
import type { DeviceEntity } from '../../devices/device.entity';
import type { DirectoryUserEntity } from '../../directory/directory-user.entity';

export type ScepRendered = { ok: true; expected: ScepExpectedRequest } | { ok: false; errorCode: 'userRequired' | 'templateRenderFailed'; message: string };

/** The template context Intune fills for a device and, for user certificates, its primary user. */
function contextOf(device: DeviceEntity, user: DirectoryUserEntity | null): TemplateContext {
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
 * SCEP step 1's rendering: what this device's PKCS#10 must ask for. Device certificates render
 * from device variables only (Intune refuses user variables there); a user certificate needs the
 * device's primary user. A template that cannot be filled is a result, not an exception, so the
 * device's status can say why.
 */
export function renderExpected(settings: ScepSettings, device: DeviceEntity, user: DirectoryUserEntity | null): ScepRendered {
  if (settings.certificateType === 'user' && !user) return { ok: false, errorCode: 'userRequired', message: 'a user certificate needs a device with a primary user; this device has none' };
  const context = contextOf(device, settings.certificateType === 'user' ? user : null);
  try {
    const subject = renderSubject(settings.subjectNameFormat, context).dn;
    const subjectAltNames = renderSans(settings.subjectAlternativeNames.map((s) => ({ type: s.type, template: s.template })), context).map((s) => ({ type: s.type, value: s.value }));
    const spec = SCEP_KEY_OPTIONS[settings.keySize].spec;
    return {
      ok: true,
      expected: {
        certificateType: settings.certificateType,
        subject,
        subjectAltNames,
        key: spec.kind === 'rsa' ? { kind: 'rsa', minimumBits: spec.bits } : { kind: 'ec', curve: spec.curve },
        keyUsage: [...settings.keyUsage],
        extendedKeyUsage: settings.extendedKeyUsages.map((e) => e.oid),
      },
    };
  } catch (err) {
    if (err instanceof TemplateError) return { ok: false, errorCode: 'templateRenderFailed', message: `the subject or SAN template cannot be rendered for this device: ${err.message}` };
    throw err;
  }
}
