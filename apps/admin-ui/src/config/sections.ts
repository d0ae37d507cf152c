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
  {
    path: '/devices',
    label: 'Devices',
    icon: 'devices',
    emptyTitle: 'No devices yet',
    emptyText:
      'No devices have enrolled yet. Devices appear here when they enroll with a token, with their platform, last check-in and the certificates they hold.',
  },
  {
    path: '/profiles',
    label: 'Profiles',
    icon: 'profiles',
    emptyTitle: 'No certificate profiles yet',
    emptyText:
      'Trusted certificate, SCEP, PKCS and imported PKCS#12 profiles appear here once they are created, with their assignments and device and user status.',
  },
  {
    path: '/certificate-authorities',
    label: 'Certificate authorities',
    icon: 'authorities',
  },
  {
    path: '/connectors',
    label: 'Connectors',
    icon: 'connectors',
    emptyTitle: 'No connectors yet',
    emptyText:
      'No Certificate Connector has registered yet. A connector appears here after it registers with a one-time token, with its certificate, the CAs it serves and its last contact.',
  },
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
  {
    path: '/audit',
    label: 'Audit',
    icon: 'audit',
    emptyTitle: 'No audit events yet',
    emptyText:
      'Every admin action, issuance and revocation is listed here with who did it, what changed and when.',
  },
] as const satisfies readonly Section[];
