/**
 * The PKCS flow end to end with real processes: the built CA, cloud and connector(s) on
 * PostgreSQL, and the built `certlab` CLI as the devices. Run
 * `npx nx run-many -t build -p @certlab/ca @certlab/mdm-cloud @certlab/connector @certlab/device-agent` first.
 */
import { Certificate, EnvelopedCms, SimulatedHsmKeyStore, SoftwareKeyStore, rsaUnwrapperFromKey, toPem } from '@certlab/pki-core';
import { type TestDatabase, createTestDatabase } from '@certlab/service-kit/testing';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/cloud-under-test';
import { devicePortRequest } from '../support/mtls-client';
import { type RunningProcess, freePort, runCli, startProcess, waitFor } from '../support/processes';

const ADMIN_PASSWORD = 'int-Admin-password-1';
const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;

interface Req {
  id: string;
  state: string;
  step: number;
  failedStep: number | null;
  failureReason: string | null;
  attempts: number;
  caRequestId: number | null;
  subject: string | null;
  deviceId: string;
  profileVersion: number;
  leaseOwnerConnectorName: string | null;
  certificate: { serialNumber: string; thumbprintSha256: string; subject: string } | null;
}

describe('PKCS end to end (real processes)', () => {
  let db: TestDatabase;
  let dbB: TestDatabase;
  let dataDir: string;
  let dataDirB: string;
  let ca: RunningProcess;
  let cloud: RunningProcess;
  let connectorA: RunningProcess | undefined;
  let connectorB: RunningProcess | undefined;
  const ports = { ca: 0, caTls: 0, cloud: 0, device: 0, a: 0, b: 0 };
  let admin: Browser;
  let anchorFile: string;
  let anchor: string;
  let rootProfileId: string;
  let deviceGroup: string;
  let fleetGroup: string;
  const devices: Record<string, string> = {};

  const caEnv = () => ({
    DATABASE_URL: db.url,
    CERTLAB_DATA_DIR: dataDir,
    PORT: String(ports.ca),
    TLS_PORT: String(ports.caTls),
    CA_PUBLIC_URL: `http://127.0.0.1:${ports.ca}`,
    LOG_LEVEL: 'warn',
  });
  const startCa = async () => {
    ca = startProcess('apps/ca/dist/main.js', caEnv());
    await waitFor('the CA', async () => ((await fetch(`http://127.0.0.1:${ports.ca}/api/health`)).ok ? true : undefined), 90_000, ca.output);
  };
  const connectorToken = async (name: string) => json<{ token: string }>(await admin.request('POST', '/api/connector-registration-tokens', { name }));
  const startConnector = (name: 'a' | 'b', token: string, extra: Record<string, string> = {}) =>
    startProcess('apps/connector/dist/main.js', {
      DATABASE_URL: name === 'a' ? db.url : dbB.url,
      CERTLAB_DATA_DIR: name === 'a' ? dataDir : dataDirB,
      PORT: String(name === 'a' ? ports.a : ports.b),
      CLOUD_DEVICE_URL: `https://127.0.0.1:${ports.device}`,
      CLOUD_CA_FILE: anchorFile,
      CONNECTOR_REGISTRATION_TOKEN: token,
      CA_URL: `http://127.0.0.1:${ports.ca}`,
      CA_TLS_URL: `https://127.0.0.1:${ports.caTls}`,
      // Both connectors run as the one computer account, as two servers of one connector farm.
      PKCS_CA_IDENTITY_DIR: join(dataDir, 'connector', 'ca-identity'),
      CA_ENROLLMENT_TOKEN_FILE_CONNECTOR: join(dataDir, 'ca', 'enrollment-tokens', 'connector.token'),
      PKCS_LEASE_WAIT_SECONDS: '1',
      LOG_LEVEL: 'info',
      ...extra,
    });
  const stateDir = (name: string) => join(dataDir, 'devices', name);
  const enroll = async (name: string, platform = 'macos') => {
    const users = await json<{ items: { id: string }[] }>(await admin.request('GET', '/api/directory/users?search=lovelace'));
    const token = await json<{ token: string }>(await admin.request('POST', '/api/enrollment-tokens', { userId: users.items[0].id, platform }));
    const res = await runCli(['device', 'enroll', '--cloud', `https://127.0.0.1:${ports.device}`, '--token', token.token, '--platform', platform, '--name', name, '--serial', `SN-${name}`, '--state-dir', stateDir(name), '--ca-file', anchorFile, '--json']);
    expect(res.stderr).toBe('');
    devices[name] = (JSON.parse(res.stdout) as { deviceId: string }).deviceId;
    return devices[name];
  };
  const checkin = async (name: string) => {
    const res = await runCli(['device', 'checkin', '--state-dir', stateDir(name), '--json']);
    expect(res.stderr).toBe('');
    return JSON.parse(res.stdout) as { reported: { profileId: string; status: string; errorCode?: string; message?: string; details?: Record<string, string> }[] };
  };
  const requests = async (profileId: string) => (await json<{ items: Req[] }>(await admin.request('GET', `/api/pkcs/requests?profileId=${profileId}&pageSize=100`))).items;
  const until = (profileId: string, what: string, ok: (rs: Req[]) => boolean, output?: string[]) =>
    waitFor(what, async () => {
      const rs = await requests(profileId);
      return ok(rs) ? rs : undefined;
    }, 90_000, output);
  const createProfile = async (name: string, settings: Record<string, unknown>, groupId: string) => {
    const res = await admin.request('POST', '/api/profiles', {
      type: 'pkcs',
      name,
      platforms: ['macos', 'windows'],
      settings: {
        certificateType: 'device',
        certificationAuthority: `127.0.0.1:${ports.caTls}`,
        certificationAuthorityName: 'certlab-issuing-ca',
        certificateTemplateName: 'CertlabPkcs',
        subjectNameFormat: 'CN={{DeviceName}}, O=certlab PKCS',
        subjectAlternativeNames: [{ type: 'dns', template: '{{DeviceName}}.corp.certlab.test' }],
        trustedRootProfileId: rootProfileId,
        ...settings,
      },
      assignments: [{ groupId, mode: 'include' }],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await json<{ id: string }>(res)).id;
  };
  const caCertificates = async () =>
    (await json<{ items: { subject: string; serialNumber: string; template: string }[] }>(await admin.request('GET', '/api/certificate-authorities/certificates?pageSize=200'))).items.filter((c) => c.template === 'CertlabPkcs');

  beforeAll(async () => {
    [db, dbB] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dataDir = mkdtempSync(join(tmpdir(), 'certlab-pkcs-'));
    dataDirB = mkdtempSync(join(tmpdir(), 'certlab-pkcs-b-'));
    for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
    await startCa();
    cloud = startProcess('apps/mdm-cloud/dist/main.js', {
      DATABASE_URL: db.url,
      CERTLAB_DATA_DIR: dataDir,
      PORT: String(ports.cloud),
      DEVICE_PORT: String(ports.device),
      CA_URL: `http://127.0.0.1:${ports.ca}`,
      CA_TLS_URL: `https://127.0.0.1:${ports.caTls}`,
      CERTLAB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CONSOLE_DIR: '/nonexistent',
      LOG_LEVEL: 'warn',
      PKCS_LEASE_SECONDS: '3',
    });
    await waitFor('the cloud', async () => ((await fetch(`http://127.0.0.1:${ports.cloud}/api/health`)).ok ? true : undefined), 90_000, cloud.output);
    anchorFile = join(dataDir, 'mdm-cloud', 'keys', 'mdm-device-ca.pem');
    anchor = readFileSync(anchorFile, 'utf8');
    admin = new Browser(`http://127.0.0.1:${ports.cloud}`);
    expect((await admin.signIn('admin', ADMIN_PASSWORD)).status).toBe(200);
    // A slow connector (1.5 s before each CA call and the upload), so it can be killed mid-request.
    connectorA = startConnector('a', (await connectorToken('connector-a')).token, { PKCS_STEP_DELAY_MS: '1500' });

    const root = new Uint8Array(await (await fetch(`http://127.0.0.1:${ports.ca}/aia/certlab-root-ca.crt`)).arrayBuffer());
    const rootRes = await admin.request('POST', '/api/profiles', {
      type: 'trustedRoot',
      name: 'certlab root',
      platforms: ['macos', 'windows'],
      settings: { kind: 'upload', certificate: Buffer.from(root).toString('base64'), fileName: 'root.crt' },
    });
    expect(rootRes.status).toBe(201);
    rootProfileId = (await json<{ id: string }>(rootRes)).id;
    deviceGroup = (await json<{ id: string }>(await admin.request('POST', '/api/directory/groups', { name: 'PKCS lab' }))).id;
    fleetGroup = (await json<{ id: string }>(await admin.request('POST', '/api/directory/groups', { name: 'PKCS fleet' }))).id;
    await enroll('LAB-PKCS-01');
    await enroll('LAB-PKCS-02');
    expect((await admin.request('POST', `/api/directory/groups/${deviceGroup}/members`, { kind: 'device', id: devices['LAB-PKCS-01'] })).status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([connectorA?.stop(), connectorB?.stop()]);
    await cloud?.stop();
    await ca?.stop();
    await Promise.all([db?.drop(), dbB?.drop()]);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dataDirB, { recursive: true, force: true });
  });

  it('delivers a PKCS certificate with the rendered subject; the device key matches it, cannot be exported, and the bundle opens only with this device\'s key', async () => {
    const profileId = await createProfile('Wi-Fi PKCS', {}, deviceGroup);
    const [issued] = await until(profileId, 'the request to be issued', (rs) => rs.length === 1 && rs[0].state === 'issued', connectorA!.output);
    expect(issued).toMatchObject({ deviceId: devices['LAB-PKCS-01'], subject: 'CN=LAB-PKCS-01,O=certlab PKCS', attempts: 1 });

    // What crossed the cloud (step 9): opens with LAB-PKCS-01's management key, not with LAB-PKCS-02's.
    const keyOf = async (name: string) => {
      const keys = await SoftwareKeyStore.open({ directory: join(stateDir(name), 'keys'), passphrase: readFileSync(join(stateDir(name), 'keystore.passphrase'), 'utf8').trim() });
      return keys.exportPrivateKey('device-management');
    };
    const identity = JSON.parse(readFileSync(join(stateDir('LAB-PKCS-01'), 'device.json'), 'utf8')) as { managementCertificate: string };
    const bundle = await devicePortRequest(`https://127.0.0.1:${ports.device}`, anchor, 'POST', `/api/device/pkcs/${issued.id}/bundle`, {}, { key: toPem(await keyOf('LAB-PKCS-01'), 'PRIVATE KEY'), cert: identity.managementCertificate });
    expect(bundle.status).toBe(200);
    const envelope = EnvelopedCms.parse(new Uint8Array(Buffer.from(bundle.json.envelope as string, 'base64')));
    const opened = JSON.parse(Buffer.from(await envelope.decrypt(rsaUnwrapperFromKey(await keyOf('LAB-PKCS-01')))).toString('utf8')) as { requestId: string; pfx: string; password: string };
    expect(opened.requestId).toBe(issued.id);
    await expect(envelope.decrypt(rsaUnwrapperFromKey(await keyOf('LAB-PKCS-02')))).rejects.toThrow();

    const result = await checkin('LAB-PKCS-01');
    const report = result.reported.find((r) => r.profileId === profileId)!;
    expect(report).toMatchObject({ status: 'succeeded', details: { thumbprintSha256: issued.certificate!.thumbprintSha256, subject: expect.stringMatching(/^CN=LAB-PKCS-01, ?O=certlab PKCS$/), exportable: false } });
    const [delivered] = await requests(profileId);
    expect(delivered).toMatchObject({ state: 'delivered', step: 10 });

    const cert = Certificate.parse(readFileSync(join(stateDir('LAB-PKCS-01'), 'pkcs', `${profileId}.pem`), 'utf8'));
    expect(cert.subject).toMatch(/^CN=LAB-PKCS-01, ?O=certlab PKCS$/);
    expect(cert.subjectAltNames).toContainEqual({ type: 'dns', value: 'LAB-PKCS-01.corp.certlab.test' });
    const keychain = await SimulatedHsmKeyStore.open({ directory: join(stateDir('LAB-PKCS-01'), 'keychain'), passphrase: readFileSync(join(stateDir('LAB-PKCS-01'), 'keystore.passphrase'), 'utf8').trim() });
    expect(Buffer.from(await keychain.getPublicKeySpki(`pkcs-${profileId}`)).equals(Buffer.from(cert.spki))).toBe(true);
    await expect(keychain.exportPrivateKey(`pkcs-${profileId}`)).rejects.toThrow();

    const statuses = await json<{ items: { profileId: string; status: string }[] }>(await admin.request('GET', `/api/device-profiles/${devices['LAB-PKCS-01']}`));
    expect(statuses.items).toContainEqual(expect.objectContaining({ profileId, status: 'succeeded' }));
    // Regression: sorting the console's request list by device name once failed with a 500.
    const byDevice = await admin.request('GET', `/api/pkcs/requests?profileId=${profileId}&sort=deviceName&order=desc&page=1&pageSize=1`);
    expect(byDevice.status).toBe(200);
    expect(await byDevice.json()).toMatchObject({ total: 1, items: [{ id: issued.id }] });
    // The PFX password and the PFX never reach the admin API or the cloud's log.
    const detail = await (await admin.request('GET', `/api/pkcs/requests/${issued.id}`)).text();
    expect(opened.password.length).toBeGreaterThanOrEqual(32);
    for (const secret of [opened.password, opened.pfx.slice(0, 64)]) {
      expect(detail).not.toContain(secret);
      expect(cloud.output.join('')).not.toContain(secret);
    }
  }, 180_000);

  it('a connector killed after the CA issued: the request is re-leased after the timeout and delivered once, with one certificate at the CA', async () => {
    const before = (await caCertificates()).length;
    const profileId = await createProfile('VPN PKCS', { subjectNameFormat: 'CN={{DeviceName}}, OU=VPN, O=certlab PKCS' }, deviceGroup);
    const [req] = await until(profileId, 'the request to be leased', (rs) => rs.length === 1 && rs[0].state === 'leased');
    await waitFor('connector A to get the certificate from the CA', async () => (connectorA!.output.join('').includes(`step=6 request=${req.id} attempt=1 the CA issued`) ? true : undefined), 60_000, connectorA!.output);
    connectorA!.child.kill('SIGKILL');
    await connectorA!.stop();
    const recorded = (await requests(profileId))[0];
    expect(recorded).toMatchObject({ state: 'leased', attempts: 1 });
    expect(recorded.caRequestId).not.toBeNull();

    // A second server of the connector farm: its own cloud registration, the farm's NDES RA.
    mkdirSync(join(dataDirB, 'connector'), { recursive: true });
    cpSync(join(dataDir, 'connector', 'ra'), join(dataDirB, 'connector', 'ra'), { recursive: true });
    copyFileSync(join(dataDir, 'connector', 'keystore.passphrase'), join(dataDirB, 'connector', 'keystore.passphrase'));
    connectorB = startConnector('b', (await connectorToken('connector-b')).token);
    const [issued] = await until(profileId, 'connector B to finish the request', (rs) => rs[0]?.state === 'issued', connectorB.output);
    expect(issued).toMatchObject({ attempts: 2, caRequestId: recorded.caRequestId, leaseOwnerConnectorName: null });
    const after = await caCertificates();
    expect(after.length - before).toBe(1);
    expect(after.filter((c) => c.subject.includes('OU=VPN'))).toHaveLength(1);
    const history = await json<{ history: { message: string }[] }>(await admin.request('GET', `/api/pkcs/requests/${issued.id}`));
    expect(history.history.map((h) => h.message).join('\n')).toMatch(/ran out/);
    expect((await checkin('LAB-PKCS-01')).reported).toContainEqual(expect.objectContaining({ profileId, status: 'succeeded' }));
  }, 180_000);

  it('two connectors drain one queue: every request issued exactly once', async () => {
    connectorA = startConnector('a', '');
    const names = ['FLEET-01', 'FLEET-02', 'FLEET-03', 'FLEET-04', 'FLEET-05'];
    for (const name of names) {
      await enroll(name);
      expect((await admin.request('POST', `/api/directory/groups/${fleetGroup}/members`, { kind: 'device', id: devices[name] })).status).toBe(201);
    }
    const before = (await caCertificates()).length;
    const profileId = await createProfile('Fleet PKCS', { subjectNameFormat: 'CN={{DeviceName}}, OU=Fleet, O=certlab PKCS' }, fleetGroup);
    const rs = await until(profileId, 'all fleet requests issued', (x) => x.length === names.length && x.every((r) => r.state === 'issued'), [...connectorA.output, ...connectorB!.output]);
    expect(new Set(rs.map((r) => r.certificate!.serialNumber)).size).toBe(names.length);
    expect(rs.map((r) => r.subject).sort()).toEqual(names.map((n) => `CN=${n},OU=Fleet,O=certlab PKCS`));
    const fleetCerts = (await caCertificates()).filter((c) => c.subject.includes('OU=Fleet'));
    expect(fleetCerts).toHaveLength(names.length);
    expect((await caCertificates()).length - before).toBe(names.length);
  }, 240_000);

  it('a template that forbids key export, an unknown template and a CA that is down fail with a clear reason per device; a retry delivers', async () => {
    const noExport = await createProfile('No export', { certificateTemplateName: 'CertlabScepDevice' }, deviceGroup);
    const unknown = await createProfile('Unknown template', { certificateTemplateName: 'NoSuchTemplate' }, deviceGroup);
    const [a] = await until(noExport, 'the no-export request to fail', (rs) => rs[0]?.state === 'failed');
    expect(a).toMatchObject({ failedStep: 4 });
    expect(a.failureReason).toMatch(/does not allow the private key to be exported/);
    const [b] = await until(unknown, 'the unknown-template request to fail', (rs) => rs[0]?.state === 'failed');
    expect(b.failedStep).toBe(4);
    expect(b.failureReason).toMatch(/No such certificate template/);

    await ca.stop();
    const down = await createProfile('CA down', { subjectNameFormat: 'CN={{DeviceName}}, OU=Retry, O=certlab PKCS' }, deviceGroup);
    const [c] = await until(down, 'the CA-down request to fail', (rs) => rs[0]?.state === 'failed');
    expect(c.failedStep).toBe(4);
    expect(c.failureReason).toMatch(/cannot be reached/);

    const reported = (await checkin('LAB-PKCS-01')).reported;
    expect(reported).toContainEqual(expect.objectContaining({ profileId: noExport, status: 'failed', errorCode: 'pkcs-step-4' }));
    expect(reported).toContainEqual(expect.objectContaining({ profileId: down, status: 'failed', errorCode: 'pkcs-step-4' }));
    const seen = await json<{ items: { profileId: string; status: string; errorCode: string | null; message: string | null }[] }>(await admin.request('GET', `/api/device-profiles/${devices['LAB-PKCS-01']}`));
    expect(seen.items.find((i) => i.profileId === unknown)).toMatchObject({ status: 'failed', errorCode: 'pkcs-step-4' });
    expect(seen.items.find((i) => i.profileId === unknown)!.message).toMatch(/No such certificate template/);

    await startCa();
    const retried = await admin.request('POST', `/api/pkcs/requests/${c.id}/retry`);
    expect(retried.status).toBe(200);
    expect((await admin.request('POST', `/api/pkcs/requests/${c.id}/retry`)).status).toBe(409);
    await until(down, 'the retried request to be issued', (rs) => rs[0]?.state === 'issued');
    expect((await checkin('LAB-PKCS-01')).reported).toContainEqual(expect.objectContaining({ profileId: down, status: 'succeeded' }));
    expect((await requests(down))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  }, 240_000);

  it('leaving a PKCS profile cancels what is unfinished and revokes what was issued (cessationOfOperation); the device removes key and certificate; a delivered new version supersedes the old', async () => {
    const profiles = (await json<{ items: { id: string; name: string }[] }>(await admin.request('GET', '/api/profiles?pageSize=100'))).items;
    const idOf = (name: string) => profiles.find((p) => p.name === name)!.id;
    const caStatus = async (serial: string) =>
      (await json<{ items: { serialNumber: string; status: string; revocationReason: string | null }[] }>(await admin.request('GET', '/api/certificate-authorities/certificates?pageSize=200'))).items.find(
        (c) => c.serialNumber.toLowerCase() === serial.toLowerCase(),
      );
    const historyOf = async (id: string) => (await json<{ history: { message: string }[] }>(await admin.request('GET', `/api/pkcs/requests/${id}`))).history.map((h) => h.message).join('\n');

    // Unassigned: the delivered certificate is revoked at the CA, a failed request is cancelled.
    const wifi = idOf('Wi-Fi PKCS');
    const [delivered] = await requests(wifi);
    expect(delivered.state).toBe('delivered');
    const [failed] = await requests(idOf('No export'));
    for (const id of [wifi, idOf('No export')]) expect((await admin.request('PUT', `/api/profiles/${id}/assignments`, { assignments: [] })).status).toBe(200);
    await until(wifi, 'the unassigned certificate to be revoked', (rs) => rs[0]?.state === 'revoked', cloud.output);
    expect(await caStatus(delivered.certificate!.serialNumber)).toMatchObject({ status: 'revoked', revocationReason: 'cessationOfOperation' });
    expect(await historyOf(delivered.id)).toMatch(/revoked at the CA \(cessationOfOperation\): the device no longer has the profile/);
    expect((await requests(idOf('No export')))[0]).toMatchObject({ id: failed.id, state: 'cancelled' });
    const reported = (await checkin('LAB-PKCS-01')).reported;
    expect(reported).toContainEqual(expect.objectContaining({ profileId: wifi, status: 'removed' }));
    expect(existsSync(join(stateDir('LAB-PKCS-01'), 'pkcs', `${wifi}.pem`))).toBe(false);
    const keychain = await SimulatedHsmKeyStore.open({ directory: join(stateDir('LAB-PKCS-01'), 'keychain'), passphrase: readFileSync(join(stateDir('LAB-PKCS-01'), 'keystore.passphrase'), 'utf8').trim() });
    expect(await keychain.has(`pkcs-${wifi}`)).toBe(false);

    // A new version: the old certificate stays until the new one is delivered, then is superseded.
    const vpn = idOf('VPN PKCS');
    const [v1] = await requests(vpn);
    expect((await admin.request('PATCH', `/api/profiles/${vpn}`, { description: 'version 2' })).status).toBe(200);
    await until(vpn, 'version 2 to be issued', (rs) => rs.some((r) => r.profileVersion === 2 && r.state === 'issued'));
    expect((await requests(vpn)).find((r) => r.id === v1.id)!.state).toBe('delivered');
    expect((await checkin('LAB-PKCS-01')).reported).toContainEqual(expect.objectContaining({ profileId: vpn, status: 'succeeded', version: 2 }));
    await until(vpn, 'version 1 to be superseded', (rs) => rs.find((r) => r.id === v1.id)?.state === 'revoked');
    expect(await caStatus(v1.certificate!.serialNumber)).toMatchObject({ status: 'revoked', revocationReason: 'superseded' });

    // Retired: the fleet device's issued certificate is revoked.
    const fleet = idOf('Fleet PKCS');
    const fleet01 = (await requests(fleet)).find((r) => r.deviceId === devices['FLEET-01'])!;
    expect((await admin.request('POST', `/api/devices/${devices['FLEET-01']}/retire`)).status).toBeLessThan(300);
    await until(fleet, 'the retired device\'s certificate to be revoked', (rs) => rs.find((r) => r.id === fleet01.id)?.state === 'revoked');
    expect(await caStatus(fleet01.certificate!.serialNumber)).toMatchObject({ status: 'revoked', revocationReason: 'cessationOfOperation' });
    expect((await requests(fleet)).filter((r) => r.state === 'issued')).toHaveLength(4);
  }, 180_000);
});
