/**
 * SCEP end to end across processes (seed SCEP steps 1–6): the CA and the connector run as built
 * child processes; the cloud runs in this process (port 0) so the test can play the SCEP profile
 * type and issue challenges through ScepChallengeService. A test SCEP client built with pki-core,
 * plus certmonger's scep-submit, talk to the connector's NDES endpoint.
 * Build first: `npx nx run-many -t build -p @certlab/ca @certlab/connector @certlab/mdm-cloud`.
 */
import type { ScepExpectedRequest } from '@certlab/contracts';
import {
  Certificate,
  CertificateRequest,

  buildPkcsReq,
  createCertificateRequest,
  createSelfSignedCertificate,
  exportPkcs8,
  generateKeyPair,
  parseGetCaCertResponse,
  readCertRep,
  rsaUnwrapperFromKey,
  selectRecipientCertificate,
  verifyChain,
} from '@certlab/pki-core';
import { createTestDatabase, type TestDatabase } from '@certlab/service-kit/testing';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceEntity } from '../../src/devices/device.entity';
import { DeviceChannelServer } from '../../src/device-channel/device-channel.server';
import { ScepChallengeService } from '../../src/scep-validation/challenge.service';
import { ScepIssuanceService } from '../../src/scep-validation/issuance.service';
import { Browser, type CloudUnderTest, startCloud } from '../support/cloud-under-test';
import { type RunningProcess, freePort, startProcess, waitFor } from '../support/processes';

let PROFILE: string;
let admin: Browser;
let groupId: string;
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

let db: TestDatabase;
let dataDir: string;
let cloud: CloudUnderTest;
let ca: RunningProcess;
let connector: RunningProcess;
let caHttp: string;
let scepUrl: string;
let deviceA: DeviceEntity;
let deviceB: DeviceEntity;
let keys2048: CryptoKeyPair;
let raCerts: Uint8Array[];
const challenges: string[] = [];

async function addDevice(name: string): Promise<DeviceEntity> {
  const repo = cloud.app.get(DataSource).getRepository(DeviceEntity);
  return repo.save(repo.create({ name, platform: 'windows', osVersion: '11', serialNumber: null, imei: null, entraDeviceId: crypto.randomUUID(), ownerId: null, state: 'enrolled', enrolledAt: new Date(), lastCheckInAt: null, stateChangedAt: null }));
}

function expectedFor(device: DeviceEntity): ScepExpectedRequest {
  return {
    certificateType: 'device',
    subject: `CN=${device.name}, O=certlab`,
    subjectAltNames: [
      { type: 'dns', value: `${device.name.toLowerCase()}.certlab.test` },
      { type: 'uri', value: `IntuneDeviceId://${device.id}` },
    ],
    key: { kind: 'rsa', minimumBits: 2048 },
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: [CLIENT_AUTH],
  };
}

async function challengeFor(device: DeviceEntity, validForMinutes = 60): Promise<string> {
  const issued = await cloud.app.get(ScepChallengeService).issue({ deviceId: device.id, profileId: PROFILE, profileVersion: 1, expected: expectedFor(device), validForMinutes });
  challenges.push(issued.challenge);
  return issued.challenge;
}

interface ClientRequest {
  der: Uint8Array;
  model: Parameters<typeof readCertRep>[1]['request'];
  keys: CryptoKeyPair;
  csr: CertificateRequest;
}

