import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHierarchy, createTestHierarchy, issueTestCertificate, opensslWorkspace, testKeyPair } from '../testing';
import type { Certificate } from '../x509/certificate';
import { OcspRequest, OcspResponse, certIdFor, certIdMatchesIssuer, createOcspErrorResponse, createOcspRequest, createOcspResponse } from './index';

const ws = opensslWorkspace('certlab-ocsp-');
afterAll(() => ws.cleanup());

describe('OCSP (RFC 6960)', () => {
  let h: TestHierarchy;
  let good: Certificate;
  let revoked: Certificate;
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const revokedAt = new Date(now.getTime() - 3600_000);

  beforeAll(async () => {
    h = await createTestHierarchy();
    ({ certificate: good } = await issueTestCertificate(h.issuing, { subject: 'CN=good device' }));
    ({ certificate: revoked } = await issueTestCertificate(h.issuing, { subject: 'CN=lost device' }));
    ws.write('root.pem', h.root.certificate.pem);
    ws.write('issuing.pem', h.issuing.certificate.pem);
    ws.write('good.pem', good.pem);
    ws.write('revoked.pem', revoked.pem);
  });

  async function answer(request: OcspRequest, signer = h.issuing): Promise<Uint8Array> {
    return createOcspResponse({
      signer,
      nonce: request.nonce,
      responses: request.certIds.map((certId) =>
        certId.serialNumber === revoked.serialNumber
          ? { certId, status: 'revoked' as const, revokedAt, reason: 'keyCompromise' as const, thisUpdate: now, nextUpdate: new Date(now.getTime() + 3600_000) }
          : certId.serialNumber === good.serialNumber
            ? { certId, status: 'good' as const, thisUpdate: now }
            : { certId, status: 'unknown' as const, thisUpdate: now },
      ),
    });
  }

  it('ok/an openssl request parses to CertIDs that match our issuer, with its nonce', async () => {
    ws.run(['ocsp', '-issuer', 'issuing.pem', '-cert', 'good.pem', '-cert', 'revoked.pem', '-reqout', 'req.der']);
    const sut = OcspRequest.parse(ws.read('req.der'));
    expect(sut.certIds.map((c) => c.serialNumber)).toEqual([good.serialNumber, revoked.serialNumber]);
    expect(sut.certIds[0]).toEqual(await certIdFor(good.serialNumber, h.issuing.certificate));
    expect(await certIdMatchesIssuer(sut.certIds[0], h.issuing.certificate)).toBe(true);
    expect(await certIdMatchesIssuer(sut.certIds[0], h.root.certificate)).toBe(false);
    expect(sut.nonce?.length).toBeGreaterThan(0);
  });

  it('ok/openssl verifies our response and reads good, revoked with reason, and the nonce echo', async () => {
    ws.run(['ocsp', '-issuer', 'issuing.pem', '-cert', 'good.pem', '-cert', 'revoked.pem', '-reqout', 'req2.der']);
    ws.write('resp.der', await answer(OcspRequest.parse(ws.read('req2.der'))));
    const r = ws.tryRun(['ocsp', '-respin', 'resp.der', '-CAfile', 'root.pem', '-issuer', 'issuing.pem', '-cert', 'good.pem', '-cert', 'revoked.pem', '-no_nonce']);
    expect(r.stderr).toContain('Response verify OK');
    expect(r.stdout).toContain('good.pem: good');
    expect(r.stdout).toMatch(/revoked\.pem: revoked\s+This Update: .*\s+(Next Update: .*\s+)?Reason: keyCompromise/);
    // With -reqin openssl checks that the response echoes the request's nonce.
    const echo = ws.tryRun(['ocsp', '-reqin', 'req2.der', '-respin', 'resp.der', '-CAfile', 'root.pem', '-verify_other', 'issuing.pem']);
    expect(echo.stderr).toContain('Response verify OK');
    expect(echo.stderr).not.toMatch(/nonce/i);
  });

  it('ok/our request is read by openssl and our parser reads our response', async () => {
    const req = await createOcspRequest({ serialNumbers: [good.serialNumber, 'ffee01'], issuer: h.issuing.certificate, nonce: true });
    ws.write('ours.req', req.der);
    expect(ws.run(['ocsp', '-reqin', 'ours.req', '-req_text'])).toMatch(/OCSP Nonce/);
    const sut = OcspResponse.parse(await answer(req));
    expect(sut.status).toBe('successful');
    expect(sut.find(good.serialNumber)?.status).toBe('good');
    expect(sut.find('FF:EE:01')?.status).toBe('unknown');
    expect(sut.nonce).toEqual(req.nonce);
    expect(await sut.verify(h.issuing.certificate)).toBe(true);
    expect(await sut.verify(h.root.certificate)).toBe(false);
  });

  it('ok/an ECDSA CA signs responses openssl verifies', async () => {
    const ec = await createTestHierarchy({ rootName: 'CN=EC Root', issuingName: 'CN=EC Issuing', rootKeys: await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'ocsp-ec-root'), issuingKeys: await testKeyPair({ kind: 'ec', curve: 'P-384' }, 'ocsp-ec-issuing') });
    const { certificate: leaf } = await issueTestCertificate(ec.issuing, { subject: 'CN=ec leaf' });
    const req = await createOcspRequest({ serialNumbers: [leaf.serialNumber], issuer: ec.issuing.certificate });
    const der = await createOcspResponse({ signer: ec.issuing, responses: [{ certId: req.certIds[0], status: 'good', thisUpdate: now }] });
    ws.write('ec-root.pem', ec.root.certificate.pem);
    ws.write('ec-issuing.pem', ec.issuing.certificate.pem);
    ws.write('ec-leaf.pem', leaf.pem);
    ws.write('ec-resp.der', der);
    const r = ws.tryRun(['ocsp', '-respin', 'ec-resp.der', '-CAfile', 'ec-root.pem', '-issuer', 'ec-issuing.pem', '-cert', 'ec-leaf.pem', '-no_nonce']);
    expect(r.stderr).toContain('Response verify OK');
    expect(r.stdout).toContain('ec-leaf.pem: good');
    expect(await OcspResponse.parse(der).verify(ec.issuing.certificate)).toBe(true);
  });

  it('ok/error responses carry only a status', () => {
    const sut = OcspResponse.parse(createOcspErrorResponse('malformedRequest'));
    expect([sut.status, sut.responses.length]).toEqual(['malformedRequest', 0]);
  });

  it.each([
    ['fail/empty bytes', new Uint8Array()],
    ['fail/a certificate instead of a request', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])],
  ])('%s is a PkiFormatError', (_name, bytes) => {
    expect(() => OcspRequest.parse(bytes)).toThrow(/OCSP request/);
  });
});
