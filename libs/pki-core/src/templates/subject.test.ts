import { describe, expect, it } from 'vitest';
import { x509 } from '../crypto-provider';
import { compareSubjects } from './compare';
import { TemplateError, type TemplateErrorCode } from './errors';
import { JANE } from './fixtures';
import { parseDn, renderSubject } from './subject';
import type { TemplateContext } from './variables';

type Expected = [string, string][][];
const rdnsOf = (r: ReturnType<typeof renderSubject>): Expected => r.rdns.map((rdn) => rdn.map((a) => [a.name, a.value]));

const OK: { name: string; template: string; context?: TemplateContext; dn: string; rdns: Expected }[] = [
  {
    name: 'CN, E and a static OU',
    template: 'CN={{UserName}},E={{EmailAddress}},OU=Sales',
    dn: 'CN=jane.doe,E=Jane.Doe@contoso.com,OU=Sales',
    rdns: [[['CN', 'jane.doe']], [['E', 'Jane.Doe@contoso.com']], [['OU', 'Sales']]],
  },
  {
    name: 'variables match case-insensitively, as Intune does',
    template: 'CN={{username}},SERIALNUMBER={{SERIALNUMBER}}',
    dn: 'CN=jane.doe,2.5.4.5=C02XK1ABCD',
    rdns: [[['CN', 'jane.doe']], [['SERIALNUMBER', 'C02XK1ABCD']]],
  },
  {
    name: 'spaces around names, "=" and "," are not part of values',
    template: ' CN = {{ UserPrincipalName }} , O=Contoso ',
    dn: 'CN=jane.doe@contoso.com,O=Contoso',
    rdns: [[['CN', 'jane.doe@contoso.com']], [['O', 'Contoso']]],
  },
  {
    name: '{{OnPrem_Distinguished_Name}} alone is inserted as RDNs',
    template: '{{OnPrem_Distinguished_Name}}',
    dn: 'CN=Doe\\, Jane,OU=Sales,DC=corp,DC=contoso,DC=com',
    rdns: [[['CN', 'Doe, Jane']], [['OU', 'Sales']], [['DC', 'corp']], [['DC', 'contoso']], [['DC', 'com']]],
  },
  {
    name: '{{OnPrem_Distinguished_Name}} after other RDNs',
    template: 'E={{EmailAddress}}, {{OnPrem_Distinguished_Name}}',
    dn: 'E=Jane.Doe@contoso.com,CN=Doe\\, Jane,OU=Sales,DC=corp,DC=contoso,DC=com',
    rdns: [[['E', 'Jane.Doe@contoso.com']], [['CN', 'Doe, Jane']], [['OU', 'Sales']], [['DC', 'corp']], [['DC', 'contoso']], [['DC', 'com']]],
  },
  {
    name: '{{OnPrem_Distinguished_Name}} as a value is text, escaped, not RDNs',
    template: 'CN={{OnPrem_Distinguished_Name}}',
    dn: 'CN=CN=Doe\\\\\\, Jane\\,OU=Sales\\,DC=corp\\,DC=contoso\\,DC=com',
    rdns: [[['CN', 'CN=Doe\\, Jane,OU=Sales,DC=corp,DC=contoso,DC=com']]],
  },
  {
    name: 'static text around and between variables',
    template: 'CN=User {{UserName}} on {{DeviceName}}',
    dn: 'CN=User jane.doe on JANE-LAPTOP',
    rdns: [[['CN', 'User jane.doe on JANE-LAPTOP']]],
  },
  {
    name: 'every allowed attribute type and alias',
    template: 'EMAIL={{EmailAddress}},S=Bavaria,GN=Jane,SN=Doe,T=Engineer,STREET=1 Main St,UID={{OnPremisesSamAccountName}},L=Munich,C=DE,DC=corp,G=J,E=x@y,ST=BY',
    dn: 'E=Jane.Doe@contoso.com,ST=Bavaria,G=Jane,SN=Doe,T=Engineer,2.5.4.9=1 Main St,0.9.2342.19200300.100.1.1=jdoe,L=Munich,C=DE,DC=corp,G=J,E=x@y,ST=BY',
    rdns: [[['E', 'Jane.Doe@contoso.com']], [['ST', 'Bavaria']], [['G', 'Jane']], [['SN', 'Doe']], [['T', 'Engineer']], [['STREET', '1 Main St']], [['UID', 'jdoe']], [['L', 'Munich']], [['C', 'DE']], [['DC', 'corp']], [['G', 'J']], [['E', 'x@y']], [['ST', 'BY']]],
  },
  {
    name: 'a multi-valued RDN',
    template: 'CN={{DeviceName}}+UID={{DeviceId}},O=Contoso',
    dn: 'CN=JANE-LAPTOP+0.9.2342.19200300.100.1.1=9d1b6f0e-intune,O=Contoso',
    rdns: [[['CN', 'JANE-LAPTOP'], ['UID', '9d1b6f0e-intune']], [['O', 'Contoso']]],
  },
  {
    name: 'escapes in the static text are read (RFC 4514 specials and UTF-8 hex pairs)',
    template: 'CN={{UserName}},O=Contoso\\, Ltd.,OU=M\\c3\\bcller \\+ Co',
    dn: 'CN=jane.doe,O=Contoso\\, Ltd.,OU=Müller \\+ Co',
    rdns: [[['CN', 'jane.doe']], [['O', 'Contoso, Ltd.']], [['OU', 'Müller + Co']]],
  },
  {
    name: 'hostile user data is escaped and stays one value',
    template: 'CN={{DeviceName}},O=Contoso',
    context: { device: { name: '#evil, O=Admins+CN="x"<y>;z\\ ' } },
    dn: 'CN=\\#evil\\, O=Admins\\+CN=\\"x\\"\\<y\\>\\;z\\\\\\ ,O=Contoso',
    rdns: [[['CN', '#evil, O=Admins+CN="x"<y>;z\\ ']], [['O', 'Contoso']]],
  },
  {
    name: 'leading and trailing spaces of a value are kept, escaped',
    template: 'CN={{DeviceName}}',
    context: { device: { name: ' padded ' } },
    dn: 'CN=\\ padded\\ ',
    rdns: [[['CN', ' padded ']]],
  },
];

