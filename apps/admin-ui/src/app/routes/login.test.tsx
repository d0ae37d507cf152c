import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, deferred, json, mockApi, problem } from '../../testing/api-mock';
import { aUser, unauthorized } from '../../testing/data';
import { renderApp } from '../../testing/render-app';

const signedInAfterLogin = () => {
  let signedIn = false;
  return mockApi({
    'POST /api/auth/login': () => {
      signedIn = true;
      return json(200, { user: aUser() });
    },
    'GET /api/auth/me': () => (signedIn ? json(200, { user: aUser() }) : problem(401, unauthorized.title)),
    'GET /api/platform/health': () => json(200, { services: [] }),
  });
};

describe('sign-in page', () => {
  it('shows the product name and labelled fields', () => {
    mockApi({});
    renderApp('/login');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('certlab');
    expect(screen.getByLabelText('Username')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('shows the problem in an alert when the cloud answers 401', async () => {
    const fetchMock = mockApi({
      'POST /api/auth/login': () => problem(401, 'Invalid username or password', 'The username or password is wrong.'),
    });
    const { user, router } = renderApp('/login');

    await user.type(screen.getByLabelText('Username'), 'adele');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Invalid username or password');
    expect(alert.textContent).toContain('The username or password is wrong.');
    expect(router.state.location.pathname).toBe('/login');
    expect(callsTo(fetchMock, 'POST /api/auth/login')[0][1]!.body).toBe(
      JSON.stringify({ username: 'adele', password: 'wrong' }),
    );
    expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('');
  });

  it('disables the button while signing in', async () => {
    const answer = deferred<Response>();
    mockApi({ 'POST /api/auth/login': () => answer.promise });
    const { user } = renderApp('/login');

    await user.type(screen.getByLabelText('Username'), 'adele');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' });
    expect(button.disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Signing in…');

    answer.resolve(problem(401, 'Invalid username or password'));
    await waitFor(() => expect(button.disabled).toBe(false));
  });

  it('goes to Home after signing in', async () => {
    signedInAfterLogin();
    const { user, router } = renderApp('/login');

    await user.type(screen.getByLabelText('Username'), 'adele');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { level: 1, name: 'Home' });
    expect(router.state.location.pathname).toBe('/');
  });

  it('goes to the page the user asked for after signing in', async () => {
    signedInAfterLogin();
    const { user, router } = renderApp('/login?redirectTo=%2Fprofiles%3Fview%3Dscep');

    await user.type(screen.getByLabelText('Username'), 'adele');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { level: 1, name: 'Profiles' });
    expect(router.state.location.pathname).toBe('/profiles');
    expect(router.state.location.search).toBe('?view=scep');
  });

  it('says what is missing without asking the cloud', async () => {
    const fetchMock = mockApi({});
    const { user } = renderApp('/login');

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByText('Username is required')).toBeTruthy();
    expect(screen.getByText('Password is required')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
