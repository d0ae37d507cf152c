import type { IconName } from '../components/Icon';

export interface Section {
  path: string;
  label: string;
  icon: IconName;
  /** For the sections not built yet: what the page will show, worded as its empty state. */
  emptyTitle?: string;
  emptyText?: string;
}

/**
 * The console's sections, in navigation order. The left navigation and the routes are both
 * derived from this table, so a section cannot be routed and missing from the menu (or the reverse).
 */
export const SECTIONS = [
  { path: '/', label: 'Home', icon: 'home' },
  { path: '/devices', label: 'Devices', icon: 'devices' },
  { path: '/profiles', label: 'Profiles', icon: 'profiles' },
  { path: '/users', label: 'Users', icon: 'users' },
  { path: '/groups', label: 'Groups', icon: 'groups' },
  {
    path: '/certificate-authorities',
    label: 'Certificate authorities',
    icon: 'authorities',
  },
  { path: '/connectors', label: 'Connectors', icon: 'connectors' },
  { path: '/pkcs-requests', label: 'PKCS requests', icon: 'reports' },
  {
    path: '/reports',
    label: 'Reports',
    icon: 'reports',
    emptyTitle: 'No reports yet',
    emptyText:
      'Reports of issued, renewed, expiring and revoked certificates per profile and per device appear here once devices receive certificates.',
  },
  {
    path: '/security',
    label: 'Security',
    icon: 'security',
    emptyTitle: 'No security scenarios run yet',
    emptyText:
      'The threat scenarios (stolen RA key, over-privileged connector, replayed challenge, lost device) appear here, each with what the system let through.',
  },
  { path: '/audit', label: 'Audit', icon: 'audit' },
] as const satisfies readonly Section[];