/** What a device does at step 2: key, PKCS#10 with the challenge, self-signed cert, PKCSReq to the RA. */
async function clientRequest(challenge: string, device: DeviceEntity, over: { subject?: string; keys?: CryptoKeyPair; transactionId?: string; csr?: CertificateRequest } = {}): Promise<ClientRequest> {
  const keys = over.keys ?? keys2048;
  const e = expectedFor(device);
  const csr =
    over.csr ??
    (await createCertificateRequest({
      subject: over.subject ?? e.subject,
      keys,
      challengePassword: challenge,
      subjectAltNames: e.subjectAltNames.map((s) => ({ type: s.type as 'dns' | 'uri', value: s.value })),
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['clientAuth'],
    }));
  const self = await createSelfSignedCertificate({ subject: 'CN=scep-client', keys });
  const built = await buildPkcsReq({ csrDer: csr.der, signerCert: self.der, signerKey: keys.privateKey, recipientCert: selectRecipientCertificate(raCerts), transactionId: over.transactionId ?? crypto.randomUUID().replace(/-/g, '').toUpperCase() });
  return { der: built.der, model: built.model, keys, csr };
}

async function post(der: Uint8Array): Promise<Response> {
  return fetch(`${scepUrl}?operation=PKIOperation`, { method: 'POST', headers: { 'content-type': 'application/x-pki-message' }, body: Buffer.from(der) });
}

async function read(req: ClientRequest, res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/x-pki-message');
  const der = new Uint8Array(await res.arrayBuffer());
  const unwrapper = rsaUnwrapperFromKey(await exportPkcs8(req.keys.privateKey));
  // The CertRep is signed by the RA signing certificate from GetCACert (the first one).
  return readCertRep(der, { request: req.model, raCertificate: raCerts[0], unwrapper });
}

async function caIssuedCount(): Promise<number> {
  const rows: { n: string }[] = await cloud.app.get(DataSource).query(`SELECT count(*)::text AS n FROM "ca"."certificate" WHERE "template" LIKE 'CertlabScep%'`);
  return Number(rows[0].n);
}

