/**
 * SCEP with a real device (seed SCEP steps 1–6): the CA, the connector and the device (the built
 * `certlab` CLI) run as child processes; the cloud runs in this process on port 0 so the test can
 * read its tables. An administrator creates the profiles through the admin API; the device checks
 * in, runs its SCEP client against the connector and reports what it installed. Then: PENDING on a
 * template that needs approval, CertPoll after the CA manager approves; and a stock client's
 * request built with openssl from the payload the admin API hands out.
 * Build first: `npx nx run-many -t build -p @certlab/ca @certlab/connector @certlab/mdm-cloud @certlab/device-agent`.
 */
import { type Profile, type ScepIssuance, type ScepPayloadResponse } from '@certlab/contracts';
import {
  Certificate,
  CertificateRequest,
  SoftwareKeyStore,
  buildPkcsReq,
  createSelfSignedCertificate,
  exportPkcs8,
  parseGetCaCertResponse,
  readCertRep,
  rsaUnwrapperFromKey,
  selectRecipientCertificate,
} from '@certlab/pki-core';
import { createTestDatabase, type TestDatabase } from '@certlab/service-kit/testing';
import { execFileSync, spawn } from 'node:child_process';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceChannelServer } from '../../src/device-channel/device-channel.server';
import { Browser, type CloudUnderTest, startCloud } from '../support/cloud-under-test';
import { type RunningProcess, freePort, runCli, startProcess, waitFor } from '../support/processes';

const ADMIN_PASSWORD = 'scep-Admin-password-1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

let db: TestDatabase;
let dataDir: string;
let cloud: CloudUnderTest;
let ca: RunningProcess;
let connector: RunningProcess;
let admin: Browser;
let deviceUrl: string;
let scepUrl: string;
let ndesUrl: string;
let caChain: Certificate[];
let engineeringId: string;
let rootProfile: Profile;
let deviceProfile: Profile;
let deviceId: string;
const stateDir = () => join(dataDir, 'devices', 'LAPTOP-SCEP');
const checkIn = async () => {
  const res = await runCli(['device', 'checkin', '--state-dir', stateDir(), '--json']);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as { reported: { profileId: string; status: string; errorCode?: string; message?: string; details?: Record<string, string> }[] };
};
const deviceStatus = async () => {
  const res = await runCli(['device', 'status', '--state-dir', stateDir(), '--json']);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as { scepCertificates: { profileId: string; keyName: string; keyStore: string; thumbprintSha1: string; serialNumber: string; notAfter: string }[] };
};
const issuances = async (profileId: string) => (await json<{ items: ScepIssuance[] }>(await admin.request('GET', `/api/scep/issuances?profileId=${profileId}`))).items;

async function createProfile(body: Record<string, unknown>): Promise<Profile> {
  const res = await admin.request('POST', '/api/profiles', body);
  const out = await json<Profile & { detail?: string }>(res);
  expect(res.status, out.detail).toBe(201);
  return out;
}

const scepSettings = (over: Record<string, unknown> = {}) => ({
  certificateType: 'device',
  subjectNameFormat: 'CN={{DeviceName}},O=certlab',
  subjectAlternativeNames: [
    { type: 'dns', template: '{{DeviceName}}.certlab.test' },
    { type: 'uri', template: 'IntuneDeviceId://{{DeviceId}}' },
  ],
  keyStorageProvider: 'software',
  keySize: 'rsa2048',
  hashAlgorithm: 'SHA-256',
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  extendedKeyUsages: [{ name: 'Client Authentication', oid: CLIENT_AUTH }],
  renewalThresholdPercent: 20,
  trustedRootProfileId: rootProfile.id,
  scepServerUrls: [ndesUrl],
  ...over,
});

