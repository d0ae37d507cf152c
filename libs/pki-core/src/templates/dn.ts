import { TemplateError, type TemplateErrorCode } from './errors';
import type { TemplateToken } from './lexer';
import type { TemplateVariable } from './variables';

/**
 * RFC 4514 distinguished-name strings, read over template tokens so that one grammar serves both
 * subject templates (`CN={{UserName}},OU=Sales`) and plain DNs (an on-premises DN, a DN to
 * compare). Variables may only stand inside a value, or alone in place of a whole RDN sequence.
 */

export type ValuePart = { kind: 'text'; text: string } | { kind: 'variable'; name: TemplateVariable };

export type DnEntry =
  | { kind: 'attribute'; type: string; parts: ValuePart[]; plus: boolean }
  | { kind: 'dn'; name: TemplateVariable; plus: boolean };

/** RFC 4514 section 3: after a backslash, one of these or two hex digits. */
const SPECIALS = new Set([' ', '"', '#', '+', ',', ';', '<', '=', '>', '\\']);
/** RFC 4514 section 3: may not appear unescaped in a value (`;` was a separator in RFC 1779). */
const MUST_ESCAPE = new Set(['"', ';', '<', '>']);

export function parseDnTokens(tokens: readonly TemplateToken[], code: TemplateErrorCode = 'malformedTemplate'): DnEntry[] {
  const fail = (why: string): never => {
    throw new TemplateError(code, why);
  };
  const entries: DnEntry[] = [];
  let state: 'type' | 'value' = 'type';
  let type = '';
  let parts: ValuePart[] = [];
  let text = '';
  /** Length of `text` up to its last character that is not an unescaped space. */
  let significant = 0;
  let hexBytes: number[] = [];
  let plus = false;
  let pendingDn: TemplateVariable | undefined;

  const flushHex = () => {
    if (hexBytes.length === 0) return;
    try {
      text += new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(hexBytes));
    } catch {
      fail('hex-escaped bytes in a DN value are not UTF-8');
    }
    significant = text.length;
    hexBytes = [];
  };
  /** `final`: the value ends here, so its unescaped trailing spaces are not part of it. */
  const flushText = (final: boolean) => {
    flushHex();
    const t = final ? text.slice(0, significant) : text;
    if (t) parts.push({ kind: 'text', text: t });
    text = '';
    significant = 0;
  };
  const endEntry = (separator: boolean) => {
    if (pendingDn) {
      entries.push({ kind: 'dn', name: pendingDn, plus });
      pendingDn = undefined;
    } else if (state === 'value') {
      flushText(true);
      entries.push({ kind: 'attribute', type, parts, plus });
    } else if (type.trim() || separator || entries.length > 0) {
      fail(`"${type.trim()}" has no "="`);
    }
    state = 'type';
    type = '';
    parts = [];
  };

  for (const token of tokens) {
    if (token.kind === 'variable') {
      if (state === 'value') {
        flushText(false);
        parts.push({ kind: 'variable', name: token.name });
      } else if (type.trim() === '' && !pendingDn) {
        pendingDn = token.name;
      } else {
        fail(`{{${token.written}}} stands where an attribute type is expected`);
      }
      continue;
    }
    const s = token.text;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (pendingDn) {
        if (c === ',' || c === '+') {
          endEntry(true);
          plus = c === '+';
        } else if (c !== ' ') {
          fail(`text after {{${pendingDn}}} where "," was expected`);
        }
        continue;
      }
      if (state === 'type') {
        if (c === '=') {
          if (!/^\s*([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)\s*$/.test(type)) fail(`"${type.trim()}" is not an attribute type`);
          type = type.trim();
          state = 'value';
        } else if (c === ',' || c === '+') {
          fail(`"${type.trim()}" has no "="`);
        } else {
          type += c;
        }
        continue;
      }
      // state === 'value'
      if (c === '\\') {
        const next = s[i + 1];
        if (next !== undefined && /[0-9A-Fa-f]/.test(next) && /[0-9A-Fa-f]/.test(s[i + 2] ?? '')) {
          hexBytes.push(parseInt(s.slice(i + 1, i + 3), 16));
          i += 2;
        } else if (next !== undefined && SPECIALS.has(next)) {
          flushHex();
          text += next;
          significant = text.length;
          i += 1;
        } else {
          fail(`"\\${next ?? ''}" is not an RFC 4514 escape`);
        }
        continue;
      }
      flushHex();
      if (c === ',' || c === '+') {
        endEntry(true);
        plus = c === '+';
        continue;
      }
      if (MUST_ESCAPE.has(c)) fail(`"${c}" must be escaped in a DN value`);
      if (c === '#' && parts.length === 0 && text === '') fail('BER-encoded (#hex) DN values are not supported');
      // Unescaped leading spaces are not part of the value (RFC 4514 requires them escaped).
      if (c === ' ' && parts.length === 0 && text === '') continue;
      text += c;
      if (c !== ' ') significant = text.length;
    }
  }
  endEntry(false);
  if (entries.length > 0 && entries[0].plus) fail('a DN cannot start with "+"');
  return entries;
}

/**
 * RFC 4514 section 2.4: escape `"` `+` `,` `;` `<` `>` `\` anywhere, `#` or space at the start,
 * space at the end. Hex escapes are not used: @peculiar/x509's Name parser reads `\41` as "41".
 */
export function escapeDnValue(value: string): string {
  const chars = [...value];
  return chars
    .map((c, i) => {
      if ('"+,;<>\\'.includes(c)) return `\\${c}`;
      if (i === 0 && (c === ' ' || c === '#')) return `\\${c}`;
      if (i === chars.length - 1 && c === ' ') return '\\ ';
      return c;
    })
    .join('');
}
