/**
 * Imported PKCS#12 end to end with real processes: the built CA, cloud and connector (PFX
 * connector role) on PostgreSQL, the built `certlab` CLI as the on-prem import tool and as the
 * devices. Run `npx nx run-many -t build -p @certlab/ca @certlab/mdm-cloud @certlab/connector @certlab/device-agent` first.
 */
import { Certificate, SimulatedHsmKeyStore, buildPkcs12, encryptCms } from '@certlab/pki-core';
import { createTestHierarchy, issueTestCertificate, testKeyPair } from '@certlab/pki-core/testing';
import { type TestDatabase, createTestDatabase } from '@certlab/service-kit/testing';
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/cloud-under-test';
import { type RunningProcess, freePort, runCli, startProcess, waitFor } from '../support/processes';

const ADMIN_PASSWORD = 'int-Admin-password-1';
const ADA = 'alovelace@certlab.test';
const ALAN = 'aturing@certlab.test';
const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;

interface Imported {
  id: string;
  subject: string;
  thumbprintSha256: string;
  notAfter: string;
  state: string;
  purpose: string;
  connectorName: string | null;
  deliveries: { delivered: number; pending: number; failed: number };
}

describe('imported PKCS#12 end to end (real processes)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let work: string;
  let ca: RunningProcess;
  let cloud: RunningProcess;
  let connector: RunningProcess;
  const ports = { ca: 0, caTls: 0, cloud: 0, device: 0, connector: 0 };
  let admin: Browser;
  let anchorFile: string;
  const users: Record<string, string> = {};
  const passwords: string[] = [];
  const apiResponses: string[] = [];

  const stateDir = (name: string) => join(dataDir, 'devices', name);
  const cli = (args: string[]) => runCli(args, { CERTLAB_ADMIN_PASSWORD: ADMIN_PASSWORD, CERTLAB_API_URL: `http://127.0.0.1:${ports.cloud}` });
  const get = async <T,>(path: string): Promise<T> => {
    const res = await admin.request('GET', path);
    const text = await res.text();
    apiResponses.push(text);
    expect(res.status, text).toBe(200);
    return JSON.parse(text) as T;
  };
  const enroll = async (name: string, upn: string, platform: string) => {
    const token = await json<{ token: string }>(await admin.request('POST', '/api/enrollment-tokens', { userId: users[upn], platform }));
    const res = await runCli(['device', 'enroll', '--cloud', `https://127.0.0.1:${ports.device}`, '--token', token.token, '--platform', platform, '--name', name, '--state-dir', stateDir(name), '--ca-file', anchorFile, '--json']);
    expect(res.stderr).toBe('');
  };
  const checkin = async (name: string) => {
    const res = await runCli(['device', 'checkin', '--state-dir', stateDir(name), '--json']);
    expect(res.stderr).toBe('');
    return JSON.parse(res.stdout) as { reported: { profileId: string; status: string; errorCode?: string; message?: string; details?: Record<string, string | number> }[] };
  };
  const imported = async (upn: string) => (await get<{ items: Imported[] }>(`/api/pfx-import/users/${users[upn]}/certificates?pageSize=50`)).items;
  /** A PKCS#12 made by openssl, with its own key and an S/MIME certificate; `legacy` uses RC2/3DES and SHA-1 MAC. */
  const opensslPfx = (name: string, subject: string, password: string, extra: string[] = []) => {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '365', '-subj', subject, '-addext', 'extendedKeyUsage=emailProtection', '-addext', 'keyUsage=digitalSignature,keyEncipherment'], { stdio: 'pipe' });
    writeFileSync(join(dir, 'password'), `${password}\n`, { mode: 0o600 });
    execFileSync('openssl', ['pkcs12', '-export', '-in', join(dir, 'cert.pem'), '-inkey', join(dir, 'key.pem'), '-out', join(dir, `${name}.pfx`), '-passout', `file:${join(dir, 'password')}`, ...extra], { stdio: 'pipe' });
    passwords.push(password);
    return { pfx: join(dir, `${name}.pfx`), passwordFile: join(dir, 'password'), cert: Certificate.parse(readFileSync(join(dir, 'cert.pem'), 'utf8')) };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'certlab-pfx-'));
    work = join(dataDir, 'admin-workstation');
    for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
    ca = startProcess('apps/ca/dist/main.js', { DATABASE_URL: db.url, CERTLAB_DATA_DIR: dataDir, PORT: String(ports.ca), TLS_PORT: String(ports.caTls), CA_PUBLIC_URL: `http://127.0.0.1:${ports.ca}`, LOG_LEVEL: 'warn' });
    await waitFor('the CA', async () => ((await fetch(`http://127.0.0.1:${ports.ca}/api/health`)).ok ? true : undefined), 90_000, ca.output);
    cloud = startProcess('apps/mdm-cloud/dist/main.js', {
      DATABASE_URL: db.url,
      CERTLAB_DATA_DIR: dataDir,
      PORT: String(ports.cloud),
      DEVICE_PORT: String(ports.device),
      CA_URL: `http://127.0.0.1:${ports.ca}`,
      CA_TLS_URL: `https://127.0.0.1:${ports.caTls}`,
      CERTLAB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CONSOLE_DIR: '/nonexistent',
      // info: the flow's log lines are part of what is searched for the password.
      LOG_LEVEL: 'info',
    });
    await waitFor('the cloud', async () => ((await fetch(`http://127.0.0.1:${ports.cloud}/api/health`)).ok ? true : undefined), 90_000, cloud.output);
    anchorFile = join(dataDir, 'mdm-cloud', 'keys', 'mdm-device-ca.pem');
    admin = new Browser(`http://127.0.0.1:${ports.cloud}`);
    expect((await admin.signIn('admin', ADMIN_PASSWORD)).status).toBe(200);
    const token = await json<{ token: string }>(await admin.request('POST', '/api/connector-registration-tokens', { name: 'pfx-connector-1' }));
    connector = startProcess('apps/connector/dist/main.js', {
      DATABASE_URL: db.url,
      CERTLAB_DATA_DIR: dataDir,
      PORT: String(ports.connector),
      CLOUD_DEVICE_URL: `https://127.0.0.1:${ports.device}`,
      CLOUD_CA_FILE: anchorFile,
      CONNECTOR_REGISTRATION_TOKEN: token.token,
      CA_URL: `http://127.0.0.1:${ports.ca}`,
      CA_TLS_URL: `https://127.0.0.1:${ports.caTls}`,
      PKCS_WORKER_ENABLED: 'false',
      PFX_LEASE_WAIT_SECONDS: '1',
      LOG_LEVEL: 'info',
    });
    await waitFor('the PFX connector certificate to be published', async () => ((await get<{ items: unknown[] }>('/api/pfx-import/connector-certificates')).items.length === 1 ? true : undefined), 90_000, connector.output);
    for (const upn of [ADA, ALAN]) users[upn] = (await get<{ items: { id: string }[] }>(`/api/directory/users?search=${upn.split('@')[0]}`)).items[0].id;
    await enroll('ADA-MAC', ADA, 'macos');
    await enroll('ADA-PC', ADA, 'windows');
    await enroll('ALAN-MAC', ALAN, 'macos');
  }, 240_000);

  afterAll(async () => {
    await connector?.stop();
    await cloud?.stop();
    await ca?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the PFX connector certificate comes from the CA on the PFX connector template, for key encipherment only, its key in the connector HSM', async () => {
    const [c] = (await get<{ items: { subject: string; issuer: string; connectorName: string; certificate: string }[] }>('/api/pfx-import/connector-certificates')).items;
    expect(c.connectorName).toBe('pfx-connector-1');
    const cert = Certificate.parse(c.certificate);
    expect(cert.keyUsage).toEqual(['keyEncipherment']);
    expect(cert.issuer).toMatch(/certlab/i);
    const certs = await get<{ items: { template: string; subject: string }[] }>('/api/certificate-authorities/certificates?pageSize=200');
    expect(certs.items.filter((x) => x.template === 'CertlabPfxConnectorEncryption')).toHaveLength(1);
    const hsmDir = join(dataDir, 'connector', 'pfx-connector');
    const hsm = await SimulatedHsmKeyStore.open({ directory: join(hsmDir, 'keys'), passphrase: readFileSync(join(hsmDir, 'keystore.passphrase'), 'utf8').trim() });
    expect(Buffer.from(await hsm.getPublicKeySpki('pfx-connector-encryption')).equals(Buffer.from(cert.spki))).toBe(true);
    await expect(hsm.exportPrivateKey('pfx-connector-encryption')).rejects.toThrow(/non-exportable/);
  });

  it('openssl PFX files (default and -legacy, plus an expired one) imported by the tool reach both devices of their user with the same certificate and a matching non-exportable key; another user\'s device gets nothing', async () => {
    const modern = opensslPfx('ada-2026', '/CN=Ada Lovelace/emailAddress=alovelace@certlab.test/O=certlab S-MIME', 'correct horse battery staple 2026');
    const legacy = opensslPfx('ada-legacy', '/CN=Ada Lovelace (legacy)/emailAddress=alovelace@certlab.test', 'Tr0ub4dor&3-legacy', ['-legacy']);
    for (const f of [modern, legacy]) {
      const res = await cli(['pfx', 'import', '--file', f.pfx, '--password-file', f.passwordFile, '--user', ADA, '--purpose', 'smimeEncryption', '--json']);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ thumbprintSha256: f.cert.thumbprintSha256, state: 'valid', connectorName: 'pfx-connector-1' });
    }
    // Old mail must still decrypt: an expired certificate (pki-core-made, backdated) is imported and delivered too.
    const hierarchy = await createTestHierarchy();
    const keys = await webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    const { certificate: old } = await issueTestCertificate(hierarchy.issuing, { subject: 'CN=Ada Lovelace (2023), O=certlab', keys, extendedKeyUsage: ['emailProtection'], notBefore: new Date('2023-01-01T00:00:00Z'), notAfter: new Date('2024-01-01T00:00:00Z') });
    const oldPassword = 'expired but still needed 2023';
    passwords.push(oldPassword);
    mkdirSync(join(work, 'old'), { recursive: true });
    writeFileSync(join(work, 'old', 'ada-2023.p12'), await buildPkcs12({ privateKey: keys.privateKey, certificate: old.der, password: oldPassword }));
    writeFileSync(join(work, 'old', 'password'), oldPassword);
    const res = await cli(['pfx', 'import', '--file', join(work, 'old', 'ada-2023.p12'), '--password-file', join(work, 'old', 'password'), '--user', ADA, '--json']);
    expect(res.code, res.stderr).toBe(0);

    const list = await imported(ADA);
    expect(list.map((i) => i.subject)).toEqual([expect.stringMatching(/legacy|S-MIME/), expect.stringMatching(/legacy|S-MIME/), 'CN=Ada Lovelace (2023), O=certlab']);
    expect(list[2].state).toBe('expired');

    const groupId = (await json<{ id: string }>(await admin.request('POST', '/api/directory/groups', { name: 'S/MIME users' }))).id;
    for (const upn of [ADA, ALAN]) expect((await admin.request('POST', `/api/directory/groups/${groupId}/members`, { kind: 'user', id: users[upn] })).status).toBe(201);
    const created = await admin.request('POST', '/api/profiles', {
      type: 'pkcsImported',
      name: 'S/MIME encryption (imported)',
      platforms: ['macos', 'windows'],
      settings: { intendedPurpose: 'smimeEncryption', keyStorageProvider: 'tpmOrSoftware' },
      assignments: [{ groupId, mode: 'include' }],
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const profileId = (await json<{ id: string }>(created)).id;

    const expected = [modern.cert.thumbprintSha256, legacy.cert.thumbprintSha256, old.thumbprintSha256].sort().join(',');
    for (const device of ['ADA-MAC', 'ADA-PC']) {
      const report = await waitFor(`${device} to install its imported certificates`, async () => {
        const r = (await checkin(device)).reported.find((x) => x.profileId === profileId);
        return r?.status === 'succeeded' ? r : undefined;
      }, 60_000, connector.output);
      expect(report.details).toMatchObject({ certificates: 3, thumbprints: expected });
      const passphrase = readFileSync(join(stateDir(device), 'keystore.passphrase'), 'utf8').trim();
      // Windows has a TPM: the keys land there; the Mac keeps them in its keychain. Both non-exportable.
      const store = await SimulatedHsmKeyStore.open({ directory: join(stateDir(device), device === 'ADA-PC' ? 'tpm' : 'keychain'), passphrase });
      for (const thumbprint of expected.split(',')) {
        const cert = Certificate.parse(readFileSync(join(stateDir(device), 'pfx', `${thumbprint}.pem`), 'utf8'));
        expect(cert.thumbprintSha256).toBe(thumbprint);
        const name = `pfx-${thumbprint.slice(0, 40).toLowerCase()}`;
        expect(Buffer.from(await store.getPublicKeySpki(name)).equals(Buffer.from(cert.spki))).toBe(true);
        // The key signs what the certificate verifies: the same key pair as the PFX.
        const { privateKey } = await store.getKeyPair(name);
        const data = new TextEncoder().encode(`${device} holds ${thumbprint}`);
        const sig = await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, data);
        const pub = await webcrypto.subtle.importKey('spki', cert.spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
        expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', pub, sig, data)).toBe(true);
        await expect(store.exportPrivateKey(name)).rejects.toThrow(/non-exportable/);
      }
    }
    const alan = (await checkin('ALAN-MAC')).reported.find((x) => x.profileId === profileId);
    expect(alan).toMatchObject({ status: 'succeeded', details: { certificates: 0 } });
    expect(existsSync(join(stateDir('ALAN-MAC'), 'pfx'))).toBe(false);

    const after = await imported(ADA);
    expect(after.every((i) => i.deliveries.delivered === 2 && i.deliveries.failed === 0)).toBe(true);
    const statuses = await get<{ items: { deviceName: string; status: string }[] }>(`/api/profiles/${profileId}/device-status?pageSize=50`);
    expect(statuses.items.filter((s) => s.deviceName.startsWith('ADA-')).map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    expect(connector.output.join('')).toMatch(/flow=pfx step=8 delivery=/);
  }, 240_000);

  it('a wrong password, a PFX without a key, a corrupt file and a password encrypted to an unknown connector certificate are refused clearly and store nothing', async () => {
    const before = (await imported(ALAN)).length;
    const f = opensslPfx('alan', '/CN=Alan Turing/emailAddress=aturing@certlab.test', 'enigma-bombe-1940');
    writeFileSync(join(work, 'wrong'), 'not the password\n');
    const wrong = await cli(['pfx', 'import', '--file', f.pfx, '--password-file', join(work, 'wrong'), '--user', ALAN]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/the password does not open this PKCS#12/);

    const certsOnly = join(work, 'alan', 'certs-only.pfx');
    execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', join(work, 'alan', 'cert.pem'), '-out', certsOnly, '-passout', `file:${f.passwordFile}`], { stdio: 'pipe' });
    const nokey = await cli(['pfx', 'import', '--file', certsOnly, '--password-file', f.passwordFile, '--user', ALAN]);
    expect(nokey.code).not.toBe(0);
    expect(nokey.stderr).toMatch(/holds no private key/);

    const corrupt = join(work, 'alan', 'corrupt.pfx');
    writeFileSync(corrupt, readFileSync(f.pfx).subarray(0, 200));
    const bad = await cli(['pfx', 'import', '--file', corrupt, '--password-file', f.passwordFile, '--user', ALAN]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/not a readable PKCS#12|does not open/);

    // What a tool that skipped its checks would send: the cloud refuses on its own.
    const [connectorCert] = (await get<{ items: { thumbprintSha256: string; certificate: string }[] }>('/api/pfx-import/connector-certificates')).items;
    const hierarchy = await createTestHierarchy();
    const { certificate: stranger } = await issueTestCertificate(hierarchy.issuing, { subject: 'CN=rogue PFX connector', keys: await testKeyPair({ kind: 'rsa', bits: 2048 }, 'rogue'), keyUsage: ['keyEncipherment'] });
    const toStranger = Buffer.from(await encryptCms({ content: new TextEncoder().encode('enigma-bombe-1940'), recipients: [{ certificate: stranger.der, keyWrap: 'rsa-oaep-sha256' }], cipher: 'aes-256-cbc' })).toString('base64');
    const body = { userPrincipalName: ALAN, purpose: 'smimeEncryption', pfx: readFileSync(f.pfx).toString('base64'), encryptedPassword: toStranger, connectorThumbprint: stranger.thumbprintSha256, certificate: f.cert.pem };
    const unknown = await admin.request('POST', '/api/pfx-import/certificates', body);
    expect(unknown.status).toBe(400);
    expect((await json<{ detail: string }>(unknown)).detail).toMatch(/No PFX connector published a certificate/);
    const mislabelled = await admin.request('POST', '/api/pfx-import/certificates', { ...body, connectorThumbprint: connectorCert.thumbprintSha256 });
    expect(mislabelled.status).toBe(400);
    expect((await json<{ title: string }>(mislabelled)).title).toMatch(/not encrypted to the named PFX connector certificate/);
    const garbage = await admin.request('POST', '/api/pfx-import/certificates', {
      ...body,
      connectorThumbprint: connectorCert.thumbprintSha256,
      encryptedPassword: Buffer.from(await encryptCms({ content: new TextEncoder().encode('x'), recipients: [{ certificate: Certificate.parse(connectorCert.certificate).der, keyWrap: 'rsa-oaep-sha256' }], cipher: 'aes-256-cbc' })).toString('base64'),
      pfx: Buffer.from('this is not a PKCS#12 file at all').toString('base64'),
    });
    expect(garbage.status).toBe(400);
    expect((await json<{ title: string }>(garbage)).title).toMatch(/not a readable PKCS#12/);
    expect(await imported(ALAN)).toHaveLength(before);
  }, 120_000);

  it('bulk import from a CSV imports the good rows, reports each bad one, and prints a summary', async () => {
    const good = opensslPfx('bulk-good', '/CN=Alan Turing (bulk)/emailAddress=aturing@certlab.test', 'bulk password, with a comma');
    const other = opensslPfx('bulk-bad', '/CN=Alan Turing (bulk bad)/emailAddress=aturing@certlab.test', 'bulk-right-password');
    writeFileSync(join(work, 'bulk-wrong'), 'bulk-wrong-password\n');
    const csv = join(work, 'bulk.csv');
    writeFileSync(csv, ['file,user,passwordFile,purpose', `${good.pfx},${ALAN},${good.passwordFile},smimeSigning`, `${other.pfx},${ALAN},bulk-wrong,smimeEncryption`, `missing.pfx,${ALAN},,`].join('\n'));
    const res = await cli(['pfx', 'import', '--csv', csv, '--json']);
    expect(res.code).toBe(1);
    const summary = JSON.parse(res.stdout) as { imported: number; failed: number; items: { source: string; ok: boolean; error?: string }[] };
    expect(summary).toMatchObject({ imported: 1, failed: 2 });
    expect(summary.items.find((i) => i.source === 'bulk-bad.pfx')?.error).toMatch(/the password does not open/);
    expect(summary.items.find((i) => i.source.includes('line 4'))?.error).toMatch(/required/);
    const alans = await imported(ALAN);
    expect(alans.map((i) => [i.subject, i.purpose])).toContainEqual([expect.stringContaining('Alan Turing (bulk)'), 'smimeSigning']);
    expect(alans.some((i) => i.subject.includes('bulk bad'))).toBe(false);
    const table = await cli(['pfx', 'import', '--csv', csv]);
    expect(table.stdout).toMatch(/0 imported, 3 failed/);
    expect(table.stdout).toMatch(/already imported/);
  }, 120_000);

  it('the cloud never holds a PFX password in clear: not in its database, its log or its API answers', async () => {
    expect(passwords.length).toBeGreaterThanOrEqual(4);
    const dump = execFileSync('pg_dump', ['--data-only', '--schema=mdm_cloud', db.url], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
    expect(dump).toMatch(/imported_pfx/);
    apiResponses.push(await (await admin.request('GET', '/api/audit?pageSize=200')).text());
    apiResponses.push(await (await admin.request('GET', '/api/profiles?pageSize=100')).text());
    const haystacks = { database: dump, log: cloud.output.join(''), api: apiResponses.join('\n') };
    for (const password of passwords) {
      const forms = [password, Buffer.from(password).toString('base64'), Buffer.from(password).toString('hex')];
      for (const [where, text] of Object.entries(haystacks)) for (const form of forms) expect(text.includes(form), `${where} contains a PFX password`).toBe(false);
    }
    // Nor does the connector log it, though it holds it for a moment.
    for (const password of passwords) expect(connector.output.join('')).not.toContain(password);
    expect(readdirSync(join(dataDir, 'devices'))).toHaveLength(3);
  });
});