beforeAll(async () => {
  db = await createTestDatabase('certlab_scep');
  dataDir = mkdtempSync(join(tmpdir(), 'certlab-scep-'));
  const [cloudPort, caPort, caTlsPort, connectorPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  keys2048 = await generateKeyPair({ kind: 'rsa', bits: 2048 });
  cloud = await startCloud({ DATABASE_URL: db.url, CERTLAB_DATA_DIR: dataDir, DEVICE_PORT: '0', CERTLAB_SEED_DEMO: 'false', CERTLAB_ADMIN_PASSWORD: 'scep-Admin-password-1', LOG_LEVEL: 'error' });
  void cloudPort;
  const devicePort = cloud.app.get(DeviceChannelServer).port;
  caHttp = `http://127.0.0.1:${caPort}`;
  ca = startProcess('apps/ca/dist/main.js', { DATABASE_URL: db.url, CERTLAB_DATA_DIR: dataDir, PORT: String(caPort), TLS_PORT: String(caTlsPort), CA_PUBLIC_URL: caHttp, LOG_LEVEL: 'warn' });
  await waitFor('the CA', async () => ((await fetch(`${caHttp}/api/health`)).ok ? true : undefined), 120_000, ca.output);
  connector = startProcess('apps/connector/dist/main.js', {
    DATABASE_URL: db.url,
    CERTLAB_DATA_DIR: dataDir,
    PORT: String(connectorPort),
    CA_URL: caHttp,
    CA_TLS_URL: `https://127.0.0.1:${caTlsPort}`,
    CLOUD_DEVICE_URL: `https://127.0.0.1:${devicePort}`,
    CONNECTOR_REGISTRATION_TOKEN_FILE: 'mdm-cloud/local-connector-registration.token',
    LOG_LEVEL: 'info',
  });
  await waitFor('the connector', async () => ((await fetch(`http://127.0.0.1:${connectorPort}/api/health`)).ok ? true : undefined), 120_000, connector.output);
  await waitFor('the connector to register', async () => (existsSync(join(dataDir, 'connector', 'cloud-registration.json')) ? true : undefined), 60_000, connector.output);
  scepUrl = `http://127.0.0.1:${connectorPort}/certsrv/mscep/mscep.dll/pkiclient.exe`;
  const caCert = await fetch(`${scepUrl}?operation=GetCACert`);
  raCerts = parseGetCaCertResponse(caCert.headers.get('content-type') ?? '', new Uint8Array(await caCert.arrayBuffer()));
  [deviceA, deviceB] = [await addDevice('LAPTOP-A'), await addDevice('LAPTOP-B')];
  // The validation asks whether the profile still targets the device: a real SCEP profile assigned to a group of both.
  admin = new Browser(cloud.url);
  expect((await admin.signIn('admin', 'scep-Admin-password-1')).status).toBe(200);
  const group = (await (await admin.request('POST', '/api/directory/groups', { name: 'SCEP laptops' })).json()) as { id: string };
  groupId = group.id;
  for (const d of [deviceA, deviceB]) expect((await admin.request('POST', `/api/directory/groups/${group.id}/members`, { kind: 'device', id: d.id })).status).toBeLessThan(300);
  const assignments = [{ groupId: group.id, mode: 'include' }];
  const root = (await (await admin.request('POST', '/api/profiles', { name: 'Root', type: 'trustedRoot', platforms: ['windows'], settings: { kind: 'upload', certificate: Certificate.parse(raCerts[3]).pem }, assignments })).json()) as { id: string };
  const scep = await admin.request('POST', '/api/profiles', {
    name: 'Laptops',
    type: 'scep',
    platforms: ['windows'],
    settings: { certificateType: 'device', subjectNameFormat: 'CN={{DeviceName}}, O=certlab', subjectAlternativeNames: [{ type: 'dns', template: '{{DeviceName}}.certlab.test' }, { type: 'uri', template: 'IntuneDeviceId://{{DeviceId}}' }], trustedRootProfileId: root.id, scepServerUrls: [scepUrl] },
    assignments,
  });
  expect(scep.status).toBe(201);
  PROFILE = ((await scep.json()) as { id: string }).id;
}, 300_000);

afterAll(async () => {
  await connector?.stop();
  await ca?.stop();
  await cloud?.close();
  await db?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('NDES discovery', () => {
  it('ok/GetCACaps lists the capabilities, GetCACert the RA pair and the CA chain as a degenerate PKCS#7', async () => {
    const caps = await fetch(`${scepUrl}?operation=GetCACaps`);
    expect(caps.headers.get('content-type')).toContain('text/plain');
    expect((await caps.text()).trim().split('\n')).toEqual(['POSTPKIOperation', 'SHA-256', 'SHA-512', 'AES', 'DES3', 'Renewal', 'SCEPStandard', 'GetNextCACert']);
    const certs = raCerts.map((d) => Certificate.parse(d));
    expect(certs.map((c) => c.subject)).toEqual(['CN=ndes-ra, OU=Identities, O=certlab', 'CN=certlab NDES RA encryption, OU=NDES, O=certlab', 'CN=certlab Issuing CA, O=certlab', 'CN=certlab Root CA, O=certlab']);
    expect(certs[0].extendedKeyUsage).toContain('1.3.6.1.4.1.311.20.2.1');
    expect(certs[1].keyUsage).toContain('keyEncipherment');
    expect(selectRecipientCertificate(raCerts)).toEqual(raCerts[1]);
    const next = await fetch(`${scepUrl.replace('/certsrv/mscep/mscep.dll/pkiclient.exe', '/scep')}?operation=GetNextCACert`);
    expect(next.status).toBe(404);
  });

  it('ok/certmonger scep-submit reads the caps (-c) and the RA certificate (-C)', () => {
    const caps = execFileSync('/usr/lib/certmonger/scep-submit', ['-u', scepUrl, '-c'], { encoding: 'utf8' });
    expect(caps).toContain('SCEPStandard');
    const ra = execFileSync('/usr/lib/certmonger/scep-submit', ['-u', scepUrl, '-C'], { encoding: 'utf8' });
    // certmonger prints the RA certificate it will encrypt to first: the one with keyEncipherment.
    const first = ra.slice(0, ra.indexOf('-----END CERTIFICATE-----') + 25);
    expect(Certificate.parse(first).subject).toBe('CN=certlab NDES RA encryption, OU=NDES, O=certlab');
  });
});

describe('SCEP enrollment', () => {
  it('ok/a device enrolls: the certificate has the rendered subject and SANs, chains to the root, and the key never left the client', async () => {
    const before = await caIssuedCount();
    const req = await clientRequest(await challengeFor(deviceA), deviceA);
    const outcome = await read(req, await post(req.der));
    expect(outcome.pkiStatus).toBe('SUCCESS');
    if (outcome.pkiStatus !== 'SUCCESS') return;
    const cert = Certificate.parse(outcome.certificates[0]);
    expect(cert.subject).toBe('CN=LAPTOP-A, O=certlab');
    expect(cert.subjectAltNames).toEqual(expect.arrayContaining([{ type: 'dns', value: 'laptop-a.certlab.test' }, { type: 'uri', value: `IntuneDeviceId://${deviceA.id}` }]));
    expect(cert.spki).toEqual(req.csr.spki);
    const chain = await verifyChain({ leaf: cert, intermediates: [Certificate.parse(raCerts[2])], trustedRoots: [Certificate.parse(raCerts[3])] });
    expect(chain.ok).toBe(true);
    expect(await caIssuedCount()).toBe(before + 1);

    // The CA recorded the RA countersignature; the cloud shows the certificate on the device.
    const [caRow]: { raSigner: string; requester: string }[] = await cloud.app.get(DataSource).query(`SELECT "ra_signer" AS "raSigner", "requester" FROM "ca"."request" WHERE "serial_number" = $1`, [cert.serialNumber]);
    expect(caRow).toEqual({ raSigner: 'ndes-ra', requester: 'ndes-ra' });
    const page = await waitFor('the success notification', async () => {
      const p = await cloud.app.get(ScepIssuanceService).list({ deviceId: deviceA.id, page: 1, pageSize: 10, order: 'desc' });
      return p.items[0]?.state === 'issued' ? p : undefined;
    }, 20_000);
    expect(page.items[0]).toMatchObject({ deviceName: 'LAPTOP-A', profileId: PROFILE, serialNumber: cert.serialNumber, thumbprint: cert.thumbprintSha1, expiresAt: cert.notAfter.toISOString(), template: 'CertlabScepDevice', transactionId: req.model.transactionId });
  });

  it('ok/a retransmission of the same transaction gets the same certificate and the CA issues once', async () => {
    const challenge = await challengeFor(deviceA);
    const first = await clientRequest(challenge, deviceA);
    const a = await read(first, await post(first.der));
    const count = await caIssuedCount();
    // Same PKCS#10, new envelope, nonce and signature: what a client resends after a lost answer. By GET this time.
    const again = await clientRequest(challenge, deviceA, { csr: first.csr, transactionId: first.model.transactionId });
    const b = await read(again, await fetch(`${scepUrl}?operation=PKIOperation&message=${encodeURIComponent(Buffer.from(again.der).toString('base64'))}`));
    expect(a.pkiStatus).toBe('SUCCESS');
    expect(b).toEqual(a);
    expect(await caIssuedCount()).toBe(count);
  });

  it('ok/PKIOperation by GET with an unescaped message (+ read as space) works too', async () => {
    const req = await clientRequest(await challengeFor(deviceB), deviceB);
    const b64 = Buffer.from(req.der).toString('base64');
    const res = await fetch(`${scepUrl}?operation=PKIOperation&message=${b64.replace(/\//g, '%2F').replace(/=/g, '%3D')}`);
    expect((await read(req, res)).pkiStatus).toBe('SUCCESS');
  });
});

describe('refusals: CertRep FAILURE with failInfo, nothing issued', () => {
  const cases: [string, () => Promise<ClientRequest>, string, RegExp][] = [
    [
      'fail/a reused challenge',
      async () => {
        const challenge = await challengeFor(deviceA);
        const first = await clientRequest(challenge, deviceA);
        expect((await read(first, await post(first.der))).pkiStatus).toBe('SUCCESS');
        return clientRequest(challenge, deviceA, { keys: await generateKeyPair({ kind: 'rsa', bits: 2048 }) });
      },
      'badRequest',
      /^ChallengeAlreadyUsed/,
    ],
    ['fail/another device\'s challenge', async () => clientRequest(await challengeFor(deviceB), deviceA), 'badRequest', /^BadDeviceIdInChallenge/],
    ['fail/an expired challenge', async () => {
      const challenge = await challengeFor(deviceA, 1);
      await cloud.app.get(DataSource).query(`UPDATE "mdm_cloud"."scep_challenge" SET "expiresAt" = now() - interval '1 minute' WHERE "deviceId" = $1 AND "state" = 'issued'`, [deviceA.id]);
      return clientRequest(challenge, deviceA);
    }, 'badRequest', /^ChallengeExpired/],
    ['fail/a subject other than the rendered one', async () => clientRequest(await challengeFor(deviceA), deviceA, { subject: 'CN=LAPTOP-A, O=evil' }), 'badRequest', /^SubjectNameMismatch/],
    ['fail/a SAN other than the rendered one', async () => {
      const challenge = await challengeFor(deviceA);
      const csr = await createCertificateRequest({ subject: 'CN=LAPTOP-A, O=certlab', keys: keys2048, challengePassword: challenge, subjectAltNames: [{ type: 'dns', value: 'evil.test' }, { type: 'uri', value: `IntuneDeviceId://${deviceA.id}` }], keyUsage: ['digitalSignature', 'keyEncipherment'], extendedKeyUsage: ['clientAuth'] });
      return clientRequest(challenge, deviceA, { csr });
    }, 'badRequest', /^SubjectAltNameMismatch/],
    ['fail/a key smaller than the profile', async () => {
      const small = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
      return clientRequest(await challengeFor(deviceA), deviceA, { keys: small });
    }, 'badRequest', /^KeyLengthMismatch/],
    ['fail/a bad client signature', async () => {
      const req = await clientRequest(await challengeFor(deviceA), deviceA);
      const der = new Uint8Array(req.der);
      // Flip a byte inside the signature value, near the end of the SignerInfo.
      der[der.length - 10] ^= 0xff;
      return { ...req, der };
    }, 'badMessageCheck', /signature does not verify/],
    ['fail/a profile no longer assigned to the device', async () => {
      const challenge = await challengeFor(deviceB);
      expect((await admin.request('DELETE', `/api/directory/groups/${groupId}/members/device/${deviceB.id}`)).status).toBeLessThan(300);
      return clientRequest(challenge, deviceB);
    }, 'badRequest', /^ScepProfileNoLongerTargetedToTheClient/],
  ];

  it.each(cases)('%s', async (_name, make, failInfo, text) => {
    const req = await make();
    const before = await caIssuedCount();
    const outcome = await read(req, await post(req.der));
    expect(outcome).toMatchObject({ pkiStatus: 'FAILURE', failInfo });
    if (outcome.pkiStatus === 'FAILURE') expect(outcome.failInfoText).toMatch(text);
    expect(await caIssuedCount()).toBe(before);
  });

  it('fail/garbage bytes get HTTP 400 problem+json and change nothing', async () => {
    const before = await caIssuedCount();
    const res = await post(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00, 0xde, 0xad]));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 400, code: 'malformedScepMessage' });
    expect(await caIssuedCount()).toBe(before);
  });

  it('ok/the challenge never reaches the connector\'s log', () => {
    const log = connector.output.join('');
    expect(log).toContain('"flow":"scep"');
    expect(challenges.length).toBeGreaterThan(5);
    for (const challenge of challenges) expect(log).not.toContain(challenge);
  });
});


