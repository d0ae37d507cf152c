import type { DesiredProfile } from '@certlab/contracts';
import { createTestHierarchy, issueTestCertificate } from '@certlab/pki-core/testing';
import { createTestDatabase, type TestDatabase } from '@certlab/service-kit/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESIRED_STATE, type DesiredStatePort } from '../../src/device-channel/desired-state.port';
import { CloudEvents } from '../../src/events/cloud-events';
import { Browser, type CloudUnderTest, startCloud } from '../support/cloud-under-test';

const ADMIN = { username: 'admin', password: 'profiles admin password 1' };
const ec = { kind: 'ec', curve: 'P-256' } as const;

/**
 * Profiles, assignments, the effective set and device status on PostgreSQL, through the admin
 * API of an in-process cloud on port 0. Devices are rows written with SQL here (enrollment has
 * its own tests); check-in goes through the DESIRED_STATE port the device channel uses.
 */
describe('profiles on PostgreSQL', () => {
  let db: TestDatabase;
  let cloud: CloudUnderTest;
  let sql: Client;
  let admin: Browser;
  let desired: DesiredStatePort;
  const nudges: { deviceIds: string[]; reason: string }[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'certlab-profiles-'));
  const ids: Record<string, string> = {};
  let rootPem = '';
  let leafPem = '';

  const api = async (method: string, path: string, body?: unknown, expected = 200) => {
    const res = await admin.request(method, path, body);
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBe(expected);
    return text ? JSON.parse(text) : undefined;
  };
  const device = async (name: string, platform: string, ownerUpn: string | null) => {
    const owner = ownerUpn ? (await sql.query('SELECT id FROM mdm_cloud.directory_user WHERE "userPrincipalName" = $1', [ownerUpn])).rows[0].id : null;
    const { rows } = await sql.query(
      `INSERT INTO mdm_cloud.device (name, platform, "osVersion", "entraDeviceId", "ownerId", state) VALUES ($1, $2, '1.0', gen_random_uuid(), $3, 'enrolled') RETURNING id`,
      [name, platform, owner],
    );
    return rows[0].id as string;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    cloud = await startCloud({ DATABASE_URL: db.url, CERTLAB_DATA_DIR: dataDir, CERTLAB_ADMIN_PASSWORD: ADMIN.password, CERTLAB_SEED_DEMO: 'false', DEVICE_PORT: '0' });
    cloud.app.get(CloudEvents).on('devices.desiredStateChanged', (e) => nudges.push(e));
    desired = cloud.app.get<DesiredStatePort>(DESIRED_STATE);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    admin = new Browser(cloud.url);
    expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    const { root, issuing } = await createTestHierarchy({ keySpec: ec, rootName: 'CN=Contoso Root CA, O=Contoso' });
    rootPem = root.certificate.pem;
    leafPem = (await issueTestCertificate(issuing, { keySpec: ec, subject: 'CN=www.contoso.test' })).certificate.pem;
  });
  afterAll(async () => {
    await sql?.end();
    await cloud?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports users and nested groups from CSV and JSON, dry run first, idempotent', async () => {
    const csv = [
      'userPrincipalName,displayName,email,onPremisesSamAccountName,onPremisesDistinguishedName,groups',
      'ada@contoso.test,Ada Lovelace,ada@contoso.test,alovelace,"CN=Ada Lovelace,OU=Eng,DC=contoso,DC=test",Backend',
      'bob@contoso.test,Bob Sales,,,,Sales',
      'kim@contoso.test,Kim Contractor,,,,Backend;Contractors',
    ].join('\n');
    const preview = await api('POST', '/api/directory/import', { format: 'csv', content: csv, dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, valid: true, applied: false, totals: { users: { create: 3 }, groups: { create: 3 }, memberships: { create: 4 } } });
    expect((await api('GET', '/api/directory/users')).total).toBe(0);

    expect((await api('POST', '/api/directory/import', { format: 'csv', content: csv })).applied).toBe(true);
    const nesting = JSON.stringify({ groups: [{ name: 'All staff', memberGroups: ['Engineering', 'Sales'] }, { name: 'Engineering', memberGroups: ['Backend'] }] });
    expect((await api('POST', '/api/directory/import', { format: 'json', content: nesting })).totals.groups).toEqual({ create: 2, update: 0, unchanged: 2 });

    const again = await api('POST', '/api/directory/import', { format: 'csv', content: csv });
    expect(again.totals).toEqual({ users: { create: 0, update: 0, unchanged: 3 }, groups: { create: 0, update: 0, unchanged: 3 }, memberships: { create: 0, unchanged: 4 } });
    const groups = await api('GET', '/api/directory/groups?pageSize=50');
    for (const g of groups.items) ids[g.name] = g.id;
    const all = await api('GET', `/api/directory/groups/${ids['All staff']}`);
    expect(all.transitive).toEqual({ users: 3, devices: 0, groups: 3 });
  });

  it('refuses an import with errors as a 400 listing every line, and changes nothing', async () => {
    const res = await admin.request('POST', '/api/directory/import', {
      format: 'csv',
      content: 'userPrincipalName,displayName\nnew@contoso.test,New\nbroken,X\nalso@contoso.test,',
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors).toEqual([
      { path: 'line 3', message: expect.stringContaining('userPrincipalName') },
      { path: 'line 4', message: expect.stringContaining('displayName') },
    ]);
    expect((await api('GET', '/api/directory/users?search=new@')).total).toBe(0);
  });

  it('accepts a multipart upload as browsers and curl send it', async () => {
    const form = new FormData();
    form.set('file', new Blob(['userPrincipalName,displayName\nmulti@contoso.test,Multi Part\n']), 'people.csv');
    form.set('dryRun', 'true');
    const login = await fetch(`${cloud.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await fetch(`${cloud.url}/api/directory/import`, { method: 'POST', headers: { cookie }, body: form });
    expect(res.status).toBe(200);
    expect((await res.json()).totals.users.create).toBe(1);
  });

  it('rejects a leaf certificate and garbage with a clear 400, creating nothing', async () => {
    const leaf = await admin.request('POST', '/api/profiles', { name: 'Leaf', type: 'trustedRoot', platforms: ['windows'], settings: { kind: 'upload', certificate: leafPem } });
    expect(leaf.status).toBe(400);
    expect(await leaf.json()).toMatchObject({ code: 'notACaCertificate', detail: expect.stringContaining('CN=www.contoso.test') });
    const junk = await admin.request('POST', '/api/profiles/trusted-root/inspect', { settings: { kind: 'upload', certificate: 'bm90IGEgY2VydA==' } });
    expect(junk.status).toBe(400);
    expect((await junk.json()).code).toBe('certificateUnreadable');
    expect((await api('GET', '/api/profiles')).total).toBe(0);
  });

  it('installs a trusted root assigned to a nested group on check-in; exclude wins; platform targeting applies', async () => {
    ids.adaLaptop = await device('ADA-LAPTOP', 'windows', 'ada@contoso.test');
    ids.adaPhone = await device('ADA-PHONE', 'android', 'ada@contoso.test');
    ids.kimLaptop = await device('KIM-LAPTOP', 'windows', 'kim@contoso.test');
    ids.bobLaptop = await device('BOB-LAPTOP', 'macos', 'bob@contoso.test');
    nudges.length = 0;
    const profile = await api(
      'POST',
      '/api/profiles',
      {
        name: 'Contoso Root',
        description: 'Corporate root',
        type: 'trustedRoot',
        platforms: ['windows', 'macos'],
        settings: { kind: 'upload', certificate: Buffer.from(rootPem).toString('base64'), fileName: 'root.pem' },
        assignments: [
          { groupId: ids.Engineering, mode: 'include' },
          { groupId: ids.Contractors, mode: 'exclude' },
        ],
      },
      201,
    );
    ids.profile = profile.id;
    expect(profile).toMatchObject({ version: 1, settings: { source: { kind: 'upload', fileName: 'root.pem' }, certificate: { subject: 'CN=Contoso Root CA, O=Contoso', selfSigned: true } } });
    expect(nudges.flatMap((n) => n.deviceIds).sort()).toEqual([ids.adaLaptop, ids.adaPhone, ids.kimLaptop].sort());

    const got: DesiredProfile[] = await desired.forDevice(ids.adaLaptop);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ profileId: ids.profile, version: 1, type: 'trustedRoot', payload: { subject: 'CN=Contoso Root CA, O=Contoso' } });
    const first = got[0]!;
    if (first.type !== 'trustedRoot') throw new Error('expected the trusted root');
    expect(Buffer.from(first.payload.certificate, 'base64').toString('base64')).toBe(rootPem.split('\n').filter((l) => !l.startsWith('-----')).join(''));
    expect(await desired.forDevice(ids.adaPhone)).toEqual([]);
    expect(await desired.forDevice(ids.kimLaptop)).toEqual([]);
    expect(await desired.forDevice(ids.bobLaptop)).toEqual([]);

    const explained = await api('GET', `/api/device-profiles/${ids.kimLaptop}`);
    expect(explained.items[0]).toMatchObject({ applies: false, notAppliedReason: expect.stringMatching(/^excluded via group Contractors/) });
    const phone = await api('GET', `/api/device-profiles/${ids.adaPhone}`);
    expect(phone.items[0].notAppliedReason).toContain('this device runs Android Enterprise');
    const laptop = await api('GET', `/api/device-profiles/${ids.adaLaptop}`);
    expect(laptop.items[0]).toMatchObject({ applies: true, status: 'pending', reasons: [{ text: expect.stringContaining('assigned via group Engineering') }] });
  });

  it('keeps status history and shows device and user status views', async () => {
    await desired.recordStatus(ids.adaLaptop, [{ profileId: ids.profile, version: 1, status: 'failed', errorCode: 'trustStoreLocked', message: 'the store is read-only' }]);
    await desired.recordStatus(ids.adaLaptop, [{ profileId: ids.profile, version: 1, status: 'succeeded', details: { thumbprint: 'AB' } }]);
    await desired.recordStatus(ids.adaLaptop, [{ profileId: ids.profile, version: 1, status: 'succeeded', details: { thumbprint: 'AB' } }]);
    const history = await api('GET', `/api/device-profiles/${ids.adaLaptop}/history`);
    expect(history.items.map((h: { status: string }) => h.status)).toEqual(['succeeded', 'failed']);
    expect(history.items[1]).toMatchObject({ errorCode: 'trustStoreLocked', message: 'the store is read-only', version: 1, profileName: 'Contoso Root' });

    const devices = await api('GET', `/api/profiles/${ids.profile}/device-status`);
    expect(devices.items).toEqual([expect.objectContaining({ deviceName: 'ADA-LAPTOP', status: 'succeeded', version: 1, targeted: true })]);
    expect((await api('GET', `/api/profiles/${ids.profile}/device-status?status=failed`)).total).toBe(0);
    const users = await api('GET', `/api/profiles/${ids.profile}/user-status`);
    expect(users.items).toEqual([{ user: expect.objectContaining({ userPrincipalName: 'ada@contoso.test' }), status: 'succeeded', devices: { pending: 0, succeeded: 1, failed: 0, removed: 0 } }]);
    expect((await api('GET', `/api/profiles/${ids.profile}`)).deviceStatus).toEqual({ pending: 0, succeeded: 1, failed: 0, removed: 0 });
  });

  it('refuses a status report for an unknown profile and records nothing', async () => {
    await expect(desired.recordStatus(ids.adaLaptop, [{ profileId: '00000000-0000-4000-8000-000000000000', version: 1, status: 'succeeded' }])).rejects.toMatchObject({ code: 'unknownProfileInReport' });
  });

  it('an edit makes a new version: the device sees it pending until it reports on it', async () => {
    const edited = await api('PATCH', `/api/profiles/${ids.profile}`, { description: 'Corporate root, v2' });
    expect(edited.version).toBe(2);
    expect((await desired.forDevice(ids.adaLaptop))[0]!.version).toBe(2);
    expect((await api('GET', `/api/profiles/${ids.profile}`)).deviceStatus.pending).toBe(1);
    const versions = await api('GET', `/api/profiles/${ids.profile}/versions`);
    expect(versions.map((v: { version: number; description: string }) => [v.version, v.description])).toEqual([
      [2, 'Corporate root, v2'],
      [1, 'Corporate root'],
    ]);
    await desired.recordStatus(ids.adaLaptop, [{ profileId: ids.profile, version: 2, status: 'succeeded' }]);
  });

  it('a group membership change nudges the device and changes its desired state', async () => {
    nudges.length = 0;
    await api('POST', `/api/directory/groups/${ids.Contractors}/members`, { kind: 'device', id: ids.adaLaptop }, 201);
    expect(nudges.flatMap((n) => n.deviceIds)).toContain(ids.adaLaptop);
    expect(await desired.forDevice(ids.adaLaptop)).toEqual([]);
    await api('DELETE', `/api/directory/groups/${ids.Contractors}/members/device/${ids.adaLaptop}`);
    expect(await desired.forDevice(ids.adaLaptop)).toHaveLength(1);
  });

  it('unassigning removes the profile from the device; its removal report is kept', async () => {
    nudges.length = 0;
    await api('PUT', `/api/profiles/${ids.profile}/assignments`, { assignments: [] });
    expect(nudges.flatMap((n) => n.deviceIds)).toContain(ids.adaLaptop);
    expect(await desired.forDevice(ids.adaLaptop)).toEqual([]);
    expect((await api('GET', `/api/profiles/${ids.profile}/device-status`)).items[0]).toMatchObject({ status: 'pending', targeted: false });
    await desired.recordStatus(ids.adaLaptop, [{ profileId: ids.profile, version: 2, status: 'removed' }]);
    expect((await api('GET', `/api/profiles/${ids.profile}/device-status`)).items[0]).toMatchObject({ status: 'removed', targeted: false });
  });

  it('audits every change with who and what', async () => {
    const audit = await api('GET', '/api/audit?actor=admin&pageSize=100');
    const actions = audit.items.map((e: { action: string }) => e.action);
    for (const a of ['directory.import', 'profile.create', 'profile.update', 'profile.assign', 'directory.member.add', 'directory.member.remove']) expect(actions).toContain(a);
    const assign = audit.items.find((e: { action: string }) => e.action === 'profile.assign');
    expect(assign.details).toMatchObject({ name: 'Contoso Root', after: [] });
  });
});