const FAIL: { name: string; template: string; context?: TemplateContext; code: TemplateErrorCode; detail?: RegExp }[] = [
  { name: 'an unknown variable', template: 'CN={{FavoriteColor}}', code: 'unknownVariable', detail: /FavoriteColor/ },
  { name: 'a device without a serial number', template: 'CN={{SerialNumber}}', context: { device: { name: 'x' } }, code: 'emptyValue', detail: /SerialNumber.*device/ },
  { name: 'no user for a user variable', template: 'CN={{UserName}}', context: { device: JANE.device }, code: 'emptyValue', detail: /UserName/ },
  { name: 'a whitespace-only value', template: 'CN={{DeviceName}}', context: { device: { name: '   ' } }, code: 'emptyValue' },
  { name: 'an empty static value', template: 'CN=,O=x', code: 'emptyValue' },
  { name: '"{{" without "}}"', template: 'CN={{UserName}', code: 'malformedTemplate' },
  { name: '"}}" without "{{"', template: 'CN=UserName}}', code: 'malformedTemplate' },
  { name: 'three braces', template: 'CN={{{UserName}}}', code: 'malformedTemplate' },
  { name: 'a space inside a variable name', template: 'CN={{User Name}}', code: 'malformedTemplate' },
  { name: 'a trailing comma', template: 'CN={{UserName}},', code: 'malformedTemplate' },
  { name: 'a type without "="', template: 'CN', code: 'malformedTemplate' },
  { name: 'an empty template', template: '', code: 'malformedTemplate' },
  { name: 'a text variable where a DN is expected', template: '{{UserName}}', code: 'malformedTemplate', detail: /CN=\{\{UserName\}\}/ },
  { name: 'a variable as attribute type', template: '{{UserName}}=x', code: 'malformedTemplate' },
  { name: 'an unescaped ";"', template: 'CN=a;O=b', code: 'malformedTemplate' },
  { name: 'a BER #hex value', template: 'CN=#0403616263', code: 'malformedTemplate' },
  { name: 'a bad escape', template: 'CN=a\\q', code: 'malformedTemplate' },
  { name: 'the on-premises DN inside a multi-valued RDN', template: 'CN=a+{{OnPrem_Distinguished_Name}}', code: 'malformedTemplate' },
  { name: 'an unknown attribute type', template: 'XYZ={{UserName}}', code: 'unknownAttribute', detail: /XYZ/ },
  { name: 'an unknown attribute OID', template: '1.2.3.4=x', code: 'unknownAttribute' },
  { name: 'a control character in a device name', template: 'CN={{DeviceName}}', context: { device: { name: 'JANE\nLAPTOP' } }, code: 'invalidValue' },
  { name: 'a country that is not two letters', template: 'C=Germany', code: 'invalidValue' },
  { name: 'an on-premises DN that is not a DN', template: '{{OnPrem_Distinguished_Name}}', context: { user: { onPremisesDistinguishedName: 'not a dn' } }, code: 'invalidValue' },
  { name: 'an on-premises DN with an unknown type', template: '{{OnPrem_Distinguished_Name}}', context: { user: { onPremisesDistinguishedName: 'CN=x,FOO=y' } }, code: 'invalidValue' },
  { name: 'a value ending in a backslash (@peculiar/x509 cannot read it back)', template: 'CN={{DeviceName}}', context: { device: { name: 'ends\\' } }, code: 'invalidValue' },
  { name: 'a value holding backslash-0a (@peculiar/x509 reads it as a newline)', template: 'CN={{DeviceName}}', context: { device: { name: 'C:\\0ad' } }, code: 'invalidValue' },
];

describe('renderSubject', () => {
  for (const c of OK) {
    it(`ok/${c.name}`, () => {
      const sut = renderSubject(c.template, c.context ?? JANE);
      expect(sut.dn).toBe(c.dn);
      expect(rdnsOf(sut)).toEqual(c.rdns);
      // The DN string reads back to the same RDNs through our parser and @peculiar/x509's.
      expect(parseDn(sut.dn)).toEqual(sut.rdns);
      const name = new x509.Name(sut.dn);
      expect(compareSubjects(sut.rdns, new Uint8Array(name.toArrayBuffer()))).toEqual({ equal: true, differences: [] });
    });
  }

  for (const c of FAIL) {
    it(`fail/${c.name} is TemplateError ${c.code}`, () => {
      let error: unknown;
      try {
        renderSubject(c.template, c.context ?? JANE);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).code).toBe(c.code);
      if (c.detail) expect((error as TemplateError).detail).toMatch(c.detail);
    });
  }

  it('ok/the result is frozen', () => {
    const sut = renderSubject('CN={{UserName}}', JANE);
    expect(Object.isFrozen(sut)).toBe(true);
    expect(Object.isFrozen(sut.rdns)).toBe(true);
  });
});
