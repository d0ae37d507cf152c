import { createTestDatabase, type TestDatabase } from '@certlab/service-kit/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, type CloudUnderTest, startCloud } from '../support/cloud-under-test';

const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

describe('console sign-in on PostgreSQL', () => {
  let db: TestDatabase;
  let cloud: CloudUnderTest;
  const dataDir = mkdtempSync(join(tmpdir(), 'certlab-cloud-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    cloud = await startCloud({ DATABASE_URL: db.url, CERTLAB_DATA_DIR: dataDir, CERTLAB_ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(async () => {
    await cloud?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const res = await new Browser(cloud.url).signIn(ADMIN.username, 'wrong');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toMatchObject({ code: 'invalidCredentials', title: 'Invalid username or password' });
  });

  it('refuses an unknown user the same way as a wrong password', async () => {
    const res = await new Browser(cloud.url).signIn('nobody', ADMIN.password);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'invalidCredentials' });
  });

  it('signs the admin in with an httpOnly, SameSite=Strict session cookie and answers /me', async () => {
    const browser = new Browser(cloud.url);
    const res = await browser.signIn(ADMIN.username, ADMIN.password);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { username: 'admin', displayName: 'certlab Administrator', role: 'administrator' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^certlab_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const me = await browser.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.username).toBe('admin');
  });

  it('keeps only a hash of the session token, never the token or the password', async () => {
    const browser = new Browser(cloud.url);
    const res = await browser.signIn(ADMIN.username, ADMIN.password);
    const token = (res.headers.get('set-cookie') ?? '').split(';')[0].split('=')[1];
    const { Client } = await import('pg');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const dump = JSON.stringify((await client.query('SELECT * FROM mdm_cloud.console_session')).rows) + JSON.stringify((await client.query('SELECT * FROM mdm_cloud.console_account')).rows);
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(ADMIN.password);
      expect(dump).toContain('$argon2id$');
    } finally {
      await client.end();
    }
  });

  it('ends the session on logout: the same cookie is refused afterwards', async () => {
    const browser = new Browser(cloud.url);
    const signedIn = await browser.signIn(ADMIN.username, ADMIN.password);
    // Replay the old cookie by hand: the browser itself drops it on logout, the server must too.
    const oldCookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await browser.request('POST', '/api/auth/logout')).status).toBe(204);
    const replay = await new Browser(cloud.url).request('GET', '/api/auth/me', undefined, { cookie: oldCookie });
    expect(replay.status).toBe(401);
  });

  it('protects the admin API by default and leaves health public', async () => {
    const anonymous = new Browser(cloud.url);
    expect((await anonymous.request('GET', '/api/directory/users')).status).toBe(401);
    expect((await anonymous.request('GET', '/api/audit')).status).toBe(401);
    const health = await anonymous.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ service: 'mdm-cloud', status: 'ok', database: { status: 'up', driver: 'postgres' } });
  });

  it('records sign-ins and refusals in the audit log, without the password', async () => {
    const browser = new Browser(cloud.url);
    await browser.signIn(ADMIN.username, ADMIN.password);
    const page = await (await browser.request('GET', '/api/audit?action=auth.signIn&pageSize=100')).json();
    const outcomes = new Set(page.items.map((e: { outcome: string }) => e.outcome));
    expect(outcomes).toEqual(new Set(['success', 'failure']));
    expect(JSON.stringify(page)).not.toContain(ADMIN.password);
  });

  it('answers a malformed and an oversized body with a problem and keeps serving', async () => {
    const browser = new Browser(cloud.url);
    const malformed = await browser.request('POST', '/api/auth/login', '{"username": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(await malformed.json()).toMatchObject({ code: 'malformedJson' });
    const oversized = await browser.request('POST', '/api/auth/login', { username: 'a'.repeat(2 * 1024 * 1024), password: 'x' });
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ code: 'bodyTooLarge' });
    expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  });
});
