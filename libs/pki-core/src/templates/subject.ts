import { x509 } from '../crypto-provider';
import { dnTypeLabel, findRdnAttribute, type RdnAttributeName } from './attributes';
import { escapeDnValue, parseDnTokens, type DnEntry } from './dn';
import { TemplateError, type TemplateErrorCode } from './errors';
import { tokenize } from './lexer';
import { TEMPLATE_VARIABLES, type TemplateContext, type TemplateVariable } from './variables';

export interface DnAttribute {
  readonly oid: string;
  readonly name: RdnAttributeName;
  readonly value: string;
}
/** One RDN: usually one attribute, several for a multi-valued RDN (`CN=a+UID=b`). */
export type Rdn = readonly DnAttribute[];

export interface RenderedSubject {
  /** RFC 4514 string, RDNs in the template's order; `new x509.Name(dn)` reads back `rdns`. */
  readonly dn: string;
  readonly rdns: readonly Rdn[];
}

/** C0 controls and DEL: not representable in a DN string @peculiar/x509 reads back, never wanted in a subject. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function resolveVariable(name: TemplateVariable, context: TemplateContext): string {
  const variable = TEMPLATE_VARIABLES[name];
  const value = variable.read(context);
  if (value === undefined || value.trim() === '') {
    throw new TemplateError('emptyValue', `{{${name}}} is empty for this ${variable.entity}`);
  }
  return value;
}

function attribute(type: string, value: string, code: TemplateErrorCode): DnAttribute {
  const found = findRdnAttribute(type);
  if (!found) throw new TemplateError('unknownAttribute', `"${type}" is not an allowed RDN attribute type`);
  if (value.trim() === '') throw new TemplateError(code === 'invalidValue' ? 'invalidValue' : 'emptyValue', `${type} renders empty`);
  if (CONTROL.test(value)) throw new TemplateError('invalidValue', `${type} would contain a control character`);
  if (found.name === 'C' && !/^[A-Za-z]{2}$/.test(value)) {
    throw new TemplateError('invalidValue', `C must be a two-letter country code, not "${value}"`);
  }
  return { oid: found.oid, name: found.name, value };
}

function group(entries: { attr: DnAttribute; plus: boolean }[]): Rdn[] {
  const rdns: DnAttribute[][] = [];
  for (const { attr, plus } of entries) {
    if (plus && rdns.length > 0) rdns[rdns.length - 1].push(attr);
    else rdns.push([attr]);
  }
  return rdns;
}

/** Parses an RFC 4514 DN string (an on-premises DN, a DN to compare) into RDNs of allowed types. */
export function parseDn(dn: string): Rdn[] {
  const entries = parseDnTokens([{ kind: 'text', text: dn }], 'invalidValue');
  if (entries.length === 0) throw new TemplateError('invalidValue', 'the DN is empty');
  return group(
    entries.map((e) => {
      if (e.kind !== 'attribute') throw new TemplateError('invalidValue', 'unexpected variable in a DN');
      return { attr: attribute(e.type, e.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''), 'invalidValue'), plus: e.plus };
    }),
  );
}

export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map((rdn) => rdn.map((a) => `${dnTypeLabel(a.oid)}=${escapeDnValue(a.value)}`).join('+')).join(',');
}

function renderEntry(entry: DnEntry, context: TemplateContext): { attr: DnAttribute; plus: boolean }[] {
  if (entry.kind === 'dn') {
    if (TEMPLATE_VARIABLES[entry.name].kind !== 'dn') {
      throw new TemplateError('malformedTemplate', `{{${entry.name}}} is not a DN; give it an attribute type, e.g. CN={{${entry.name}}}`);
    }
    if (entry.plus) throw new TemplateError('malformedTemplate', `{{${entry.name}}} cannot be part of a multi-valued RDN`);
    const value = resolveVariable(entry.name, context);
    let rdns: Rdn[];
    try {
      rdns = parseDn(value);
    } catch (cause) {
      const why = cause instanceof TemplateError ? cause.detail : String(cause);
      throw new TemplateError('invalidValue', `{{${entry.name}}} is not a usable DN: ${why}`, { cause });
    }
    return rdns.flatMap((rdn) => rdn.map((attr, i) => ({ attr, plus: i > 0 })));
  }
  const value = entry.parts.map((p) => (p.kind === 'text' ? p.text : resolveVariable(p.name, context))).join('');
  return [{ attr: attribute(entry.type, value, 'emptyValue'), plus: entry.plus }];
}

/** The shape `x509.Name#toJSON` gives, to check the string reads back as intended. */
function asX509Json(rdns: readonly Rdn[]): Record<string, string[]>[] {
  return rdns.map((rdn) => {
    const item: Record<string, string[]> = {};
    for (const a of rdn) (item[dnTypeLabel(a.oid)] ??= []).push(a.value);
    return item;
  });
}

/**
 * Renders a subject name template (`CN={{UserName}},E={{EmailAddress}},OU=Sales`, or
 * `{{OnPrem_Distinguished_Name}}` standing for the whole DN) for one user and device.
 * Substituted values are escaped per RFC 4514, so a user value can never add or change RDNs.
 * Throws TemplateError: unknownVariable, emptyValue, malformedTemplate, unknownAttribute,
 * invalidValue.
 */
export function renderSubject(template: string, context: TemplateContext): RenderedSubject {
  const entries = parseDnTokens(tokenize(template));
  if (entries.length === 0) throw new TemplateError('malformedTemplate', 'the subject template is empty');
  const rdns = group(entries.flatMap((e) => renderEntry(e, context)));
  const dn = formatDn(rdns);
  // @peculiar/x509's string parser cannot read some values back: one ending in a backslash, or
  // holding a backslash before 0a/0d/0g, which it turns into control characters. Refuse those
  // here rather than let a CSR builder encode a subject nobody rendered.
  let readBack: unknown;
  try {
    readBack = new x509.Name(dn).toJSON();
  } catch (cause) {
    throw new TemplateError('invalidValue', `the subject "${dn}" cannot be written as a DN string`, { cause });
  }
  if (JSON.stringify(readBack) !== JSON.stringify(asX509Json(rdns))) {
    throw new TemplateError('invalidValue', `the subject "${dn}" does not read back as rendered`);
  }
  return Object.freeze({ dn, rdns: Object.freeze(rdns.map((r) => Object.freeze([...r]))) });
}
