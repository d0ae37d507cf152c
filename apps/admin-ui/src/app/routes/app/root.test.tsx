import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, json, mockApi, noContent, problem } from '../../../testing/api-mock';
import { aUser, unauthorized } from '../../../testing/data';
import { renderApp } from '../../../testing/render-app';

const NAV = [
  ['Home', '/'],
  ['Devices', '/devices'],
  ['Profiles', '/profiles'],
  ['Users', '/users'],
  ['Groups', '/groups'],
  ['Certificate authorities', '/certificate-authorities'],
  ['Connectors', '/connectors'],
  ['PKCS requests', '/pkcs-requests'],
  ['Reports', '/reports'],
  ['Security', '/security'],
  ['Audit', '/audit'],
] as const;

function signedInAs(user = aUser()) {
  return mockApi({
    'GET /api/auth/me': () => json(200, { user }),
    'GET /api/platform/health': () => json(200, { services: [] }),
    'POST /api/auth/logout': () => noContent(),
    'GET /api/devices': () => json(200, { items: [], total: 0, page: 1, pageSize: 25 }),
    'GET /api/connectors': () => json(200, { items: [], total: 0, page: 1, pageSize: 25 }),
    'GET /api/connector-registration-tokens': () => json(200, { items: [], total: 0, page: 1, pageSize: 10 }),
  });
}

/** Sections not built yet show what they will hold. */
const PLACEHOLDERS = NAV.filter(([, path]) => ['/reports', '/security'].includes(path));

describe('console layout', () => {
  it("shows the signed-in user's name and role label", async () => {
    signedInAs(aUser({ displayName: 'Megan Bowen', role: 'operator' }));
    renderApp('/');

    const banner = await screen.findByRole('banner');
    expect(within(banner).getByText('Megan Bowen')).toBeTruthy();
    expect(within(banner).getByText('Read-only operator')).toBeTruthy();
    expect(within(banner).getByText('certlab')).toBeTruthy();
  });

  it('has the eleven sections in the main navigation', async () => {
    signedInAs();
    renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual(NAV);
  });

  it('highlights the section being shown', async () => {
    signedInAs();
    renderApp('/connectors');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const active = within(nav).getByRole('link', { current: 'page' });
    expect(active.textContent).toBe('Connectors');
    expect(active.classList).toContain('sidenav__link--active');
    expect(within(nav).getByRole('link', { name: 'Home' }).classList).not.toContain('sidenav__link--active');
  });

  it.each(PLACEHOLDERS)('%s has its heading and an empty state', async (label, path) => {
    signedInAs();
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: label })).toBeTruthy();
    expect(screen.getByText(/not connected to the cloud yet/)).toBeTruthy();
  });

  it('tells how devices get here', async () => {
    signedInAs();
    renderApp('/devices');

    expect(await screen.findByText(/No devices match\. Devices appear when they enroll/)).toBeTruthy();
  });

  it('signs out and goes to the sign-in page', async () => {
    const fetchMock = signedInAs();
    const { user, router } = renderApp('/devices');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    await screen.findByRole('button', { name: 'Sign in' });
    expect(callsTo(fetchMock, 'POST /api/auth/logout')).toHaveLength(1);
    expect(router.state.location.pathname).toBe('/login');
  });
});

describe('route guard', () => {
  it('redirects to /login when the cloud answers 401, remembering the page', async () => {
    mockApi({ 'GET /api/auth/me': () => problem(401, unauthorized.title, unauthorized.detail) });
    const { router } = renderApp('/certificate-authorities');

    await screen.findByRole('button', { name: 'Sign in' });
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?redirectTo=%2Fcertificate-authorities');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('shows the error and a retry when the cloud cannot be reached', async () => {
    mockApi({ 'GET /api/auth/me': () => problem(503, 'Service Unavailable') });
    const { router } = renderApp('/');

    expect((await screen.findByRole('alert')).textContent).toContain('Service Unavailable');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
  });
});
