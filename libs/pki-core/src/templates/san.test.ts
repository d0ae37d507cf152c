import { describe, expect, it } from 'vitest';
import { TemplateError, type TemplateErrorCode } from './errors';
import { JANE } from './fixtures';
import { renderSans, type SanTemplate } from './san';
import type { TemplateContext } from './variables';

describe('renderSans', () => {
  it('ok/UPN, e-mail, DNS and the strong-mapping URI render in order', () => {
    const sut = renderSans(
      [
        { type: 'upn', template: '{{UserPrincipalName}}' },
        { type: 'email', template: '{{EmailAddress}}' },
        { type: 'dns', template: '{{DeviceName}}.corp.contoso.com' },
        { type: 'dns', template: '{{FullyQualifiedDomainName}}' },
        { type: 'uri', template: 'tag:microsoft.com,2022-09-14:sid:{{OnPremisesSecurityIdentifier}}' },
      ],
      JANE,
    );
    expect(sut).toEqual([
      { type: 'upn', value: 'jane.doe@contoso.com' },
      { type: 'email', value: 'Jane.Doe@contoso.com' },
      { type: 'dns', value: 'JANE-LAPTOP.corp.contoso.com' },
      { type: 'dns', value: 'jane-laptop.corp.contoso.com' },
      { type: 'uri', value: 'tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-1001' },
    ]);
  });

  it('ok/SAN values are not DN-escaped', () => {
    expect(renderSans([{ type: 'uri', template: 'urn:x:{{DeviceName}}' }], { device: { name: 'a,b+c' } })).toEqual([
      { type: 'uri', value: 'urn:x:a,b+c' },
    ]);
  });

  const FAIL: { name: string; san: SanTemplate; context?: TemplateContext; code: TemplateErrorCode }[] = [
    { name: 'a user without e-mail', san: { type: 'email', template: '{{EmailAddress}}' }, context: { user: { userPrincipalName: 'a@b' } }, code: 'emptyValue' },
    { name: 'a DNS name with a space', san: { type: 'dns', template: '{{DeviceName}}' }, context: { device: { name: 'Jane Laptop' } }, code: 'invalidValue' },
    { name: 'an e-mail without @', san: { type: 'email', template: '{{UserName}}' }, code: 'invalidValue' },
    { name: 'a URI without a scheme', san: { type: 'uri', template: '{{DeviceName}}' }, code: 'invalidValue' },
    { name: 'an unknown variable', san: { type: 'dns', template: '{{Hostname}}' }, code: 'unknownVariable' },
    { name: 'unbalanced braces', san: { type: 'dns', template: '{{DeviceName}.x' }, code: 'malformedTemplate' },
    { name: 'an unknown SAN type', san: { type: 'ip' as 'dns', template: '10.0.0.1' }, code: 'malformedTemplate' },
  ];
  for (const c of FAIL) {
    it(`fail/${c.name} is TemplateError ${c.code}`, () => {
      let error: unknown;
      try {
        renderSans([c.san], c.context ?? JANE);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).code).toBe(c.code);
    });
  }
});
