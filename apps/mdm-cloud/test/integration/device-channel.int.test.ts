/**
 * The device channel end to end, with real processes: the built cloud (apps/mdm-cloud/dist) on
 * PostgreSQL with its device port, the built `certlab` CLI as the device, and the built
 * connector. Run `npx nx run-many -t build -p @certlab/mdm-cloud @certlab/connector @certlab/device-agent` first.
 */
import { createCertificateRequest, toPem } from '@certlab/pki-core';
import { createTestHierarchy, issueTestCertificate, testKeyPair } from '@certlab/pki-core/testing';
import { type TestDatabase, createTestDatabase } from '@certlab/service-kit/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/cloud-under-test';
import { devicePortRequest } from '../support/mtls-client';
import { REPO_ROOT, type RunningProcess, freePort, runCli, startProcess, waitFor } from '../support/processes';

const ADMIN_PASSWORD = 'int-Admin-password-1';
const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;

describe('devices, the device port and connectors (real processes)', () => {
  let db: TestDatabase;
  let connectorDb: TestDatabase;
  let dataDir: string;
  let cloud: RunningProcess;
  let connector: RunningProcess | undefined;
  let adminUrl: string;
  let deviceUrl: string;
  let anchorFile: string;
  let anchor: string;
  let admin: Browser;
  let userId: string;

  beforeAll(async () => {
    [db, connectorDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dataDir = mkdtempSync(join(tmpdir(), 'certlab-device-channel-'));
    const [port, devicePort] = [await freePort(), await freePort()];
    adminUrl = `http://127.0.0.1:${port}`;
    deviceUrl = `https://127.0.0.1:${devicePort}`;
    cloud = startProcess('apps/mdm-cloud/dist/main.js', {
      DATABASE_URL: db.url,
      CERTLAB_DATA_DIR: dataDir,
      PORT: String(port),
      DEVICE_PORT: String(devicePort),
      CERTLAB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CONSOLE_DIR: '/nonexistent',
      LOG_LEVEL: 'warn',
      CONNECTOR_HEARTBEAT_SECONDS: '1',
    });
    await waitFor('the cloud', async () => ((await fetch(`${adminUrl}/api/health`)).ok ? true : undefined), 90_000, cloud.output);
    anchorFile = join(dataDir, 'mdm-cloud', 'keys', 'mdm-device-ca.pem');
    anchor = readFileSync(anchorFile, 'utf8');
    admin = new Browser(adminUrl);
    expect((await admin.signIn('admin', ADMIN_PASSWORD)).status).toBe(200);
    const users = await json<{ items: { id: string }[] }>(await admin.request('GET', '/api/directory/users?search=lovelace'));
    userId = users.items[0].id;
  }, 120_000);

  afterAll(async () => {
    await connector?.stop();
    await cloud?.stop();
    await Promise.all([db?.drop(), connectorDb?.drop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const newToken = async (platform = 'windows') => {
    const res = await admin.request('POST', '/api/enrollment-tokens', { userId, platform });
    expect(res.status).toBe(201);
    return json<{ id: string; token: string; status: string }>(res);
  };
  const stateDir = (name: string) => join(dataDir, 'devices', name);
  const enroll = (token: string, name: string, platform = 'windows', extra: string[] = []) =>
    runCli(['device', 'enroll', '--cloud', deviceUrl, '--token', token, '--platform', platform, '--name', name, '--state-dir', stateDir(name), '--json', ...extra]);
  const deviceCount = async () => (await json<{ total: number }>(await admin.request('GET', '/api/devices'))).total;

  let deviceId: string;

  it('enrolls a device with a token: the device gets a certificate from the MDM device CA and shows up in Devices', async () => {
    const token = await newToken();
    expect(token.status).toBe('active');
    const res = await enroll(token.token, 'LAB-WIN-01', 'windows', ['--serial', 'SN-0001', '--ca-file', anchorFile]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const identity = JSON.parse(res.stdout) as { deviceId: string; entraDeviceId: string; managementCertificate: { subject: string; thumbprintSha256: string } };
    deviceId = identity.deviceId;
    expect(identity.managementCertificate.subject).toBe(`CN=${identity.entraDeviceId}`);

    const device = await json(await admin.request('GET', `/api/devices/${deviceId}`));
    expect(device).toMatchObject({ name: 'LAB-WIN-01', platform: 'windows', serialNumber: 'SN-0001', state: 'enrolled', owner: { userPrincipalName: 'alovelace@certlab.test' } });
    expect(device.managementCertificateThumbprint).toBe(identity.managementCertificate.thumbprintSha256);
    const list = await json<{ items: { id: string }[] }>(await admin.request('GET', '/api/devices?search=LAB-WIN&platform=windows&state=enrolled'));
    expect(list.items.map((d) => d.id)).toEqual([deviceId]);
    const used = await json<{ items: { id: string; status: string; deviceId: string }[] }>(await admin.request('GET', '/api/enrollment-tokens?status=used'));
    expect(used.items).toContainEqual(expect.objectContaining({ id: token.id, status: 'used', deviceId }));
    // The secret is shown once: no list carries it.
    expect(JSON.stringify(used)).not.toContain(token.token);
  });

  it('refuses a reused token with a clear problem and creates nothing', async () => {
    const token = await newToken();
    expect((await enroll(token.token, 'LAB-WIN-02')).code).toBe(0);
    const before = await deviceCount();
    const again = await enroll(token.token, 'LAB-WIN-03');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('401 The enrollment token is unknown, used or expired');
    expect(again.stderr).toContain('This enrollment token is used');
    expect(await deviceCount()).toBe(before);
    expect(existsSync(stateDir('LAB-WIN-03'))).toBe(false);
  });

  it('refuses an expired token and creates nothing', async () => {
    const token = await newToken('ios');
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(`UPDATE mdm_cloud.enrollment_token SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [token.id]);
    await pg.end();
    const before = await deviceCount();
    const res = await enroll(token.token, 'LAB-IPHONE-01', 'ios');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('This enrollment token is expired');
    expect(await deviceCount()).toBe(before);
  });

  it('refuses a token used for another platform, and a token nobody issued', async () => {
    const token = await newToken('android');
    const wrong = await enroll(token.token, 'LAB-MAC-01', 'macos');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The enrollment token was issued for another platform');
    const unknown = await enroll('cle_not-a-token', 'LAB-MAC-02', 'macos');
    expect(unknown.stderr).toContain('No such enrollment token');
  });

  it('answers 401 without a client certificate and with a certificate from another CA', async () => {
    const none = await devicePortRequest(deviceUrl, anchor, 'POST', '/api/device/checkin', {});
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ code: 'deviceCertificateRequired' });

    const foreignCa = await createTestHierarchy({ keySpec: { kind: 'ec', curve: 'P-256' } });
    const { certificate, keys } = await issueTestCertificate(foreignCa.issuing, { keySpec: { kind: 'ec', curve: 'P-256' }, subject: `CN=${deviceId}` });
    const key = toPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)), 'PRIVATE KEY');
    const foreign = await devicePortRequest(deviceUrl, anchor, 'POST', '/api/device/checkin', {}, { key, cert: certificate.pem });
    expect(foreign.status).toBe(401);
    expect(foreign.json).toMatchObject({ code: 'deviceCertificateRequired' });
  });

  it('keeps the two ports apart: device routes refuse the admin port, admin routes refuse the device port', async () => {
    const onAdminPort = await fetch(`${adminUrl}/api/device/checkin`, { method: 'POST' });
    expect(onAdminPort.status).toBe(404);
    expect(await onAdminPort.json()).toMatchObject({ code: 'deviceChannelOnly' });
    const onDevicePort = await devicePortRequest(deviceUrl, anchor, 'GET', '/api/directory/users');
    expect(onDevicePort.status).toBe(404);
  });

  it('installs a trusted root assigned to the device\'s group on check-in, reports success, and removes it when unassigned', async () => {
    const root = (await createTestHierarchy({ keySpec: { kind: 'ec', curve: 'P-256' }, rootName: 'CN=Contoso Root CA, O=Contoso' })).root.certificate;
    const group = await json<{ id: string }>(await admin.request('POST', '/api/directory/groups', { name: 'Lab devices' }));
    expect((await admin.request('POST', `/api/directory/groups/${group.id}/members`, { kind: 'user', id: userId })).status).toBe(201);
    const created = await admin.request('POST', '/api/profiles', {
      type: 'trustedRoot',
      name: 'Contoso root',
      platforms: ['windows', 'ios'],
      settings: { kind: 'upload', certificate: root.pem, fileName: 'contoso.pem' },
      assignments: [{ groupId: group.id, mode: 'include' }],
    });
    expect(created.status).toBe(201);
    const profile = await json<{ id: string; version: number }>(created);

    const first = await runCli(['device', 'checkin', '--state-dir', stateDir('LAB-WIN-01'), '--json']);
    expect(first.stderr).toBe('');
    const result = JSON.parse(first.stdout) as { response: { profiles: { profileId: string }[] }; reported: { profileId: string; status: string; details: Record<string, string> }[] };
    expect(result.response.profiles.map((p) => p.profileId)).toContain(profile.id);
    expect(result.reported).toContainEqual(expect.objectContaining({ profileId: profile.id, status: 'succeeded', details: expect.objectContaining({ thumbprintSha256: root.thumbprintSha256 }) }));
    const installed = JSON.parse((await runCli(['device', 'status', '--state-dir', stateDir('LAB-WIN-01'), '--json'])).stdout) as { trustStore: { thumbprintSha256: string }[] };
    expect(installed.trustStore.map((t) => t.thumbprintSha256)).toEqual([root.thumbprintSha256]);

    const seen = await json<{ items: { profileId: string; status: string }[] }>(await admin.request('GET', `/api/device-profiles/${deviceId}`));
    expect(seen.items).toContainEqual(expect.objectContaining({ profileId: profile.id, status: 'succeeded' }));
    const device = await json<{ lastCheckInAt: string | null }>(await admin.request('GET', `/api/devices/${deviceId}`));
    expect(device.lastCheckInAt).not.toBeNull();

    expect((await admin.request('PUT', `/api/profiles/${profile.id}/assignments`, { assignments: [] })).status).toBe(200);
    const second = JSON.parse((await runCli(['device', 'checkin', '--state-dir', stateDir('LAB-WIN-01'), '--json'])).stdout) as typeof result;
    expect(second.reported).toContainEqual(expect.objectContaining({ profileId: profile.id, status: 'removed' }));
    const after = JSON.parse((await runCli(['device', 'status', '--state-dir', stateDir('LAB-WIN-01'), '--json'])).stdout) as typeof installed;
    expect(after.trustStore).toEqual([]);
    const history = await json<unknown[]>(await admin.request('GET', `/api/device-profiles/${deviceId}/history`));
    expect(JSON.stringify(history)).toContain('removed');

    // Put it back for the nudge test: assigned via the group again.
    expect((await admin.request('PUT', `/api/profiles/${profile.id}/assignments`, { assignments: [{ groupId: group.id, mode: 'include' }] })).status).toBe(200);
    profileForNudge = profile.id;
    groupForNudge = group.id;
  });

  let profileForNudge: string;
  let groupForNudge: string;

  it('nudges an online device over server-sent events when its desired state changes; it checks in and reports', async () => {
    const run = spawn(process.execPath, [join(REPO_ROOT, 'apps/device-agent/bin/certlab.js'), 'device', 'run', '--state-dir', stateDir('LAB-WIN-01'), '--json'], { cwd: REPO_ROOT });
    const events: { type: string; reason?: string; result?: { reported: { profileId: string; status: string }[] } }[] = [];
    createInterface({ input: run.stdout }).on('line', (line) => events.push(JSON.parse(line) as (typeof events)[number]));
    try {
      // Connected, then the initial check-in applies the re-assigned root.
      await waitFor('the first check-in', async () => (events.some((e) => e.type === 'checkedIn') ? true : undefined), 30_000);
      expect(events[0].type).toBe('connected');
      events.length = 0;
      // Unassigning raises devices.desiredStateChanged; the cloud pushes a nudge to the open stream.
      expect((await admin.request('PUT', `/api/profiles/${profileForNudge}/assignments`, { assignments: [{ groupId: groupForNudge, mode: 'exclude' }] })).status).toBe(200);
      const checked = await waitFor('the nudged check-in', async () => events.find((e) => e.type === 'checkedIn'), 30_000);
      expect(events.find((e) => e.type === 'nudged')).toBeDefined();
      expect(checked.result?.reported).toContainEqual(expect.objectContaining({ profileId: profileForNudge, status: 'removed' }));
    } finally {
      run.kill('SIGINT');
      const code = await new Promise<number | null>((r) => run.once('exit', r));
      expect(code).toBe(0);
    }
  });

  it('refuses a retired device with 401 from then on', async () => {
    const retired = await admin.request('POST', `/api/devices/${deviceId}/retire`);
    expect(retired.status).toBe(200);
    expect(await retired.json()).toMatchObject({ state: 'retired' });
    const res = await runCli(['device', 'checkin', '--state-dir', stateDir('LAB-WIN-01')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('401 A valid Device Management certificate is required');
    const audit = await json<{ items: { action: string; actor: string }[] }>(await admin.request('GET', '/api/audit?action=device.retire'));
    expect(audit.items[0]).toMatchObject({ action: 'device.retire', actor: 'admin' });
  });

  it('registers the local connector with the token file the cloud wrote, refuses that token a second time, and shows its heartbeat', async () => {
    const tokenFile = join(dataDir, 'mdm-cloud', 'local-connector-registration.token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const connectorData = mkdtempSync(join(tmpdir(), 'certlab-connector-'));
    connector = startProcess('apps/connector/dist/main.js', {
      DATABASE_URL: connectorDb.url,
      CERTLAB_DATA_DIR: connectorData,
      PORT: String(await freePort()),
      CLOUD_DEVICE_URL: deviceUrl,
      CONNECTOR_REGISTRATION_TOKEN_FILE: tokenFile,
      // This test is about registration and heartbeat: no CA runs here, so the roles that enrol
      // at the CA (NDES, PKCS, PFX) stay off, as an admin may leave them off on a real connector.
      SCEP_ENABLED: 'false',
      PKCS_WORKER_ENABLED: 'false',
      PFX_CONNECTOR_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    });
    type Listed = { items: { id: string; name: string; version: string; lastHeartbeatAt: string | null; health: string }[] };
    const first = await waitFor(
      'the connector heartbeat',
      async () => (await json<Listed>(await admin.request('GET', '/api/connectors'))).items.find((c) => c.lastHeartbeatAt !== null),
      60_000,
      connector.output,
    );
    expect(first).toMatchObject({ name: 'Local connector', version: '0.1.0', health: 'healthy' });
    expect(existsSync(join(connectorData, 'connector', 'cloud-registration.json'))).toBe(true);
    const later = await waitFor('a later heartbeat', async () => {
      const c = await json<Listed['items'][number]>(await admin.request('GET', `/api/connectors/${first.id}`));
      return c.lastHeartbeatAt! > first.lastHeartbeatAt! ? c : undefined;
    });
    expect(later.health).toBe('healthy');

    const csr = await createCertificateRequest({ subject: 'CN=intruder', keys: await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'intruder') });
    const reuse = await devicePortRequest(deviceUrl, anchor, 'POST', '/api/connector/register', { token: readFileSync(tokenFile, 'utf8').trim(), csr: csr.pem, version: '9.9.9' });
    expect(reuse.status).toBe(401);
    expect(reuse.json).toMatchObject({ code: 'connectorTokenInvalid', detail: expect.stringContaining('used') });
    expect((await json<Listed>(await admin.request('GET', '/api/connectors'))).items).toHaveLength(1);
    rmSync(connectorData, { recursive: true, force: true, maxRetries: 3 });
  });

  it('registers a connector with an admin-created token over the device port; heartbeat and lease need its certificate', async () => {
    const created = await admin.request('POST', '/api/connector-registration-tokens', { name: 'Branch office connector' });
    expect(created.status).toBe(201);
    const { token } = await json<{ token: string }>(created);
    const keys = await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'branch');
    const csr = await createCertificateRequest({ subject: 'CN=branch', keys });
    const reg = await devicePortRequest(deviceUrl, anchor, 'POST', '/api/connector/register', { token, csr: csr.pem, version: '1.2.3' });
    expect(reg.status).toBe(201);
    const cert = reg.json.certificate as string;
    const key = toPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)), 'PRIVATE KEY');

    expect((await devicePortRequest(deviceUrl, anchor, 'POST', '/api/connector/heartbeat', { version: '1.2.3' })).status).toBe(401);
    const beat = await devicePortRequest(deviceUrl, anchor, 'POST', '/api/connector/heartbeat', { version: '1.2.4', details: { hostname: 'branch-01' } }, { key, cert });
    expect(beat.status).toBe(200);
    const lease = await devicePortRequest(deviceUrl, anchor, 'POST', '/api/connector/jobs/lease', { max: 5 }, { key, cert });
    expect(lease).toEqual({ status: 200, json: { jobs: [], retryAfterSeconds: 15 } });
    const listed = await json<{ items: { name: string; version: string; details: Record<string, string> }[] }>(await admin.request('GET', '/api/connectors?search=Branch'));
    expect(listed.items[0]).toMatchObject({ name: 'Branch office connector', version: '1.2.4', details: { hostname: 'branch-01' } });
    // A device certificate is not a connector certificate.
    expect((await devicePortRequest(deviceUrl, anchor, 'POST', '/api/device/checkin', {}, { key, cert })).status).toBe(401);
  });
});