beforeAll(async () => {
  db = await createTestDatabase('certlab_scep_device');
  dataDir = mkdtempSync(join(tmpdir(), 'certlab-scep-device-'));
  const [caPort, caTlsPort, connectorPort] = [await freePort(), await freePort(), await freePort()];
  const caHttp = `http://127.0.0.1:${caPort}`;
  // The cloud's CA relay (approve at the CA) reads its settings from the process environment.
  Object.assign(process.env, { CERTLAB_DATA_DIR: dataDir, CA_URL: caHttp, CA_TLS_URL: `https://127.0.0.1:${caTlsPort}` });
  cloud = await startCloud({ DATABASE_URL: db.url, CERTLAB_DATA_DIR: dataDir, DEVICE_PORT: '0', CERTLAB_ADMIN_PASSWORD: ADMIN_PASSWORD, CA_URL: caHttp, LOG_LEVEL: 'error' });
  deviceUrl = `https://127.0.0.1:${cloud.app.get(DeviceChannelServer).port}`;
  ca = startProcess('apps/ca/dist/main.js', { DATABASE_URL: db.url, CERTLAB_DATA_DIR: dataDir, PORT: String(caPort), TLS_PORT: String(caTlsPort), CA_PUBLIC_URL: caHttp, LOG_LEVEL: 'warn' });
  await waitFor('the CA', async () => ((await fetch(`${caHttp}/api/health`)).ok ? true : undefined), 120_000, ca.output);
  connector = startProcess('apps/connector/dist/main.js', {
    DATABASE_URL: db.url,
    CERTLAB_DATA_DIR: dataDir,
    PORT: String(connectorPort),
    CA_URL: caHttp,
    CA_TLS_URL: `https://127.0.0.1:${caTlsPort}`,
    CLOUD_DEVICE_URL: deviceUrl,
    CONNECTOR_REGISTRATION_TOKEN_FILE: 'mdm-cloud/local-connector-registration.token',
    // User certificates go to the template that pends for a CA manager: PENDING → approve → CertPoll.
    SCEP_TEMPLATE_USER: 'CertlabScepApproval',
    LOG_LEVEL: 'info',
  });
  await waitFor('the connector', async () => ((await fetch(`http://127.0.0.1:${connectorPort}/api/health`)).ok ? true : undefined), 120_000, connector.output);
  await waitFor('the connector to register', async () => (existsSync(join(dataDir, 'connector', 'cloud-registration.json')) ? true : undefined), 60_000, connector.output);
  ndesUrl = `http://127.0.0.1:${connectorPort}/certsrv/mscep/mscep.dll`;
  scepUrl = `${ndesUrl}/pkiclient.exe`;
  const res = await fetch(`${scepUrl}?operation=GetCACert`);
  caChain = parseGetCaCertResponse(res.headers.get('content-type') ?? '', new Uint8Array(await res.arrayBuffer())).map((d) => Certificate.parse(d));

  admin = new Browser(cloud.url);
  expect((await admin.signIn('admin', ADMIN_PASSWORD)).status).toBe(200);
  const groups = await json<{ items: { id: string; name: string }[] }>(await admin.request('GET', '/api/directory/groups?search=Engineering'));
  engineeringId = groups.items.find((g) => g.name === 'Engineering')!.id;
  const users = await json<{ items: { id: string }[] }>(await admin.request('GET', '/api/directory/users?search=lovelace'));
  const token = await json<{ token: string }>(await admin.request('POST', '/api/enrollment-tokens', { userId: users.items[0].id, platform: 'windows' }));
  const enrolled = await runCli(['device', 'enroll', '--cloud', deviceUrl, '--token', token.token, '--platform', 'windows', '--name', 'LAPTOP-SCEP', '--state-dir', stateDir(), '--json']);
  expect(enrolled.stderr).toBe('');
  deviceId = (JSON.parse(enrolled.stdout) as { deviceId: string }).deviceId;

  const root = caChain.find((c) => c.isCa && c.isSelfIssued)!;
  rootProfile = await createProfile({ name: 'certlab Root CA', type: 'trustedRoot', platforms: ['windows'], settings: { kind: 'upload', certificate: root.pem }, assignments: [{ groupId: engineeringId, mode: 'include' }] });
}, 300_000);

