import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Browser, startCloud } from '../support/cloud-under-test';

describe('the cloud on the embedded database across restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'certlab-cloud-restart-'));
  const passwordFile = join(dataDir, 'mdm-cloud', 'initial-admin-password');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds the administrator and the demo tenant on first start, with a generated password readable by its owner only', async () => {
    const cloud = await startCloud({ CERTLAB_DATA_DIR: dataDir });
    try {
      expect(existsSync(passwordFile)).toBe(true);
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      const password = readFileSync(passwordFile, 'utf8').trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const browser = new Browser(cloud.url);
      expect((await browser.signIn('admin', password)).status).toBe(200);
      const groups = await (await browser.request('GET', '/api/directory/groups')).json();
      expect(groups.items.map((g: { name: string }) => g.name)).toEqual(['All staff', 'Engineering', 'Network admins', 'Sales']);
      const users = await (await browser.request('GET', '/api/directory/users?search=lovelace')).json();
      expect(users.items[0]).toMatchObject({ userPrincipalName: 'alovelace@certlab.test', onPremisesSamAccountName: 'alovelace' });
    } finally {
      await cloud.close();
    }
  });

  it('finds everything again on the second start and seeds nothing twice', async () => {
    const passwordBefore = readFileSync(passwordFile, 'utf8');
    const cloud = await startCloud({ CERTLAB_DATA_DIR: dataDir });
    try {
      expect(readFileSync(passwordFile, 'utf8')).toBe(passwordBefore);
      const browser = new Browser(cloud.url);
      expect((await browser.signIn('admin', passwordBefore.trim())).status).toBe(200);
      const users = await (await browser.request('GET', '/api/directory/users')).json();
      expect(users.total).toBe(6);
      const seeds = await (await browser.request('GET', '/api/audit?action=seed.demoTenant')).json();
      expect(seeds.total).toBe(1);
      const signIns = await (await browser.request('GET', '/api/audit?action=auth.signIn')).json();
      expect(signIns.total).toBe(2);
    } finally {
      await cloud.close();
    }
  });
});
