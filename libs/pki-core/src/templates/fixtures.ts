import type { TemplateContext } from './variables';

/** Test-only: one user and one device with every variable set, shared by the template tests. */
export const JANE: TemplateContext = {
  user: {
    userPrincipalName: 'jane.doe@contoso.com',
    email: 'Jane.Doe@contoso.com',
    id: '3f2c9a51-6c1e-4b0e-9d55-0c7e1a2b3c4d',
    onPremisesDistinguishedName: 'CN=Doe\\, Jane,OU=Sales,DC=corp,DC=contoso,DC=com',
    onPremisesSamAccountName: 'jdoe',
    onPremisesSecurityIdentifier: 'S-1-5-21-1004336348-1177238915-682003330-1001',
  },
  device: {
    id: '9d1b6f0e-intune',
    aadDeviceId: 'a1b2c3d4-aad',
    name: 'JANE-LAPTOP',
    serialNumber: 'C02XK1ABCD',
    imei: '356938035643809',
    meid: 'A0000000002329',
    wifiMacAddress: '00:11:22:33:44:55',
    ethernetMacAddress: '66:77:88:99:AA:BB',
    fullyQualifiedDomainName: 'jane-laptop.corp.contoso.com',
  },
};