afterAll(async () => {
  await connector?.stop();
  await ca?.stop();
  await cloud?.close();
  await db?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('SCEP profile settings', () => {
  it('fail/an ECDSA key for Windows and a user variable in a device certificate are refused with reasons', async () => {
    const res = await admin.request('POST', '/api/profiles', { name: 'Bad', type: 'scep', platforms: ['windows'], settings: scepSettings({ keySize: 'ecP256', subjectNameFormat: 'CN={{UserPrincipalName}}' }) });
    expect(res.status).toBe(400);
    const problem = await json<{ code: string; detail: string }>(res);
    expect(problem.code).toBe('scepSettingsInvalid');
    expect(problem.detail).toContain('ECDSA P-256 is not offered by the SCEP client of Windows');
    expect(problem.detail).toContain('{{UserPrincipalName}}');
    expect((await json<{ total: number }>(await admin.request('GET', '/api/profiles?type=scep'))).total).toBe(0);
  });

  it('ok/a root not assigned to the same groups is a warning on the saved profile', async () => {
    const sales = (await json<{ items: { id: string; name: string }[] }>(await admin.request('GET', '/api/directory/groups?search=Sales'))).items.find((g) => g.name === 'Sales')!;
    const p = await createProfile({ name: 'Warned', type: 'scep', platforms: ['windows'], settings: scepSettings(), assignments: [{ groupId: sales.id, mode: 'include' }] });
    expect(p.type === 'scep' && p.settings.warnings.map((w) => w.code)).toEqual(['rootNotAssignedToSameGroups']);
    expect((await admin.request('DELETE', `/api/profiles/${p.id}`)).status).toBe(204);
  });
});

describe('a device enrolls by SCEP', () => {
  it('ok/the device ends with the rendered subject and SANs, chained to the root, its key only in its keystore', async () => {
    deviceProfile = await createProfile({ name: 'Device Wi-Fi', type: 'scep', platforms: ['windows'], settings: scepSettings(), assignments: [{ groupId: engineeringId, mode: 'include' }] });
    const result = await checkIn();
    const report = result.reported.find((r) => r.profileId === deviceProfile.id)!;
    expect(report, JSON.stringify(result.reported)).toMatchObject({ status: 'succeeded' });
    expect(result.reported.find((r) => r.profileId === rootProfile.id)).toMatchObject({ status: 'succeeded' });

    const held = (await deviceStatus()).scepCertificates.find((c) => c.profileId === deviceProfile.id)!;
    expect(held.keyStore).toBe('software');
    const certPem = JSON.parse(readFileSync(join(stateDir(), 'scep', 'certificates.json'), 'utf8')).certificates[0].certificate as string;
    const cert = Certificate.parse(certPem);
    expect(cert.subject).toBe('CN=LAPTOP-SCEP, O=certlab');
    expect(cert.subjectAltNames).toEqual([{ type: 'dns', value: 'LAPTOP-SCEP.certlab.test' }, { type: 'uri', value: `IntuneDeviceId://${deviceId}` }]);
    expect(cert.extendedKeyUsage).toEqual([CLIENT_AUTH]);

    // openssl, not our code, checks the chain: root as the trust anchor, the issuing CA untrusted.
    const work = mkdtempSync(join(tmpdir(), 'scep-verify-'));
    writeFileSync(join(work, 'leaf.pem'), certPem);
    writeFileSync(join(work, 'root.pem'), caChain.find((c) => c.isSelfIssued)!.pem);
    writeFileSync(join(work, 'issuing.pem'), caChain.filter((c) => c.isCa && !c.isSelfIssued).map((c) => c.pem).join(''));
    expect(execFileSync('openssl', ['verify', '-CAfile', join(work, 'root.pem'), '-untrusted', join(work, 'issuing.pem'), join(work, 'leaf.pem')], { encoding: 'utf8' })).toContain('leaf.pem: OK');

    // The private key: in the device's key store, matching the certificate, and nowhere else.
    const passphrase = readFileSync(join(stateDir(), 'keystore.passphrase'), 'utf8').trim();
    const keys = await SoftwareKeyStore.open({ directory: join(stateDir(), 'keys'), passphrase });
    const pkcs8 = await keys.exportPrivateKey(held.keyName);
    expect(Buffer.from(await keys.getPublicKeySpki(held.keyName))).toEqual(Buffer.from(cert.spki));
    const jwk = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
    const prime = Buffer.from(jwk.p!, 'base64url');
    const needles = [prime.toString('hex'), prime.toString('base64').slice(4, 60), Buffer.from(pkcs8).toString('base64').slice(40, 120)];
    const dbText = await databaseText();
    const files = filesUnder(dataDir).filter((f) => !f.startsWith(join(dataDir, 'devices')));
    expect(files.length).toBeGreaterThan(5);
    for (const needle of needles) {
      expect(dbText.includes(needle)).toBe(false);
      for (const f of files) expect(readFileSync(f).includes(needle), f).toBe(false);
      for (const f of files) expect(readFileSync(f).includes(prime), f).toBe(false);
    }

    // The cloud tracked it: challenge issued, validated, issued (connector), installed (device).
    const [row] = await issuances(deviceProfile.id);
    expect(row).toMatchObject({ deviceId, state: 'installed', thumbprint: cert.thumbprintSha1.toUpperCase(), serialNumber: cert.serialNumber, expiresAt: cert.notAfter.toISOString(), template: 'CertlabScepDevice' });
    const history = await json<{ items: { state: string }[] }>(await admin.request('GET', `/api/scep/issuances/${deviceId}/${deviceProfile.id}/history`));
    expect(history.items.map((h) => h.state).reverse()).toEqual(['challengeIssued', 'challengeValidationSucceeded', 'issued', 'installed']);
  });

  it('ok/check-ins after the install mint no challenge and change nothing', async () => {
    const count = async () => Number((await cloud.app.get(DataSource).query(`SELECT count(*)::text AS n FROM "mdm_cloud"."scep_challenge"`))[0].n);
    const before = await count();
    const again = await checkIn();
    expect(again.reported.filter((r) => r.profileId === deviceProfile.id)).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('ok/PENDING at the CA, the manager approves, the next check-in polls and installs', async () => {
    const userProfile = await createProfile({
      name: 'User VPN (approval)',
      type: 'scep',
      platforms: ['windows'],
      settings: scepSettings({ certificateType: 'user', subjectNameFormat: 'CN={{UserName}},O=certlab', subjectAlternativeNames: [{ type: 'upn', template: '{{UserPrincipalName}}' }] }),
      assignments: [{ groupId: engineeringId, mode: 'include' }],
    });
    const first = await checkIn();
    expect(first.reported.find((r) => r.profileId === userProfile.id)).toMatchObject({ status: 'pending', details: { scepState: 'issuePending' } });
    expect((await issuances(userProfile.id))[0].state).toBe('issuePending');

    const pending = await json<{ items: { requestId: number; template: string; status: string }[] }>(await admin.request('GET', '/api/certificate-authorities/requests?status=pending'));
    const request = pending.items.find((r) => r.template === 'CertlabScepApproval')!;
    expect(request).toBeDefined();
    const approved = await admin.request('POST', `/api/certificate-authorities/requests/${request.requestId}/approve`);
    expect(approved.status, await approved.clone().text()).toBeLessThan(300);

    // The first CertPoll waits 2 s after the PKCSReq.
    await new Promise((r) => setTimeout(r, 2500));
    const second = await checkIn();
    const report = second.reported.find((r) => r.profileId === userProfile.id)!;
    expect(report, JSON.stringify(report)).toMatchObject({ status: 'succeeded' });
    const held = (await deviceStatus()).scepCertificates.find((c) => c.profileId === userProfile.id)!;
    expect(held.thumbprintSha1).toBe(report.details!.thumbprint);
    const [row] = await issuances(userProfile.id);
    expect(row).toMatchObject({ state: 'installed', thumbprint: held.thumbprintSha1 });
  });
});

describe('stock clients', () => {
  let payload: ScepPayloadResponse;

  it('ok/the CLI hands an administrator the payload; the challenge is audited but never logged', async () => {
    const res = await runCli(['scep', 'payload', '--device', deviceId, '--profile', deviceProfile.id, '--api', cloud.url, '--user', 'admin', '--json'], { CERTLAB_ADMIN_PASSWORD: ADMIN_PASSWORD });
    expect(res.stderr).toBe('');
    payload = JSON.parse(res.stdout) as ScepPayloadResponse;
    expect(payload).toMatchObject({ deviceId, subject: 'CN=LAPTOP-SCEP,O=certlab', keySpec: { kind: 'rsa', bits: 2048 }, scepUrls: [ndesUrl] });
    expect(payload.challenge).toMatch(/^[0-9a-f]{64}$/);
    const audit = await json<{ items: { action: string; details: Record<string, unknown> }[] }>(await admin.request('GET', '/api/audit?action=scep.payload.issue'));
    const entry = audit.items.find((a) => a.action === 'scep.payload.issue');
    expect(entry).toBeDefined();
    expect(JSON.stringify(audit)).not.toContain(payload.challenge);
    expect(connector.output.join('')).not.toContain(payload.challenge);
    const denied = await fetch(`${cloud.url}/api/devices/${deviceId}/scep-payload/${deviceProfile.id}`);
    expect(denied.status).toBe(401);
  });

  it('ok/an openssl-built request with the challenge enrolls through the same path', async () => {
    const work = mkdtempSync(join(tmpdir(), 'scep-openssl-'));
    const sans = payload.subjectAlternativeNames.map((s) => `${s.type === 'dns' ? 'DNS' : 'URI'}:${s.value}`).join(',');
    writeFileSync(
      join(work, 'req.cnf'),
      [
        '[req]',
        'prompt = no',
        'distinguished_name = dn',
        'attributes = attrs',
        'req_extensions = ext',
        '[dn]',
        'CN = LAPTOP-SCEP',
        'O = certlab',
        '[attrs]',
        `challengePassword = ${payload.challenge}`,
        '[ext]',
        'keyUsage = critical, digitalSignature, keyEncipherment',
        'extendedKeyUsage = clientAuth',
        `subjectAltName = ${sans}`,
        '',
      ].join('\n'),
    );
    execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(work, 'key.pem'), '-config', join(work, 'req.cnf'), '-outform', 'DER', '-out', join(work, 'req.der')], { stdio: 'pipe' });
    const csr = CertificateRequest.parse(new Uint8Array(readFileSync(join(work, 'req.der'))));
    expect(csr.challengePassword).toBe(payload.challenge);
    // openssl cannot add SCEP's authenticated attributes, so the PKIMessage around its CSR is built here.
    const keyDer = execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', join(work, 'key.pem'), '-outform', 'DER']);
    const privateKey = await webcrypto.subtle.importKey('pkcs8', keyDer, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
    const publicKey = await webcrypto.subtle.importKey('spki', csr.spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
    const self = await createSelfSignedCertificate({ subject: 'CN=openssl client', keys: { privateKey, publicKey } });
    const built = await buildPkcsReq({ csrDer: csr.der, signerCert: self.der, signerKey: privateKey, recipientCert: selectRecipientCertificate(caChain.map((c) => c.der)) });
    const res = await fetch(`${scepUrl}?operation=PKIOperation`, { method: 'POST', headers: { 'content-type': 'application/x-pki-message' }, body: Buffer.from(built.der) });
    const signing = caChain.find((c) => !c.isCa && c.keyUsage?.includes('digitalSignature'))!;
    const outcome = await readCertRep(new Uint8Array(await res.arrayBuffer()), { request: built.model, raCertificate: signing.der, unwrapper: rsaUnwrapperFromKey(await exportPkcs8(privateKey)) });
    expect(outcome.pkiStatus, JSON.stringify(outcome)).toBe('SUCCESS');
    if (outcome.pkiStatus !== 'SUCCESS') return;
    const cert = Certificate.parse(outcome.certificates[0]);
    expect(cert.subject).toBe('CN=LAPTOP-SCEP, O=certlab');
    writeFileSync(join(work, 'leaf.pem'), cert.pem);
    writeFileSync(join(work, 'root.pem'), payload.trustedRootCertificate);
    writeFileSync(join(work, 'issuing.pem'), caChain.filter((c) => c.isCa && !c.isSelfIssued).map((c) => c.pem).join(''));
    expect(execFileSync('openssl', ['x509', '-noout', '-modulus', '-in', join(work, 'leaf.pem')], { encoding: 'utf8' })).toBe(execFileSync('openssl', ['rsa', '-noout', '-modulus', '-in', join(work, 'key.pem')], { encoding: 'utf8' }));
    expect(execFileSync('openssl', ['verify', '-CAfile', join(work, 'root.pem'), '-untrusted', join(work, 'issuing.pem'), join(work, 'leaf.pem')], { encoding: 'utf8' })).toContain('OK');
  });
});

describe('certmonger', () => {
  it('ok/certmonger\'s daemon enrolls (getcert add-scep-ca, getcert request -L <challenge>) and its certificate chains with openssl verify', async () => {
    // certmonger can ask for DNS names but not URIs: a profile with a DNS SAN only.
    const profile = await createProfile({
      name: 'certmonger host',
      type: 'scep',
      platforms: ['windows'],
      settings: scepSettings({ subjectNameFormat: 'CN={{DeviceName}}', subjectAlternativeNames: [{ type: 'dns', template: '{{DeviceName}}.certmonger.test' }] }),
      assignments: [{ groupId: engineeringId, mode: 'include' }],
    });
    const res = await runCli(['scep', 'payload', '--device', deviceId, '--profile', profile.id, '--api', cloud.url, '--json'], { CERTLAB_ADMIN_PASSWORD: ADMIN_PASSWORD });
    expect(res.stderr).toBe('');
    const p = JSON.parse(res.stdout) as ScepPayloadResponse;
    const work = mkdtempSync(join(tmpdir(), 'scep-certmonger-'));
    for (const d of ['requests', 'cas', 'tmp']) mkdirSync(join(work, d));
    writeFileSync(
      join(work, 'enroll.sh'),
      [
        'set -e',
        `getcert add-scep-ca -s -c certlab -u '${p.scepUrls[0]}/pkiclient.exe'`,
        `getcert request -s -c certlab -f '${work}/cert.pem' -k '${work}/key.pem' -L '${p.challenge}' -N '${p.subject}' -D '${p.subjectAlternativeNames[0].value}' -u digitalSignature -u keyEncipherment -U ${CLIENT_AUTH} -g 2048 -w -v`,
        'getcert list -s',
        '',
      ].join('\n'),
      // The script holds the challenge: readable by this user only.
      { mode: 0o600 },
    );
    const out = await new Promise<{ code: number; output: string }>((done) => {
      const child = spawn('dbus-run-session', ['--', 'certmonger', '-s', '-n', '-c', `sh ${join(work, 'enroll.sh')}`], {
        env: { ...process.env, CERTMONGER_REQUESTS_DIR: join(work, 'requests'), CERTMONGER_CAS_DIR: join(work, 'cas'), CERTMONGER_TMPDIR: join(work, 'tmp') },
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const timer = setTimeout(() => child.kill('SIGTERM'), 90_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        done({ code: code ?? -1, output });
      });
    });
    expect(existsSync(join(work, 'cert.pem')), out.output).toBe(true);
    const cert = Certificate.parse(readFileSync(join(work, 'cert.pem'), 'utf8'));
    expect(cert.subject).toBe('CN=LAPTOP-SCEP');
    // certmonger writes DNS names in lower case; DNS names compare case-insensitively.
    expect(cert.subjectAltNames).toEqual([{ type: 'dns', value: 'laptop-scep.certmonger.test' }]);
    writeFileSync(join(work, 'root.pem'), p.trustedRootCertificate);
    writeFileSync(join(work, 'issuing.pem'), caChain.filter((c) => c.isCa && !c.isSelfIssued).map((c) => c.pem).join(''));
    expect(execFileSync('openssl', ['verify', '-CAfile', join(work, 'root.pem'), '-untrusted', join(work, 'issuing.pem'), join(work, 'cert.pem')], { encoding: 'utf8' })).toContain('OK');
    expect(execFileSync('openssl', ['x509', '-noout', '-modulus', '-in', join(work, 'cert.pem')], { encoding: 'utf8' })).toBe(execFileSync('openssl', ['rsa', '-noout', '-modulus', '-in', join(work, 'key.pem')], { encoding: 'utf8' }));
    const [row] = await issuances(profile.id);
    expect(row).toMatchObject({ state: 'issued', serialNumber: cert.serialNumber, thumbprint: cert.thumbprintSha1.toUpperCase() });
  }, 120_000);
});

/** Every row of the cloud's, the connector's and the CA's tables as text (bytea as hex). */
async function databaseText(): Promise<string> {
  const ds = cloud.app.get(DataSource);
  const tables: { s: string; t: string }[] = await ds.query(`SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('mdm_cloud', 'ca', 'connector') AND table_type = 'BASE TABLE'`);
  expect(tables.map((x) => x.s)).toEqual(expect.arrayContaining(['mdm_cloud', 'ca', 'connector']));
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const rows: { row: string }[] = await ds.query(`SELECT x::text AS row FROM "${s}"."${t}" x`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
