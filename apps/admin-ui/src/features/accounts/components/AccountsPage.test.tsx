import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, json, mockApi, problem } from '../../../testing/api-mock';
import { aUser } from '../../../testing/data';
import { renderApp } from '../../../testing/render-app';

const ADMIN = { id: '11111111-1111-4111-8111-111111111111', username: 'admin', displayName: 'certlab Administrator', role: 'administrator', disabled: false, createdAt: '2026-01-01T00:00:00.000Z', lastSignInAt: null };

describe('console accounts page', () => {
  it('creates an operator and shows the cloud’s refusal to demote the last administrator', async () => {
    const fetchMock = mockApi({
      'GET /api/auth/me': () => json(200, { user: aUser() }),
      'GET /api/accounts': () => json(200, { items: [ADMIN], total: 1, page: 1, pageSize: 25 }),
      'POST /api/accounts': ({ body }) => json(201, { ...ADMIN, ...(body as object), id: '22222222-2222-4222-8222-222222222222' }),
      'PATCH /api/accounts/11111111-1111-4111-8111-111111111111': () =>
        problem(409, 'The last active administrator cannot be disabled or demoted', 'admin is the only active administrator; make another one first.'),
    });
    const { user } = renderApp('/accounts');

    await user.click(await screen.findByRole('button', { name: 'New account' }));
    await user.type(screen.getByLabelText('Username'), 'olga');
    await user.type(screen.getByLabelText('Display name'), 'Olga Operator');
    await user.type(screen.getByLabelText(/Password/), 'operator password 12');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('button', { name: 'New account' });
    const [created] = callsTo(fetchMock, 'POST /api/accounts');
    expect(JSON.parse(String(created![1]!.body))).toEqual({ username: 'olga', displayName: 'Olga Operator', role: 'operator', password: 'operator password 12' });

    await user.selectOptions(screen.getByLabelText('Role of admin'), 'operator');
    expect((await screen.findByRole('alert')).textContent).toContain('The last active administrator cannot be disabled or demoted');
  });
});
