import { createCertificateRequest, exportPkcs8, generateKeyPair, pkcs8ToPem } from '@certlab/pki-core';
import { createTestDatabase, type TestDatabase } from '@certlab/service-kit/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, type CloudUnderTest, startCloud } from '../support/cloud-under-test';
import { devicePortRequest } from '../support/mtls-client';
import { type RunningProcess, freePort, startProcess, waitFor } from '../support/processes';

const ADMIN_PASSWORD = 'relay-Admin-password-1';
const OPERATOR = { username: 'olga', password: 'relay operator password 1' };
const b64 = (der: Uint8Array) => Buffer.from(der).toString('base64');

/**
 * The console's CA section through the cloud relay: the CA as a real process (apps/ca/dist), the
 * cloud in this process, both on PostgreSQL. Proves reads, the administrator-only writes, that the
 * CA's audit names the console user, that CA problems pass through, and what an operator is told
 * when the CA is down or its data was reset.
 */
describe('the CA relay (real CA process, cloud in-process)', () => {
  let caDb: TestDatabase;
  let cloudDb: TestDatabase;
  let dataDir: string;
  let ca: RunningProcess | undefined;
  let cloud: CloudUnderTest;
  let admin: Browser;
  let operator: Browser;
  const ports = { ca: 0, caTls: 0 };
  let issuedSerial = '';
  let relayKeyDir = '';
  let savedTlsUrl: string | undefined;

  const startCa = async () => {
    ca = startProcess('apps/ca/dist/main.js', {
      DATABASE_URL: caDb.url,
      CERTLAB_DATA_DIR: dataDir,
      PORT: String(ports.ca),
      TLS_PORT: String(ports.caTls),
      CA_PUBLIC_URL: `http://127.0.0.1:${ports.ca}`,
      LOG_LEVEL: 'warn',
    });
    const started = ca;
    await waitFor('the CA', async () => ((await fetch(`http://127.0.0.1:${ports.ca}/api/health`)).ok ? true : undefined), 90_000, started.output);
  };
  const get = async (who: Browser, path: string) => {
    const res = await who.request('GET', `/api/certificate-authorities${path}`);
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const post = async (who: Browser, path: string, body: unknown = {}) => {
    const res = await who.request('POST', `/api/certificate-authorities${path}`, body);
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  beforeAll(async () => {
    [caDb, cloudDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dataDir = mkdtempSync(join(tmpdir(), 'certlab-ca-relay-'));
    ports.ca = await freePort();
    ports.caTls = await freePort();
    relayKeyDir = join(dataDir, 'mdm-cloud', 'keys', 'ca-relay');
    await startCa();
    // The relay reads CA_TLS_URL from the process environment (certificate-authorities.module.ts).
    savedTlsUrl = process.env.CA_TLS_URL;
    process.env.CA_TLS_URL = `https://127.0.0.1:${ports.caTls}`;
    cloud = await startCloud({
      DATABASE_URL: cloudDb.url,
      CERTLAB_DATA_DIR: dataDir,
      CERTLAB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DEVICE_PORT: '0',
      CA_URL: `http://127.0.0.1:${ports.ca}`,
      CA_TLS_URL: `https://127.0.0.1:${ports.caTls}`,
    });
    admin = new Browser(cloud.url);
    expect((await admin.signIn('admin', ADMIN_PASSWORD)).status).toBe(200);
    expect((await admin.request('POST', '/api/accounts', { ...OPERATOR, displayName: 'Olga Operator', role: 'operator' })).status).toBe(201);
    operator = new Browser(cloud.url);
    expect((await operator.signIn(OPERATOR.username, OPERATOR.password)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    if (savedTlsUrl === undefined) delete process.env.CA_TLS_URL;
    else process.env.CA_TLS_URL = savedTlsUrl;
    await cloud?.close();
    await ca?.stop();
    await Promise.all([caDb?.drop(), cloudDb?.drop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ok/the console reads the hierarchy with CRLs, the templates and the request and certificate databases through the relay', async () => {
    const cas = await get(operator, '/cas');
    expect(cas.status, JSON.stringify(cas.body)).toBe(200);
    expect(cas.body.items.map((c: { name: string; role: string }) => `${c.role}:${c.name}`)).toEqual(['root:certlab-root-ca', 'issuing:certlab-issuing-ca']);
    expect(cas.body.items[1].crl.crlNumber).toMatch(/^\d+$/);
    const templates = await get(operator, '/templates');
    expect(templates.body.items.find((t: { name: string }) => t.name === 'CertlabPkcs')).toMatchObject({ subjectSource: 'request', allowPrivateKeyExport: true });
    // The relay's own enrollment is the first request the CA issued through its request path.
    const requests = await get(operator, '/requests?status=issued&pageSize=50');
    expect(requests.body.items.map((r: { requester: string }) => r.requester)).toContain('cloud-ca-admin');
    const certs = await get(operator, '/certificates?status=issued&search=cloud-ca-admin');
    expect(certs.status).toBe(200);
    expect(certs.body.items[0]).toMatchObject({ template: 'CertlabCaAdmin', status: 'issued' });
    const crl = await operator.request('GET', '/api/certificate-authorities/cas/certlab-issuing-ca/crl');
    expect([crl.status, crl.headers.get('content-type')]).toEqual([200, 'application/pkix-crl']);
  });

  it('ok/an administrator registers a throwaway identity whose one-time token buys a certificate on CertlabPkcs; the cloud audit keeps no token', async () => {
    const created = await post(admin, '/identities', { name: 'relay-box', enrollOn: ['CertlabPkcs'] });
    expect([created.status, created.body.identity, created.body.enrollOn]).toEqual([201, 'relay-box', ['CertlabPkcs']]);
    const token = created.body.token as string;
    const keys = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const enrolled = await fetch(`http://127.0.0.1:${ports.ca}/api/identities/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, csr: b64((await createCertificateRequest({ subject: '', keys })).der) }),
    });
    expect(enrolled.status).toBe(201);
    const { certificate, chain } = (await enrolled.json()) as { certificate: string; chain: string[] };
    const leaf = await generateKeyPair({ kind: 'rsa', bits: 2048 });
    const reply = await devicePortRequest(
      `https://127.0.0.1:${ports.caTls}`,
      chain[chain.length - 1],
      'POST',
      '/api/requests',
      { template: 'CertlabPkcs', csr: b64((await createCertificateRequest({ subject: 'CN=relay leaf, O=certlab', keys: leaf })).der) },
      { key: pkcs8ToPem(await exportPkcs8(keys.privateKey)), cert: certificate },
    );
    expect([reply.status, reply.json.status]).toEqual([200, 'issued']);
    issuedSerial = reply.json.serialNumber as string;
    const audit = await (await admin.request('GET', '/api/audit?search=relay-box')).text();
    expect(audit).toContain('ca.identity.create');
    expect(audit).not.toContain(token);
    expect((await post(operator, '/identities', { name: 'olga-box' })).status).toBe(403);
  });

  it.each([
    ['approve', () => '/requests/1/approve', {}],
    ['deny', () => '/requests/1/deny', { reason: 'no' }],
    ['revoke', () => `/certificates/${issuedSerial}/revoke`, { reason: 'keyCompromise' }],
  ])('fail/a read-only operator gets 403 on %s and nothing changes at the CA', async (_what, path, body) => {
    const before = await get(admin, `/audit?pageSize=1`);
    const r = await post(operator, path(), body);
    expect(r.status).toBe(403);
    const cert = await get(admin, `/certificates?search=${issuedSerial}`);
    expect(cert.body.items[0]).toMatchObject({ serialNumber: issuedSerial, status: 'issued' });
    expect((await get(admin, `/audit?pageSize=1`)).body.items[0].id).toBe(before.body.items[0].id);
  });

  it("ok/an administrator's revoke reaches the CA, whose audit names the console user, and the CRL number moves", async () => {
    const crlBefore = BigInt((await get(admin, '/cas')).body.items[1].crl.crlNumber as string);
    const r = await post(admin, `/certificates/${issuedSerial}/revoke`, { reason: 'keyCompromise' });
    expect([r.status, r.body.status, r.body.revocationReason, r.body.revokedBy]).toEqual([200, 'revoked', 'keyCompromise', 'cloud-ca-admin on behalf of admin']);
    const audit = await get(admin, '/audit?action=revoke');
    expect(audit.body.items[0]).toMatchObject({ actor: 'cloud-ca-admin on behalf of admin', target: issuedSerial });
    expect(BigInt((await get(admin, '/cas')).body.items[1].crl.crlNumber as string)).toBeGreaterThan(crlBefore);
    const revoked = await get(admin, '/certificates?status=revoked');
    expect(revoked.body.items.map((c: { serialNumber: string }) => c.serialNumber)).toContain(issuedSerial);
  });

  it.each([
    ['a second revoke', () => post(admin, `/certificates/${issuedSerial}/revoke`, { reason: 'superseded' }), 409, 'alreadyRevoked'],
    ['approving an unknown request', () => post(admin, '/requests/999999/approve'), 404, 'requestNotFound'],
    ['releasing a certificate not on hold', () => post(admin, `/certificates/${issuedSerial}/unrevoke`), 409, 'notOnHold'],
    ['a taken identity name', () => post(admin, '/identities', { name: 'connector' }), 409, 'identityExists'],
  ])('fail/the CA refusing %s passes through with its code', async (_what, call, status, code) => {
    const r = await call();
    expect([r.status, r.body.code]).toEqual([status, code]);
    expect(r.body.detail ?? r.body.title).toBeTruthy();
  });

  it('fail/the CA being down gives a 502 naming the CA', async () => {
    await ca?.stop();
    const r = await get(admin, '/cas');
    expect([r.status, r.body.code]).toEqual([502, 'caUnavailable']);
    expect(r.body.detail).toContain(`127.0.0.1:${ports.caTls}`);
  });

  it('fail/a CA whose data was reset: the relay says what to delete and re-enrolls once the key store is cleared', async () => {
    // A fresh database and data directory: a new hierarchy and a new cloud-ca-admin token file.
    await caDb.drop();
    caDb = await createTestDatabase();
    rmSync(join(dataDir, 'ca'), { recursive: true, force: true });
    await startCa();
    const r = await get(admin, '/cas');
    expect([r.status, r.body.code]).toEqual([503, 'caRelayIdentityRejected']);
    expect(r.body.detail).toContain(`delete ${relayKeyDir}`);
    expect(r.body.detail).toContain(join(dataDir, 'ca', 'enrollment-tokens', 'cloud-ca-admin.token'));
    expect(existsSync(relayKeyDir)).toBe(true);
    rmSync(relayKeyDir, { recursive: true, force: true });
    const again = await get(admin, '/cas');
    expect(again.status).toBe(200);
    expect(again.body.items).toHaveLength(2);
  });

  it("fail/the relay's own certificate revoked at the CA: 503 with the same instructions", async () => {
    const mine = await get(admin, '/certificates?status=issued&search=cloud-ca-admin');
    const serial = mine.body.items[0].serialNumber as string;
    expect((await post(admin, `/certificates/${serial}/revoke`, { reason: 'cessationOfOperation' })).status).toBe(200);
    const r = await get(admin, '/cas');
    expect([r.status, r.body.code]).toEqual([503, 'caRelayIdentityRejected']);
    expect(r.body.detail).toContain('identityRevoked');
    expect(r.body.detail).toContain(`delete ${relayKeyDir}`);
  });
});
