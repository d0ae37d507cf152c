/**
 * The Intune certificate-profile variables (Microsoft Learn, "Create and assign SCEP certificate
 * profiles" and "Configure and use PKCS certificates": subject name format and SAN). Intune
 * matches them case-insensitively; `{{SERIALNUMBER}}` and `{{SerialNumber}}` are one variable.
 */

export interface TemplateUser {
  userPrincipalName?: string;
  email?: string;
  /** Entra ID object id. */
  id?: string;
  /** Synced from AD by Entra Connect, e.g. `CN=Jane Doe,OU=Users,DC=corp,DC=contoso,DC=com`. */
  onPremisesDistinguishedName?: string;
  onPremisesSamAccountName?: string;
  /** The AD SID, for the strong-mapping SAN URI `tag:microsoft.com,2022-09-14:sid:<SID>`. */
  onPremisesSecurityIdentifier?: string;
}

export interface TemplateDevice {
  /** Intune device id. */
  id?: string;
  /** Entra ID (Azure AD) device id. */
  aadDeviceId?: string;
  name?: string;
  serialNumber?: string;
  imei?: string;
  meid?: string;
  wifiMacAddress?: string;
  ethernetMacAddress?: string;
  /** Windows, domain-joined devices only. */
  fullyQualifiedDomainName?: string;
}

export interface TemplateContext {
  user?: TemplateUser;
  device?: TemplateDevice;
}

/** `dn` values are a whole distinguished name (inserted as RDNs), `text` values a single string. */
export const TEMPLATE_VARIABLES = {
  UserPrincipalName: { entity: 'user', kind: 'text', description: 'the user principal name, e.g. janedoe@contoso.com', read: (c: TemplateContext) => c.user?.userPrincipalName },
  UserName: { entity: 'user', kind: 'text', description: 'the part of the UPN before @, e.g. janedoe', read: (c: TemplateContext) => c.user?.userPrincipalName?.split('@')[0] },
  EmailAddress: { entity: 'user', kind: 'text', description: 'the user\'s e-mail address', read: (c: TemplateContext) => c.user?.email },
  UserId: { entity: 'user', kind: 'text', description: 'the user\'s Entra ID object id', read: (c: TemplateContext) => c.user?.id },
  OnPrem_Distinguished_Name: { entity: 'user', kind: 'dn', description: 'the on-premises AD distinguished name synced by Entra Connect', read: (c: TemplateContext) => c.user?.onPremisesDistinguishedName },
  OnPremisesSamAccountName: { entity: 'user', kind: 'text', description: 'the on-premises sAMAccountName synced by Entra Connect', read: (c: TemplateContext) => c.user?.onPremisesSamAccountName },
  OnPremisesSecurityIdentifier: { entity: 'user', kind: 'text', description: 'the on-premises SID, for the strong-mapping SAN URI', read: (c: TemplateContext) => c.user?.onPremisesSecurityIdentifier },
  DeviceId: { entity: 'device', kind: 'text', description: 'the Intune device id', read: (c: TemplateContext) => c.device?.id },
  AAD_Device_ID: { entity: 'device', kind: 'text', description: 'the Entra ID device id', read: (c: TemplateContext) => c.device?.aadDeviceId },
  DeviceName: { entity: 'device', kind: 'text', description: 'the device name', read: (c: TemplateContext) => c.device?.name },
  SerialNumber: { entity: 'device', kind: 'text', description: 'the manufacturer serial number', read: (c: TemplateContext) => c.device?.serialNumber },
  Device_Serial: { entity: 'device', kind: 'text', description: 'the manufacturer serial number (older spelling)', read: (c: TemplateContext) => c.device?.serialNumber },
  IMEI: { entity: 'device', kind: 'text', description: 'the IMEI of a phone', read: (c: TemplateContext) => c.device?.imei },
  IMEINumber: { entity: 'device', kind: 'text', description: 'the IMEI of a phone (other spelling)', read: (c: TemplateContext) => c.device?.imei },
  Device_IMEI: { entity: 'device', kind: 'text', description: 'the IMEI of a phone (older spelling)', read: (c: TemplateContext) => c.device?.imei },
  MEID: { entity: 'device', kind: 'text', description: 'the MEID of a CDMA phone', read: (c: TemplateContext) => c.device?.meid },
  WiFiMacAddress: { entity: 'device', kind: 'text', description: 'the Wi-Fi MAC address', read: (c: TemplateContext) => c.device?.wifiMacAddress },
  EthernetMacAddress: { entity: 'device', kind: 'text', description: 'the Ethernet MAC address', read: (c: TemplateContext) => c.device?.ethernetMacAddress },
  FullyQualifiedDomainName: { entity: 'device', kind: 'text', description: 'the device FQDN (Windows, domain-joined only)', read: (c: TemplateContext) => c.device?.fullyQualifiedDomainName },
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

const BY_LOWER = new Map<string, TemplateVariable>(
  (Object.keys(TEMPLATE_VARIABLES) as TemplateVariable[]).map((name) => [name.toLowerCase(), name]),
);

/** The canonical name of a variable written in any case, or undefined if Intune has none. */
export function findVariable(name: string): TemplateVariable | undefined {
  return BY_LOWER.get(name.toLowerCase());
}
