import { PLATFORMS, type Platform, type ProfileWarning, SCEP_KEY_OPTIONS, SCEP_KEY_SUPPORT, type ScepSettings, scepSettingsWarnings } from '@certlab/contracts';
import { TEMPLATE_VARIABLES, TemplateError, findVariable, renderSans, renderSubject } from '@certlab/pki-core';

export interface SettingsContext {
  readonly platforms: readonly Platform[];
  /** Group ids the SCEP profile is included for. */
  readonly includedGroups: readonly string[];
  readonly root: { readonly name: string; readonly type: string; readonly includedGroups: readonly string[] } | null;
}

export interface SettingsCheck {
  /** Each makes the profile unsavable. */
  readonly errors: string[];
  /** Saved anyway; shown with the profile. */
  readonly warnings: ProfileWarning[];
}

/** A context where every variable has a sample value, to check a template's syntax at save time. */
const SAMPLE = {
  device: { id: '00000000-0000-4000-8000-000000000000', aadDeviceId: '00000000-0000-4000-8000-000000000001', name: 'SAMPLE-PC', serialNumber: 'SN0001', imei: '490154203237518', meid: 'A0000000000001', wifiMacAddress: '001122334455', ethernetMacAddress: '001122334456', fullyQualifiedDomainName: 'sample.corp.example' },
  user: { id: '00000000-0000-4000-8000-000000000002', userPrincipalName: 'sample@example.com', email: 'sample@example.com', onPremisesDistinguishedName: 'CN=Sample,DC=example,DC=com', onPremisesSamAccountName: 'sample', onPremisesSecurityIdentifier: 'S-1-5-21-1-2-3-1001' },
};

const VARIABLE = /\{\{\s*([^}]*?)\s*\}\}/g;

/**
 * The SCEP profile's checks at save time, each with a message an admin can act on. Errors stop
 * the save (a template with an unknown variable, a key no targeted platform can make, a root that
 * is not a trusted certificate profile); warnings are returned with the profile (the root not
 * assigned where this profile is, user variables in a device certificate, a weak renewal window).
 */
export function checkScepSettings(s: ScepSettings, ctx: SettingsContext): SettingsCheck {
  const errors: string[] = [];
  try {
    renderSubject(s.subjectNameFormat, SAMPLE);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    errors.push(`Subject name format: ${err.message}`);
  }
  s.subjectAlternativeNames.forEach((san, i) => {
    try {
      renderSans([{ type: san.type, template: san.template }], SAMPLE);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      errors.push(`Subject alternative name ${i + 1} (${san.type}): ${err.message}`);
    }
  });
  if (s.certificateType === 'device') {
    const userVars = [s.subjectNameFormat, ...s.subjectAlternativeNames.map((x) => x.template)]
      .flatMap((t) => [...t.matchAll(VARIABLE)].map((m) => findVariable(m[1])))
      .filter((v): v is keyof typeof TEMPLATE_VARIABLES => v !== undefined && TEMPLATE_VARIABLES[v].entity === 'user');
    if (userVars.length) errors.push(`A device certificate cannot use user variables: ${[...new Set(userVars)].map((v) => `{{${v}}}`).join(', ')}. Choose certificate type User, or use device variables.`);
  }
  const unsupported = ctx.platforms.filter((p) => !SCEP_KEY_SUPPORT[p].includes(s.keySize));
  if (unsupported.length) {
    errors.push(`${SCEP_KEY_OPTIONS[s.keySize].label} is not offered by the SCEP client of ${unsupported.map((p) => PLATFORMS[p].label).join(', ')}; pick an RSA key size or remove ${unsupported.length > 1 ? 'those platforms' : 'that platform'}.`);
  }
  if (!ctx.root) errors.push('The trusted certificate profile does not exist; a SCEP profile names the root its certificates chain to.');
  else if (ctx.root.type !== 'trustedRoot') errors.push(`"${ctx.root.name}" is not a trusted certificate profile.`);
  const missing = ctx.root?.type === 'trustedRoot' ? ctx.includedGroups.filter((g) => !ctx.root!.includedGroups.includes(g)).length : 0;
  const warnings = scepSettingsWarnings(s, { platforms: ctx.platforms, root: ctx.root ? { name: ctx.root.name, missingGroups: missing } : null });
  return { errors, warnings };
}
