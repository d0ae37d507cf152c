import type { RouteObject } from 'react-router-dom';
import { AccountsPage } from '../../../features/accounts/components/AccountsPage';
import { AuditPage } from '../../../features/audit/components/AuditPage';
import { ConnectorsPage } from '../../../features/connectors/components/ConnectorsPage';
import { DeviceDetailPage } from '../../../features/devices/components/DeviceDetailPage';
import { DevicesPage } from '../../../features/devices/components/DevicesPage';
import { GroupDetailPage } from '../../../features/directory/components/GroupDetailPage';
import { GroupsPage } from '../../../features/directory/components/GroupsPage';
import { UserDetailPage } from '../../../features/directory/components/UserDetailPage';
import { UsersPage } from '../../../features/directory/components/UsersPage';
import { ImportedCertificatesSection } from '../../../features/pfx-import/components/ImportedCertificatesSection';
import { EnrollmentTokensPage } from '../../../features/enrollment/components/EnrollmentTokensPage';
import { CreateProfileWizard } from '../../../features/profiles/components/CreateProfileWizard';
import { ProfileDetailPage } from '../../../features/profiles/components/ProfileDetailPage';
import { ProfilesPage } from '../../../features/profiles/components/ProfilesPage';
import { PkcsRequestDetailPage } from '../../../features/pkcs-requests/components/PkcsRequestDetailPage';
import { PkcsRequestsPage } from '../../../features/pkcs-requests/components/PkcsRequestsPage';

/** The pages of the directory, devices, profiles, connectors and audit sections (children of the console root). */
export const featureRoutes: RouteObject[] = [
  { path: 'devices', element: <DevicesPage /> },
  { path: 'devices/:id', element: <DeviceDetailPage /> },
  { path: 'enrollment-tokens', element: <EnrollmentTokensPage /> },
  { path: 'profiles', element: <ProfilesPage /> },
  { path: 'profiles/new', element: <CreateProfileWizard /> },
  { path: 'profiles/:id', element: <ProfileDetailPage /> },
  { path: 'pkcs-requests', element: <PkcsRequestsPage /> },
  { path: 'pkcs-requests/:id', element: <PkcsRequestDetailPage /> },
  { path: 'users', element: <UsersPage /> },
  // The user page of the directory, with the imported certificates (a feature of its own) below it.
  { path: 'users/:id', element: <><UserDetailPage /><ImportedCertificatesSection /></> },
  { path: 'groups', element: <GroupsPage /> },
  { path: 'groups/:id', element: <GroupDetailPage /> },
  { path: 'connectors', element: <ConnectorsPage /> },
  { path: 'audit', element: <AuditPage /> },
  { path: 'accounts', element: <AccountsPage /> },
];
