import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrl } from '../crl/crl-builder';
import { type TestHierarchy, createTestHierarchy, issueTestCertificate, opensslWorkspace, testKeyPair } from '../testing';
import { importPrivateKey } from '../keys/codec';
import { Certificate, createSelfSignedCertificate, issueCertificate, verifyChain } from './index';

const ws = opensslWorkspace('certlab-chain-');
afterAll(() => ws.cleanup());

const HOUR = 3_600_000;

describe('verifyChain', () => {
  let h: TestHierarchy;
  let leaf: Certificate;
  let leafKeys: CryptoKeyPair;

  beforeAll(async () => {
    h = await createTestHierarchy();
    ({ certificate: leaf, keys: leafKeys } = await issueTestCertificate(h.issuing, { subject: 'CN=leaf' }));
  });

  it('ok/builds leaf -> issuing -> root from a pool, in order', async () => {
    const other = await createTestHierarchy({ rootName: 'CN=Other Root', issuingName: 'CN=Other Issuing' });
    const result = await verifyChain({ leaf, intermediates: [other.issuing.certificate, h.issuing.certificate], trustedRoots: [other.root.certificate, h.root.certificate] });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.chain.map((c) => c.subject)).toEqual(['CN=leaf', h.issuing.certificate.subject, h.root.certificate.subject]);
  });

  it('ok/a trusted root alone is a chain of one', async () => {
    const result = await verifyChain({ leaf: h.root.certificate, trustedRoots: [h.root.certificate] });
    expect(result).toMatchObject({ ok: true, chain: [h.root.certificate] });
  });

  it('fail/expired when validated after notAfter', async () => {
    const at = new Date(leaf.notAfter.getTime() + 1000);
    const result = await verifyChain({ leaf, intermediates: [h.issuing.certificate], trustedRoots: [h.root.certificate], at });
    expect(result).toMatchObject({ ok: false, failure: { code: 'expired', certificate: leaf, notAfter: leaf.notAfter } });
    if (!result.ok) expect(result.message).toMatch(/"CN=leaf" .* expired at/);
  });

  it('fail/not-yet-valid when validated before notBefore', async () => {
    const at = new Date(leaf.notBefore.getTime() - HOUR);
    const result = await verifyChain({ leaf, intermediates: [h.issuing.certificate], trustedRoots: [h.root.certificate], at });
    expect(result).toMatchObject({ ok: false, failure: { code: 'not-yet-valid', certificate: leaf } });
  });

  it('fail/bad-signature when one bit of the signature flips', async () => {
    const der = new Uint8Array(leaf.der);
    der[der.length - 1] ^= 1;
    const tampered = Certificate.parse(der);
    const result = await verifyChain({ leaf: tampered, intermediates: [h.issuing.certificate], trustedRoots: [h.root.certificate] });
    expect(result).toMatchObject({ ok: false, failure: { code: 'bad-signature', certificate: tampered } });
  });

  it('fail/issuer-not-found without the intermediate', async () => {
    const result = await verifyChain({ leaf, trustedRoots: [h.root.certificate] });
    expect(result).toMatchObject({ ok: false, failure: { code: 'issuer-not-found', certificate: leaf } });
    if (!result.ok) expect(result.message).toContain(h.issuing.certificate.subject);
  });

  it('fail/issuer-not-found when the root is not trusted', async () => {
    const result = await verifyChain({ leaf, intermediates: [h.issuing.certificate, h.root.certificate], trustedRoots: [] });
    expect(result).toMatchObject({ ok: false, failure: { code: 'issuer-not-found', certificate: h.root.certificate } });
  });

  it('fail/not-a-ca when an end-entity certificate issued another', async () => {
    const { certificate: child } = await issueTestCertificate({ certificate: leaf, privateKey: leafKeys.privateKey }, { subject: 'CN=child', keys: await testKeyPair({ kind: 'ec', curve: 'P-256' }) });
    const result = await verifyChain({ leaf: child, intermediates: [leaf, h.issuing.certificate], trustedRoots: [h.root.certificate] });
    expect(result).toMatchObject({ ok: false, failure: { code: 'not-a-ca', certificate: leaf } });
  });

  it('fail/path-length-exceeded below an issuing CA with pathLen 0, as openssl also says', async () => {
    const subKeys = await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'sub');
    const sub = await issueCertificate({ subject: 'CN=Sub CA', publicKey: subKeys.publicKey, basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] }, h.issuing);
    const { certificate: deep } = await issueTestCertificate({ certificate: sub, privateKey: subKeys.privateKey }, { subject: 'CN=deep' });
    const result = await verifyChain({ leaf: deep, intermediates: [sub, h.issuing.certificate], trustedRoots: [h.root.certificate] });
    expect(result).toMatchObject({ ok: false, failure: { code: 'path-length-exceeded', certificate: h.issuing.certificate, pathLength: 0 } });
    ws.write('root.pem', h.root.certificate.pem);
    ws.write('untrusted.pem', sub.pem + h.issuing.certificate.pem);
    ws.write('deep.pem', deep.pem);
    const openssl = ws.tryRun(['verify', '-CAfile', 'root.pem', '-untrusted', 'untrusted.pem', 'deep.pem']);
    expect(openssl.status).not.toBe(0);
    expect(openssl.stdout + openssl.stderr).toContain('path length constraint exceeded');
  });

  it('fail/key-usage-lacks-keyCertSign for a CA whose keyUsage omits it', async () => {
    const caKeys = await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'weak-ca');
    const weak = await issueCertificate({ subject: 'CN=Weak CA', publicKey: caKeys.publicKey, basicConstraints: { ca: true }, keyUsage: ['cRLSign', 'digitalSignature'] }, h.root);
    const { certificate: under } = await issueTestCertificate({ certificate: weak, privateKey: caKeys.privateKey }, { subject: 'CN=under weak' });
    const result = await verifyChain({ leaf: under, intermediates: [weak], trustedRoots: [h.root.certificate] });
    expect(result).toMatchObject({ ok: false, failure: { code: 'key-usage-lacks-keyCertSign', certificate: weak } });
  });

  it('fail/revoked per a CRL from the issuer, with the reason', async () => {
    const revokedAt = new Date(Date.now() - 60_000);
    const crl = await createCrl({ crlNumber: 7, entries: [{ serialNumber: leaf.serialNumber, reason: 'keyCompromise', revocationDate: revokedAt }] }, h.issuing);
    const result = await verifyChain({ leaf, intermediates: [h.issuing.certificate], trustedRoots: [h.root.certificate], crls: [crl] });
    expect(result).toMatchObject({ ok: false, failure: { code: 'revoked', certificate: leaf, reason: 'keyCompromise' } });
    if (!result.ok && result.failure.code === 'revoked') expect(result.failure.revocationDate.getTime()).toBe(Math.floor(revokedAt.getTime() / 1000) * 1000);
  });

  it('ok/a CRL signed by another CA is not believed', async () => {
    const other = await createTestHierarchy({
      rootName: 'CN=Other Root',
      issuingName: h.issuing.certificate.subject,
      rootKeys: await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'other-root'),
      issuingKeys: await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'other-issuing'),
    });
    const forged = await createCrl({ crlNumber: 1, entries: [{ serialNumber: leaf.serialNumber, reason: 'keyCompromise' }] }, other.issuing);
    const result = await verifyChain({ leaf, intermediates: [h.issuing.certificate], trustedRoots: [h.root.certificate], crls: [forged] });
    expect(result.ok).toBe(true);
  });
});

