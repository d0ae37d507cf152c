import { describe, expect, it } from 'vitest';
import { JANE } from './fixtures';
import { renderSubject } from './subject';
import { findVariable, TEMPLATE_VARIABLES, type TemplateVariable } from './variables';

const EXPECTED: Record<TemplateVariable, string> = {
  UserPrincipalName: 'jane.doe@contoso.com',
  UserName: 'jane.doe',
  EmailAddress: 'Jane.Doe@contoso.com',
  UserId: '3f2c9a51-6c1e-4b0e-9d55-0c7e1a2b3c4d',
  OnPrem_Distinguished_Name: 'CN=Doe\\, Jane,OU=Sales,DC=corp,DC=contoso,DC=com',
  OnPremisesSamAccountName: 'jdoe',
  OnPremisesSecurityIdentifier: 'S-1-5-21-1004336348-1177238915-682003330-1001',
  DeviceId: '9d1b6f0e-intune',
  AAD_Device_ID: 'a1b2c3d4-aad',
  DeviceName: 'JANE-LAPTOP',
  SerialNumber: 'C02XK1ABCD',
  Device_Serial: 'C02XK1ABCD',
  IMEI: '356938035643809',
  IMEINumber: '356938035643809',
  Device_IMEI: '356938035643809',
  MEID: 'A0000000002329',
  WiFiMacAddress: '00:11:22:33:44:55',
  EthernetMacAddress: '66:77:88:99:AA:BB',
  FullyQualifiedDomainName: 'jane-laptop.corp.contoso.com',
};

describe('TEMPLATE_VARIABLES', () => {
  for (const name of Object.keys(TEMPLATE_VARIABLES) as TemplateVariable[]) {
    it(`ok/{{${name}}} comes from the ${TEMPLATE_VARIABLES[name].entity}, is found in any case and renders`, () => {
      const v = TEMPLATE_VARIABLES[name];
      expect(['user', 'device']).toContain(v.entity);
      expect(v.description.length).toBeGreaterThan(5);
      expect(findVariable(name.toUpperCase())).toBe(name);
      expect(findVariable(name.toLowerCase())).toBe(name);
      expect(v.read(JANE)).toBe(EXPECTED[name]);
      // A text variable as a CN value reads back as itself (escaped in the DN string as needed).
      expect(renderSubject(`CN={{${name}}}`, JANE).rdns[0][0].value).toBe(EXPECTED[name]);
    });
  }

  it('ok/user variables read nothing from the device and device variables nothing from the user', () => {
    for (const [name, v] of Object.entries(TEMPLATE_VARIABLES)) {
      const other = v.entity === 'user' ? { device: JANE.device } : { user: JANE.user };
      expect(v.read(other), name).toBeUndefined();
    }
  });
});
