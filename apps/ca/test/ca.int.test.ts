import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Certificate, createCertificateRequest, exportPkcs8, pkcs8ToPem, signCms } from '@certlab/pki-core';
import { testKeyPair } from '@certlab/pki-core/testing';
import { createTestDatabase, type TestDatabase } from '@certlab/service-kit/testing';
import type { RunningCa } from '../src/start';
import { type ClientIdentity, enrollIdentity, mtls, openssl, startTestCa } from './support';

const b64 = (der: Uint8Array) => Buffer.from(der).toString('base64');

async function rsa1024(): Promise<CryptoKeyPair> {
  // WebCrypto will not generate a key this small; import one from node:crypto.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return {
    privateKey: await webcrypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), alg, true, ['sign']),
    publicKey: await webcrypto.subtle.importKey('spki', publicKey.export({ type: 'spki', format: 'der' }), alg, true, ['verify']),
  } as CryptoKeyPair;
}

describe.each([
  ['PostgreSQL', true],
  ['PGlite', false],
])('the CA on %s', (_driver, usePostgres) => {
  let db: TestDatabase | undefined;
  let dataDir: string;
  let ca: RunningCa;
  let rootPem: string;
  let issuingPem: string;
  let connector: ClientIdentity;
  let ra: ClientIdentity;
  let admin: ClientIdentity;
  let leafKeys: CryptoKeyPair;
  const call = (who: ClientIdentity | undefined, method: string, path: string, body?: unknown) => mtls(ca, rootPem, who, method, path, body, who?.name === 'cloud-ca-admin' ? { 'x-certlab-actor': 'alice' } : {});
  const csrFor = async (subject: string, keys = leafKeys) => b64((await createCertificateRequest({ subject, keys })).der);

  beforeAll(async () => {
    db = usePostgres ? await createTestDatabase('certlab_ca') : undefined;
    dataDir = mkdtempSync(join(tmpdir(), 'certlab-ca-'));
    ca = await startTestCa(dataDir, db?.url, { CA_CRL_PERIOD_SECONDS: '5' });
    const chain = ((await (await fetch(`${ca.httpUrl}/aia/certlab-root-ca.crt`)).arrayBuffer()) as ArrayBuffer);
    rootPem = Certificate.parse(new Uint8Array(chain)).pem;
    issuingPem = Certificate.parse(new Uint8Array(await (await fetch(`${ca.httpUrl}/aia/certlab-issuing-ca.crt`)).arrayBuffer())).pem;
    writeFileSync(join(dataDir, 'root.pem'), rootPem);
    writeFileSync(join(dataDir, 'issuing.pem'), issuingPem);
    connector = await enrollIdentity(ca, dataDir, 'connector', await testKeyPair(undefined, 'connector'));
    ra = await enrollIdentity(ca, dataDir, 'ndes-ra', await testKeyPair(undefined, 'ndes-ra'));
    admin = await enrollIdentity(ca, dataDir, 'cloud-ca-admin', await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'admin'));
    leafKeys = await testKeyPair(undefined, 'leaf');
  });

  afterAll(async () => {
    await ca?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ok/an identity certificate names its identity, carries its EKU and the token works once', async () => {
    const cert = Certificate.parse(ra.certPem);
    expect(cert.subject).toBe('CN=ndes-ra, OU=Identities, O=certlab');
    expect(cert.extendedKeyUsage).toEqual(['1.3.6.1.4.1.311.20.2.1', '1.3.6.1.5.5.7.3.2']);
    const again = await fetch(`${ca.httpUrl}/api/identities/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ra.enrolled.identity.padEnd(43, 'x'), csr: await csrFor('') }) });
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([401, 'invalidEnrollmentToken']);
  });

  it('fail/no client certificate, or the plain HTTP port, gets 401', async () => {
    expect((await call(undefined, 'GET', '/api/requests/1')).body.code).toBe('clientCertificateRequired');
    const plain = await fetch(`${ca.httpUrl}/api/requests/1`);
    expect(plain.status).toBe(401);
  });

  it('fail/a non-admin identity cannot use the admin API', async () => {
    const r = await call(connector, 'GET', '/api/certificates');
    expect([r.status, r.body.code]).toEqual([403, 'notCaAdmin']);
  });

  it('ok/an admin registers a computer identity with Enroll on CertlabPkcs; its one-time token buys an identity that may request there and nowhere else', async () => {
    const created = await call(admin, 'POST', '/api/identities', { name: 'e2e-box-1', enrollOn: ['CertlabPkcs'] });
    expect([created.status, created.body.identity, created.body.kind, created.body.template, created.body.enrollOn]).toEqual([201, 'e2e-box-1', 'computer', 'CertlabComputer', ['CertlabPkcs']]);
    const keys = await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'box');
    const res = await fetch(`${ca.httpUrl}/api/identities/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: created.body.token, csr: await csrFor('', keys) }) });
    expect(res.status).toBe(201);
    const box = await enrollIdentity(ca, dataDir, 'e2e-box-1', keys, created.body.token as string).catch((e: Error) => e);
    expect(String(box)).toContain('invalidEnrollmentToken'); // the token worked once
    const enrolled = (await res.json()) as { certificate: string; chain: string[] };
    const who: ClientIdentity = { ...connector, name: 'e2e-box-1', keyPem: pkcs8ToPem(await exportPkcs8(keys.privateKey)), certPem: enrolled.certificate };
    expect(Certificate.parse(enrolled.certificate).subject).toBe('CN=e2e-box-1, OU=Identities, O=certlab');
    const ok = await call(who, 'POST', '/api/requests', { template: 'CertlabPkcs', csr: await csrFor('CN=box leaf') });
    expect([ok.status, ok.body.status, ok.body.requester]).toEqual([200, 'issued', 'e2e-box-1']);
    const refused = await call(who, 'POST', '/api/requests', { template: 'CertlabSmime', csr: await csrFor('CN=box leaf') });
    expect([refused.body.status, refused.body.reasonCode]).toEqual(['denied', 'enrollPermissionDenied']);
    const listed = await call(admin, 'GET', '/api/identities');
    expect(listed.body.items.find((i: { name: string }) => i.name === 'e2e-box-1')).toMatchObject({ kind: 'computer', enrollOn: ['CertlabComputer', 'CertlabPkcs'] });
    const audit = await call(admin, 'GET', '/api/audit?action=createIdentity');
    expect(audit.body.items[0]).toMatchObject({ actor: 'cloud-ca-admin on behalf of alice', target: 'e2e-box-1' });
    expect(JSON.stringify(audit.body)).not.toContain(created.body.token);
  });

  it.each([
    ['fail/a taken name', { name: 'connector' }, 409, 'identityExists'],
    ['fail/an identity template (another enrollment agent)', { name: 'rogue-ra', enrollOn: ['CertlabEnrollmentAgent'] }, 400, 'templateNotGrantable'],
    ['fail/an unknown template', { name: 'rogue-2', enrollOn: ['NoSuchTemplate'] }, 404, 'unknownTemplate'],
    ['fail/a bad name', { name: 'Bad Name' }, 400, undefined],
  ])('%s is refused and registers nothing', async (_title, body, status, code) => {
    const r = await call(admin, 'POST', '/api/identities', body);
    expect(r.status).toBe(status);
    if (code) expect(r.body.code).toBe(code);
    const listed = await call(admin, 'GET', '/api/identities');
    expect(listed.body.items.map((i: { name: string }) => i.name)).not.toContain(body.name === 'connector' ? 'nobody' : body.name);
    const templates = await call(admin, 'GET', '/api/templates');
    expect(JSON.stringify(templates.body)).not.toContain('rogue');
  });

  it('fail/a non-admin identity cannot register identities', async () => {
    const r = await call(connector, 'POST', '/api/identities', { name: 'sneaky' });
    expect([r.status, r.body.code]).toEqual([403, 'notCaAdmin']);
  });

  let issuedSerial = '';
  it('ok/the connector gets a PKCS certificate that openssl verifies against root and issuing CA, with CDP, AIA and OCSP', async () => {
    const r = await call(connector, 'POST', '/api/requests', { template: 'CertlabPkcs', csr: await csrFor('CN=alice@contoso.com, O=contoso') });
    expect([r.status, r.body.status]).toEqual([200, 'issued']);
    const cert = Certificate.parse(r.body.certificate);
    issuedSerial = cert.serialNumber;
    expect(cert.subject).toBe('CN=alice@contoso.com, O=contoso');
    expect(cert.crlDistributionPoints).toEqual(['http://127.0.0.1:3200/crl/certlab-issuing-ca.crl']);
    expect(cert.authorityInfoAccess).toEqual({ caIssuers: ['http://127.0.0.1:3200/aia/certlab-issuing-ca.crt'], ocsp: ['http://127.0.0.1:3200/ocsp'] });
    writeFileSync(join(dataDir, 'leaf.pem'), cert.pem);
    const v = await openssl(dataDir, ['verify', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem']);
    expect(v.out).toContain('leaf.pem: OK');
    const again = await call(connector, 'GET', `/api/requests/${r.body.requestId}`);
    expect([again.body.status, again.body.serialNumber]).toEqual(['issued', issuedSerial]);
  });

  it.each([
    ['fail/identity without Enroll', () => ({ who: connector, body: { template: 'CertlabScepUser', csr: csrFor('CN=device') } }), 'enrollPermissionDenied', 'identity "connector" may not enroll on template "CertlabScepUser"'],
    ['fail/RSA 1024', async () => ({ who: connector, body: { template: 'CertlabPkcs', csr: csrFor('CN=weak', await rsa1024()) } }), 'keyTooSmall', 'RSA 1024 is below the minimum of 2048'],
    ['fail/subject on a directory template', () => ({ who: connector, body: { template: 'CertlabComputer', csr: csrFor('CN=Domain Admins') } }), 'subjectNotAllowed', 'builds the subject from the directory'],
    ['fail/RA template without the RA signature', () => ({ who: ra, body: { template: 'CertlabScepUser', csr: csrFor('CN=device') } }), 'raSignatureRequired', 'needs 1 authorized signature'],
  ])('%s is denied with the reason and recorded', async (_name, make, code, text) => {
    const { who, body } = await make();
    const r = await call(who, 'POST', '/api/requests', { ...body, csr: await body.csr });
    expect([r.body.status, r.body.reasonCode, r.body.certificate]).toEqual(['denied', code, null]);
    expect(r.body.reason).toContain(text);
    const audit = await call(admin, 'GET', `/api/audit?requestId=${r.body.requestId}&order=asc`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['submit', 'deny']);
    expect(audit.body.items[1].details.code).toBe(code);
  });

  it('fail/an RA signature by a non-agent identity is refused; ok/by the NDES RA it issues', async () => {
    const csr = Buffer.from(await csrFor('CN=iPhone of bob'), 'base64');
    const byConnector = await signCms({ content: csr, signers: [{ certificate: Certificate.parse(connector.certPem).der, key: connector.keys.privateKey }] });
    const bad = await call(ra, 'POST', '/api/requests', { template: 'CertlabScepDevice', signedRequest: b64(byConnector) });
    expect([bad.body.status, bad.body.reasonCode]).toEqual(['denied', 'raSignatureInvalid']);
    const byRa = await signCms({ content: csr, signers: [{ certificate: Certificate.parse(ra.certPem).der, key: ra.keys.privateKey }] });
    const good = await call(ra, 'POST', '/api/requests', { template: 'CertlabScepDevice', signedRequest: b64(byRa) });
    expect([good.body.status, good.body.requester]).toEqual(['issued', 'ndes-ra (signed by ndes-ra)']);
  });

  it('ok/a pending request is issued after approval and never before, and only once', async () => {
    const r = await call(connector, 'POST', '/api/requests', { template: 'CertlabPendingApproval', csr: await csrFor('CN=needs approval') });
    expect([r.body.status, r.body.certificate, r.body.reasonCode]).toEqual(['pending', null, 'pendingApproval']);
    expect((await call(connector, 'GET', `/api/requests/${r.body.requestId}`)).body.certificate).toBeNull();
    expect((await call(admin, 'GET', '/api/certificates?search=needs%20approval')).body.total).toBe(0);
    const [a, b] = await Promise.all([call(admin, 'POST', `/api/requests/${r.body.requestId}/approve`), call(admin, 'POST', `/api/requests/${r.body.requestId}/approve`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const issued = a.status === 200 ? a.body : b.body;
    expect([issued.status, issued.decidedBy]).toEqual(['issued', 'cloud-ca-admin on behalf of alice']);
    expect((await call(admin, 'GET', '/api/certificates?search=needs%20approval')).body.total).toBe(1);
    const deny = await call(connector, 'POST', '/api/requests', { template: 'CertlabPendingApproval', csr: await csrFor('CN=to deny') });
    const denied = await call(admin, 'POST', `/api/requests/${deny.body.requestId}/deny`, { reason: 'not ours' });
    expect([denied.body.status, denied.body.reason]).toEqual(['denied', 'deniedByAdmin: not ours']);
    expect((await call(admin, 'POST', `/api/requests/${deny.body.requestId}/approve`)).status).toBe(409);
  });

  it('ok/OCSP says good, then revocation republishes the CRL and openssl sees the certificate revoked by CRL and OCSP', async () => {
    const ocspArgs = ['ocsp', '-issuer', 'issuing.pem', '-cert', 'leaf.pem', '-url', `${ca.httpUrl}/ocsp`, '-CAfile', 'root.pem'];
    const before = await openssl(dataDir, ocspArgs);
    expect(before.out).toContain('Response verify OK');
    expect(before.out).toContain('leaf.pem: good');
    const cas = await call(admin, 'GET', '/api/cas');
    const crlBefore = Number(cas.body.items.find((c: { name: string }) => c.name === 'certlab-issuing-ca').crl.crlNumber);

    const revoked = await call(admin, 'POST', `/api/certificates/${issuedSerial}/revoke`, { reason: 'keyCompromise' });
    expect([revoked.status, revoked.body.status, revoked.body.revokedBy]).toEqual([200, 'revoked', 'cloud-ca-admin on behalf of alice']);
    expect((await call(admin, 'POST', `/api/certificates/${issuedSerial}/revoke`, { reason: 'superseded' })).body.code).toBe('alreadyRevoked');
    expect((await call(admin, 'POST', `/api/certificates/${issuedSerial}/unrevoke`)).body.code).toBe('notOnHold');

    const crl = new Uint8Array(await (await fetch(`${ca.httpUrl}/crl/certlab-issuing-ca.crl`)).arrayBuffer());
    writeFileSync(join(dataDir, 'issuing.crl'), crl);
    const text = await openssl(dataDir, ['crl', '-inform', 'DER', '-in', 'issuing.crl', '-noout', '-text']);
    expect(Number(/CRL Number:\s+(\d+)/.exec(text.out)?.[1])).toBeGreaterThan(crlBefore);
    const v = await openssl(dataDir, ['verify', '-crl_check', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', '-CRLfile', 'issuing.crl', 'leaf.pem']);
    expect(v.out).toContain('certificate revoked');
    const after = await openssl(dataDir, ocspArgs);
    expect(after.out).toMatch(/leaf\.pem: revoked[\s\S]*Reason: keyCompromise/);
    const list = await call(admin, 'GET', '/api/certificates?status=revoked');
    expect(list.body.items.map((c: { serialNumber: string }) => c.serialNumber)).toContain(issuedSerial);
  });

  it('ok/a hold is released and the certificate is good again', async () => {
    const r = await call(connector, 'POST', '/api/requests', { template: 'CertlabSmime', csr: await csrFor('CN=on hold') });
    const serial = r.body.serialNumber as string;
    expect((await call(admin, 'POST', `/api/certificates/${serial}/revoke`, { reason: 'certificateHold' })).body.revocationReason).toBe('certificateHold');
    const released = await call(admin, 'POST', `/api/certificates/${serial}/unrevoke`);
    expect([released.body.status, released.body.revocationReason]).toEqual(['issued', null]);
  });

  it('ok/the CRL is republished on schedule before nextUpdate', async () => {
    const number = async () => Number((await call(admin, 'GET', '/api/cas')).body.items[1].crl.crlNumber);
    const start = await number();
    await new Promise((r) => setTimeout(r, 4500));
    expect(await number()).toBeGreaterThan(start);
  });

  it('ok/after a restart the hierarchy, requests, certificates, identities and CRL number are all still there', async () => {
    const before = (await call(admin, 'GET', '/api/cas')).body.items;
    const requests = (await call(admin, 'GET', '/api/requests?pageSize=200')).body.total;
    const certs = (await call(admin, 'GET', '/api/certificates?pageSize=200')).body.total;
    await ca.close();
    ca = await startTestCa(dataDir, db?.url, { CA_CRL_PERIOD_SECONDS: '5' });
    const after = (await call(admin, 'GET', '/api/cas')).body.items;
    expect(after.map((c: { thumbprintSha256: string }) => c.thumbprintSha256)).toEqual(before.map((c: { thumbprintSha256: string }) => c.thumbprintSha256));
    for (const [i, ca0] of before.entries()) expect(Number(after[i].crl.crlNumber)).toBeGreaterThanOrEqual(Number(ca0.crl.crlNumber));
    expect((await call(admin, 'GET', '/api/requests?pageSize=200')).body.total).toBe(requests);
    expect((await call(admin, 'GET', '/api/certificates?pageSize=200')).body.total).toBe(certs);
    expect((await call(admin, 'GET', `/api/certificates/${issuedSerial}`)).body.status).toBe('revoked');
    expect((await call(connector, 'POST', '/api/requests', { template: 'CertlabPkcs', csr: await csrFor('CN=after restart') })).body.status).toBe('issued');
  });
});
