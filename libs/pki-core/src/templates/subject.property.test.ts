import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { x509 } from '../crypto-provider';
import { compareSubjects } from './compare';
import { TemplateError } from './errors';
import { JANE } from './fixtures';
import { formatDn, parseDn, renderSubject, type Rdn } from './subject';

/** Strings rich in what RFC 4514 treats specially, plus ordinary and non-ASCII text. */
const SPECIAL = fc.string({ unit: fc.constantFrom(',', '+', '"', '\\', '<', '>', ';', '#', ' ', '=', '{', '}', 'a', 'Z', '0', 'é', '€', '😀'), maxLength: 12 });
const VALUE = fc.oneof(SPECIAL, fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 12 }));

/**
 * What renderSubject may refuse as invalidValue: control characters (never wanted in a subject),
 * and what @peculiar/x509's Name string parser cannot read back: a value ending in a backslash,
 * and a backslash followed by 0a/0d/0g, which it turns into a control character.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unrepresentable = (v: string) => /[\u0000-\u001f\u007f]/.test(v) || v.endsWith('\\') || /\\0[adg]/i.test(v);

const TEMPLATE = 'CN={{DeviceName}},OU={{SerialNumber}}+UID={{DeviceId}},O=Static\\, Inc.';

describe('renderSubject with arbitrary user and device values (fast-check)', () => {
  it('ok/the DN string reads back, via our parser and @peculiar/x509, to exactly the intended RDNs', () => {
    fc.assert(
      fc.property(VALUE, VALUE, VALUE, (name, serial, id) => {
        const values = [name, serial, id];
        let rendered: ReturnType<typeof renderSubject>;
        try {
          rendered = renderSubject(TEMPLATE, { device: { name, serialNumber: serial, id } });
        } catch (e) {
          // Refusals are allowed only for the documented reasons, never to hide an escaping bug.
          expect(e).toBeInstanceOf(TemplateError);
          const code = (e as TemplateError).code;
          if (code === 'emptyValue') expect(values.some((v) => v.trim() === '')).toBe(true);
          else {
            expect(code).toBe('invalidValue');
            expect(values.some(unrepresentable)).toBe(true);
          }
          return;
        }
        const intended: Rdn[] = [
          [{ oid: '2.5.4.3', name: 'CN', value: name }],
          [
            { oid: '2.5.4.11', name: 'OU', value: serial },
            { oid: '0.9.2342.19200300.100.1.1', name: 'UID', value: id },
          ],
          [{ oid: '2.5.4.10', name: 'O', value: 'Static, Inc.' }],
        ];
        expect(rendered.rdns).toEqual(intended);
        expect(parseDn(rendered.dn)).toEqual(intended);
        const encoded = new Uint8Array(new x509.Name(rendered.dn).toArrayBuffer());
        expect(compareSubjects(intended, encoded)).toEqual({ equal: true, differences: [] });
      }),
      { numRuns: 3000 },
    );
  });

  it('ok/every non-blank value that is not unrepresentable renders as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }), (v) => {
        fc.pre(v.trim() !== '' && !unrepresentable(v));
        expect(renderSubject('CN={{DeviceName}}', { device: { name: v } }).rdns[0][0].value).toBe(v);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parsers on arbitrary input (fast-check)', () => {
  const DN_CHARS = fc.string({ unit: fc.constantFrom('C', 'N', 'O', 'U', '=', ',', '+', '\\', '"', '#', ' ', 'a', '0', 'f', ';', '.', '1', '{', '}'), maxLength: 30 });

  it('ok/parseDn returns RDNs that format and parse back, or throws TemplateError, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(DN_CHARS, fc.string({ unit: 'binary', maxLength: 30 })), (dn) => {
        try {
          const rdns = parseDn(dn);
          expect(parseDn(formatDn(rdns))).toEqual(rdns);
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('ok/renderSubject on arbitrary templates renders or throws TemplateError, nothing else', () => {
    const TEMPLATE_CHARS = fc.string({ unit: fc.constantFrom('CN=', 'OU=', '{{', '}}', 'UserName', 'OnPrem_Distinguished_Name', 'Nope', ',', '+', '\\', ' ', 'x', '#', '{', '}'), maxLength: 12 });
    fc.assert(
      fc.property(TEMPLATE_CHARS, (template) => {
        try {
          const r = renderSubject(template, JANE);
          expect(parseDn(r.dn)).toEqual(r.rdns);
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
