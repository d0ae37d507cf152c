import { TemplateError } from './errors';
import { findVariable, type TemplateVariable } from './variables';

export type TemplateToken = { kind: 'text'; text: string } | { kind: 'variable'; name: TemplateVariable; written: string };

const VARIABLE_BODY = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*$/;

/**
 * Splits a template into text and `{{Variable}}` tokens. Single braces are ordinary text; a
 * `{{` without its `}}`, a stray `}}`, or anything but a name between them is malformed.
 */
export function tokenize(template: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    const text = template.slice(i, open === -1 ? template.length : open);
    if (text.includes('}}')) throw new TemplateError('malformedTemplate', `"}}" without "{{" in "${template}"`);
    if (text) tokens.push({ kind: 'text', text });
    if (open === -1) break;
    const close = template.indexOf('}}', open + 2);
    if (close === -1) throw new TemplateError('malformedTemplate', `"{{" without "}}" in "${template}"`);
    const body = template.slice(open + 2, close);
    const m = VARIABLE_BODY.exec(body);
    if (!m) throw new TemplateError('malformedTemplate', `"{{${body}}}" is not a variable name`);
    const name = findVariable(m[1]);
    if (!name) throw new TemplateError('unknownVariable', `{{${m[1]}}} is not an Intune variable`);
    tokens.push({ kind: 'variable', name, written: m[1] });
    i = close + 2;
  }
  return tokens;
}