describe('verifyChain with a v1 root', () => {
  it('ok/a version 1 root from openssl x509 -req is accepted as a trust anchor, as openssl does', async () => {
    ws.run(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'v1root.key', '-subj', '/CN=Legacy v1 Root', '-out', 'v1root.csr']);
    ws.run(['x509', '-req', '-in', 'v1root.csr', '-signkey', 'v1root.key', '-days', '3', '-out', 'v1root.pem']);
    ws.run(['pkcs8', '-topk8', '-nocrypt', '-in', 'v1root.key', '-out', 'v1root.p8']);
    const root = Certificate.parse(ws.readText('v1root.pem'));
    expect(root.version).toBe(1);
    expect(root.isCa).toBe(false);
    const privateKey = await importPrivateKey(ws.readText('v1root.p8'));
    const { certificate: leaf } = await issueTestCertificate({ certificate: root, privateKey }, { subject: 'CN=under legacy' });
    expect(await verifyChain({ leaf, trustedRoots: [root] })).toMatchObject({ ok: true, chain: [leaf, root] });
    ws.write('v1leaf.pem', leaf.pem);
    expect(ws.run(['verify', '-CAfile', 'v1root.pem', 'v1leaf.pem'])).toContain('v1leaf.pem: OK');
  });

  it('fail/a v3 root without basicConstraints is not-a-ca, as openssl says', async () => {
    const keys = await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'v3-noext-root');
    const root = await createSelfSignedCertificate({ subject: 'CN=No Extensions Root', keys, subjectKeyIdentifier: false });
    expect([root.version, root.extensions]).toEqual([3, []]);
    const { certificate: leaf } = await issueTestCertificate({ certificate: root, privateKey: keys.privateKey }, { subject: 'CN=under noext' });
    expect(await verifyChain({ leaf, trustedRoots: [root] })).toMatchObject({ ok: false, failure: { code: 'not-a-ca', certificate: root } });
    ws.write('noext-root.pem', root.pem);
    ws.write('noext-leaf.pem', leaf.pem);
    const r = ws.tryRun(['verify', '-CAfile', 'noext-root.pem', 'noext-leaf.pem']);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('invalid CA certificate');
  });
});
