import type { RouteObject } from 'react-router-dom';
import { SECTIONS } from '../config/sections';
import { CertificateAuthoritiesRoute } from './routes/app/certificate-authorities';
import { HomeRoute } from './routes/app/home';
import { NotFoundRoute } from './routes/app/not-found';
import { featureRoutes } from './routes/app/feature-routes';
import { AppRoot } from './routes/app/root';
import { SectionRoute } from './routes/app/section';
import { RouteErrorBoundary } from './routes/error';
import { LoginRoute } from './routes/login';

/** The console's route table; `createBrowserRouter` in the app, `createMemoryRouter` in tests. */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginRoute />, errorElement: <RouteErrorBoundary /> },
  {
    path: '/',
    element: <AppRoot />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <HomeRoute /> },
      ...featureRoutes,
      { path: 'certificate-authorities', element: <CertificateAuthoritiesRoute /> },
      ...SECTIONS.filter((section) => 'emptyText' in section).map((section) => ({
        path: section.path.slice(1),
        element: <SectionRoute title={section.label} emptyTitle={section.emptyTitle} emptyText={section.emptyText} />,
      })),
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
