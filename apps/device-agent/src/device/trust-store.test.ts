import type { DesiredProfile } from '@certlab/contracts';
import { createTestHierarchy, issueTestCertificate } from '@certlab/pki-core/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markReported, reconcile } from './reconcile';
import { StateDir } from './state-dir';
import { TrustStore } from './trust-store';

type Root = Awaited<ReturnType<typeof createTestHierarchy>>;
let pki: Root;
let leafDer: string;
const dirs: string[] = [];

beforeAll(async () => {
  pki = await createTestHierarchy({ keySpec: { kind: 'ec', curve: 'P-256' } });
  leafDer = Buffer.from((await issueTestCertificate(pki.issuing, { keySpec: { kind: 'ec', curve: 'P-256' } })).certificate.der).toString('base64');
});
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshState(): StateDir {
  const dir = mkdtempSync(join(tmpdir(), 'certlab-device-'));
  dirs.push(dir);
  return new StateDir(dir);
}

function rootProfile(id: string, version: number, cert = pki.root.certificate): DesiredProfile {
  return { type: 'trustedRoot', profileId: id, name: `profile ${id}`, version, payload: { certificate: Buffer.from(cert.der).toString('base64'), thumbprintSha256: cert.thumbprintSha256, subject: cert.subject } };
}

describe('TrustStore', () => {
  it('ok/installs a CA certificate and keeps it across reopening the state directory', () => {
    const state = freshState();
    const entry = new TrustStore(state).install(rootProfile('p1', 1) as Extract<DesiredProfile, { type: 'trustedRoot' }>);
    expect(entry.thumbprintSha256).toBe(pki.root.certificate.thumbprintSha256);
    const reopened = new TrustStore(new StateDir(state.path));
    expect(reopened.list()).toEqual([entry]);
    expect(reopened.anchors().map((c) => c.subject)).toEqual([pki.root.certificate.subject]);
  });

  it('fail/refuses a certificate that is not a CA certificate', () => {
    const sut = new TrustStore(freshState());
    const profile = { ...rootProfile('p1', 1), payload: { certificate: leafDer, thumbprintSha256: 'x', subject: 'CN=test device' } } as Extract<DesiredProfile, { type: 'trustedRoot' }>;
    expect(() => sut.install(profile)).toThrow(expect.objectContaining({ code: 'notACaCertificate' }));
    expect(sut.list()).toEqual([]);
  });

  it('ok/removing one of two profiles carrying the same root leaves the root trusted', () => {
    const sut = new TrustStore(freshState());
    sut.install(rootProfile('a', 1) as Extract<DesiredProfile, { type: 'trustedRoot' }>);
    sut.install(rootProfile('b', 1) as Extract<DesiredProfile, { type: 'trustedRoot' }>);
    expect(sut.remove('a')?.profileId).toBe('a');
    expect(sut.anchors()).toHaveLength(1);
    expect(sut.remove('a')).toBeUndefined();
  });
});

describe('reconcile', () => {
  it('ok/applies new profiles, reports once, and reports removal when a profile leaves the desired set', () => {
    const state = freshState();
    const first = reconcile(state, [rootProfile('p1', 1)]);
    expect(first).toEqual([expect.objectContaining({ profileId: 'p1', status: 'succeeded', details: expect.objectContaining({ thumbprintSha256: pki.root.certificate.thumbprintSha256 }) })]);
    markReported(state, first);
    expect(reconcile(state, [rootProfile('p1', 1)])).toEqual([]);

    const removed = reconcile(state, []);
    expect(removed).toEqual([expect.objectContaining({ profileId: 'p1', status: 'removed' })]);
    expect(new TrustStore(state).list()).toEqual([]);
  });

  it('ok/re-applies a profile whose version changed', () => {
    const state = freshState();
    markReported(state, reconcile(state, [rootProfile('p1', 1)]));
    const next = reconcile(state, [rootProfile('p1', 2, pki.issuing.certificate)]);
    expect(next).toEqual([expect.objectContaining({ profileId: 'p1', version: 2, status: 'succeeded' })]);
    expect(new TrustStore(state).list().map((e) => e.subject)).toEqual([pki.issuing.certificate.subject]);
  });

  it('fail/reports a thumbprint mismatch once, not on every retry', () => {
    const state = freshState();
    const bad = { ...rootProfile('p1', 1), payload: { ...(rootProfile('p1', 1) as Extract<DesiredProfile, { type: 'trustedRoot' }>).payload, thumbprintSha256: '00' } } as DesiredProfile;
    const first = reconcile(state, [bad]);
    expect(first).toEqual([expect.objectContaining({ status: 'failed', errorCode: 'thumbprintMismatch' })]);
    markReported(state, first);
    expect(reconcile(state, [bad])).toEqual([]);
  });

  it('ok/an unreported record is sent again until the cloud accepts it', () => {
    const state = freshState();
    reconcile(state, [rootProfile('p1', 1)]);
    expect(reconcile(state, [rootProfile('p1', 1)])).toEqual([expect.objectContaining({ profileId: 'p1', status: 'succeeded' })]);
  });
});

describe('StateDir', () => {
  it('ok/round-trips the identity and keeps the generated key store passphrase 0600 and stable', async () => {
    const state = freshState();
    const identity = {
      name: 'd', platform: 'ios' as const, osVersion: '18.1', serialNumber: null, imei: null, cloudUrl: 'https://127.0.0.1:3443',
      deviceId: 'id', entraDeviceId: 'e', enrolledAt: new Date(0).toISOString(), managementCertificate: 'pem', caCertificates: [],
      channelTrustAnchor: 'pem', checkInIntervalSeconds: 60, lastCheckInAt: null,
    };
    expect(state.exists()).toBe(false);
    state.writeIdentity(identity);
    expect(new StateDir(state.path).readIdentity()).toEqual(identity);
    const passphrase = state.keystorePassphrase();
    expect(state.keystorePassphrase()).toBe(passphrase);
    const { statSync } = await import('node:fs');
    expect(statSync(join(state.path, 'keystore.passphrase')).mode & 0o777).toBe(0o600);
  });

  it('fail/says how to enroll when the directory holds no device', () => {
    expect(() => freshState().readIdentity()).toThrow(/certlab device enroll/);
  });
});
