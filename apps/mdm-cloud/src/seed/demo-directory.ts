import type { NewUser } from '../directory/directory.service';

/**
 * The demo tenant `npm start` creates on first start: a few users synced from an on-prem AD
 * (so the on-prem template variables have values) and groups to assign profiles to.
 */
const DOMAIN = 'certlab.test';
const person = (given: string, family: string, sam: string, ou: string): NewUser => ({
  userPrincipalName: `${sam}@${DOMAIN}`,
  displayName: `${given} ${family}`,
  email: `${given.toLowerCase()}.${family.toLowerCase()}@${DOMAIN}`,
  onPremisesSamAccountName: sam,
  onPremisesDistinguishedName: `CN=${given} ${family},OU=${ou},DC=certlab,DC=test`,
});

export const DEMO_USERS: NewUser[] = [
  person('Ada', 'Lovelace', 'alovelace', 'Engineering'),
  person('Alan', 'Turing', 'aturing', 'Engineering'),
  person('Grace', 'Hopper', 'ghopper', 'Engineering'),
  person('Radia', 'Perlman', 'rperlman', 'Network'),
  person('Barbara', 'Liskov', 'bliskov', 'Sales'),
  person('Edsger', 'Dijkstra', 'edijkstra', 'Sales'),
];

const upn = (sam: string) => `${sam}@${DOMAIN}`;

export const DEMO_GROUPS = [
  { name: 'All staff', description: 'Everyone in the tenant', members: DEMO_USERS.map((u) => u.userPrincipalName) },
  { name: 'Engineering', description: 'Wi-Fi and VPN certificates by SCEP', members: ['alovelace', 'aturing', 'ghopper'].map(upn) },
  { name: 'Sales', description: 'S/MIME by imported PKCS#12', members: ['bliskov', 'edijkstra'].map(upn) },
  { name: 'Network admins', description: 'PKCS certificates for the RADIUS admins', members: ['rperlman', 'ghopper'].map(upn) },
];
