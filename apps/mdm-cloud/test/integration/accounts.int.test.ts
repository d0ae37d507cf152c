import { createTestDatabase, type TestDatabase } from '@certlab/service-kit/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, type CloudUnderTest, startCloud } from '../support/cloud-under-test';

const ADMIN = { username: 'admin', password: 'accounts admin password 1' };
const OPERATOR = { username: 'olga', password: 'operator password 12' };

/** Console accounts and the read-only operator role, through the admin API on PostgreSQL. */
describe('console accounts and roles on PostgreSQL', () => {
  let db: TestDatabase;
  let cloud: CloudUnderTest;
  let admin: Browser;
  let operator: Browser;
  let operatorId = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'certlab-accounts-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    cloud = await startCloud({ DATABASE_URL: db.url, CERTLAB_DATA_DIR: dataDir, CERTLAB_ADMIN_PASSWORD: ADMIN.password, DEVICE_PORT: '0' });
    admin = new Browser(cloud.url);
    expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  });
  afterAll(async () => {
    await cloud?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an administrator creates an operator; the answer never carries the password or a hash', async () => {
    const res = await admin.request('POST', '/api/accounts', { ...OPERATOR, displayName: 'Olga Operator', role: 'operator' });
    expect(res.status).toBe(201);
    const body = await res.text();
    expect(body).not.toContain(OPERATOR.password);
    expect(body).not.toContain('argon2');
    operatorId = JSON.parse(body).id;
    expect(JSON.parse(body)).toMatchObject({ username: 'olga', role: 'operator', disabled: false });
    operator = new Browser(cloud.url);
    expect((await operator.signIn(OPERATOR.username, OPERATOR.password)).status).toBe(200);
  });

  it('refuses a short password and a taken username, creating nothing', async () => {
    expect((await admin.request('POST', '/api/accounts', { username: 'x', displayName: 'X', role: 'operator', password: 'short' })).status).toBe(400);
    const dup = await admin.request('POST', '/api/accounts', { username: 'OLGA', displayName: 'Dup', role: 'operator', password: 'another password 1' });
    expect(dup.status).toBe(409);
    expect((await (await admin.request('GET', '/api/accounts')).json()).total).toBe(2);
  });

  it.each([
    ['GET', '/api/directory/users'],
    ['GET', '/api/directory/groups'],
    ['GET', '/api/profiles'],
    ['GET', '/api/accounts'],
    ['GET', '/api/audit'],
  ])('an operator reads %s %s', async (method, path) => {
    expect((await operator.request(method, path)).status).toBe(200);
  });

  it.each([
    ['POST', '/api/directory/users', { userPrincipalName: 'eve@contoso.test', displayName: 'Eve' }],
    ['POST', '/api/directory/groups', { name: 'Operators were here' }],
    ['POST', '/api/directory/import', { format: 'csv', content: 'userPrincipalName,displayName\neve@contoso.test,Eve' }],
    ['POST', '/api/profiles', { name: 'x', type: 'trustedRoot', platforms: ['ios'], settings: { kind: 'upload', certificate: 'x' } }],
    ['POST', '/api/accounts', { username: 'eve', displayName: 'Eve', role: 'administrator', password: 'operator escalates 1' }],
    ['PATCH', '/api/accounts/00000000-0000-4000-8000-000000000000', { role: 'administrator' }],
  ])('an operator gets 403 on %s %s and nothing changes', async (method, path, body) => {
    const res = await operator.request(method, path, body);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'readOnlyRole' });
  });

  it('nothing an operator tried exists', async () => {
    expect((await (await admin.request('GET', '/api/directory/users?search=eve')).json()).total).toBe(0);
    expect((await (await admin.request('GET', '/api/directory/groups?search=Operators')).json()).total).toBe(0);
    expect((await (await admin.request('GET', '/api/accounts?search=eve')).json()).total).toBe(0);
  });

  it('the last active administrator cannot be disabled or demoted', async () => {
    const { items } = await (await admin.request('GET', '/api/accounts?role=administrator')).json();
    const res = await admin.request('PATCH', `/api/accounts/${items[0].id}`, { role: 'operator' });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('lastAdministrator');
  });

  it('disabling an account ends its session and refuses its sign-in', async () => {
    expect((await admin.request('PATCH', `/api/accounts/${operatorId}`, { disabled: true })).status).toBe(200);
    expect((await operator.request('GET', '/api/profiles')).status).toBe(401);
    expect((await new Browser(cloud.url).signIn(OPERATOR.username, OPERATOR.password)).status).toBe(401);
  });

  it('audits account changes with who and what, never the password', async () => {
    const { items } = await (await admin.request('GET', '/api/audit?action=account.update')).json();
    expect(items[0]).toMatchObject({ actor: 'admin', target: 'olga', details: { changed: ['disabled'], disabled: true } });
    const all = JSON.stringify((await (await admin.request('GET', '/api/audit?pageSize=200')).json()).items);
    expect(all).not.toContain(OPERATOR.password);
  });
});
