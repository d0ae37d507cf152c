import { TemplateError } from './errors';
import { tokenize } from './lexer';
import { resolveVariable } from './subject';
import type { TemplateContext } from './variables';

/**
 * The SAN types an Intune SCEP/PKCS profile offers, with the check a rendered value must pass.
 * UPN is the Microsoft otherName (1.3.6.1.4.1.311.20.2.3) Windows logon maps by.
 */
export const SAN_TYPES = {
  email: { description: 'rfc822Name', valid: (v: string) => /^[^\s@]+@[^\s@]+$/.test(v) },
  upn: { description: 'otherName userPrincipalName (1.3.6.1.4.1.311.20.2.3)', valid: (v: string) => /^[^\s@]+@[^\s@]+$/.test(v) },
  dns: {
    description: 'dNSName',
    valid: (v: string) => v.length <= 253 && /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(v),
  },
  uri: { description: 'uniformResourceIdentifier', valid: (v: string) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v) },
} as const;
export type SanType = keyof typeof SAN_TYPES;

export interface SanTemplate {
  readonly type: SanType;
  /** e.g. `{{UserPrincipalName}}`, `{{DeviceName}}.corp.contoso.com`, `tag:microsoft.com,2022-09-14:sid:{{OnPremisesSecurityIdentifier}}`. */
  readonly template: string;
}

export interface RenderedSan {
  readonly type: SanType;
  readonly value: string;
}

/** Renders each SAN template; values are used as they are (a SAN is not a DN: nothing to escape). */
export function renderSans(templates: readonly SanTemplate[], context: TemplateContext): RenderedSan[] {
  return templates.map(({ type, template }) => {
    if (!Object.hasOwn(SAN_TYPES, type)) throw new TemplateError('malformedTemplate', `"${String(type)}" is not a SAN type`);
    const value = tokenize(template)
      .map((t) => (t.kind === 'text' ? t.text : resolveVariable(t.name, context)))
      .join('');
    if (value.trim() === '') throw new TemplateError('emptyValue', `the ${type} SAN "${template}" renders empty`);
    if (!SAN_TYPES[type].valid(value)) {
      throw new TemplateError('invalidValue', `"${value}" is not a valid ${type} SAN (${SAN_TYPES[type].description})`);
    }
    return Object.freeze({ type, value });
  });
}
