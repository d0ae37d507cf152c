import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPkcs8, pkcs8ToPem } from '../keys/codec';
import { type TestHierarchy, createTestHierarchy, issueTestCertificate, opensslWorkspace, testKeyPair } from '../testing';
import type { Certificate } from '../x509/certificate';
import { Crl, createCrl, REVOCATION_REASONS, revocationReasonOf } from './index';

const ws = opensslWorkspace('certlab-crl-');
afterAll(() => ws.cleanup());

describe('CRLs', () => {
  let h: TestHierarchy;
  let leaf: Certificate;
  let crl: Crl;
  const thisUpdate = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const nextUpdate = new Date(thisUpdate.getTime() + 7 * 86_400_000);

  beforeAll(async () => {
    h = await createTestHierarchy();
    ({ certificate: leaf } = await issueTestCertificate(h.issuing, { subject: 'CN=revoked device' }));
    crl = await createCrl(
      {
        crlNumber: 42,
        thisUpdate,
        nextUpdate,
        entries: [
          { serialNumber: leaf.serialNumber, reason: 'keyCompromise', revocationDate: thisUpdate },
          { serialNumber: '0A:1B:2C', reason: 'unspecified', revocationDate: thisUpdate },
          { serialNumber: '7f00ff', reason: 'cessationOfOperation', revocationDate: thisUpdate },
        ],
      },
      h.issuing,
    );
    ws.write('root.pem', h.root.certificate.pem);
    ws.write('issuing.pem', h.issuing.certificate.pem);
    ws.write('leaf.pem', leaf.pem);
    ws.write('ours.crl', crl.pem);
  });

  it('ok/the parsed view has issuer, dates, number, AKI and entries with reasons', () => {
    expect(crl.issuer).toBe(h.issuing.certificate.subject);
    expect(crl.thisUpdate).toEqual(thisUpdate);
    expect(crl.nextUpdate).toEqual(nextUpdate);
    expect(crl.crlNumber).toBe(42n);
    expect(crl.authorityKeyIdentifier).toBe(h.issuing.certificate.subjectKeyIdentifier);
    expect(crl.entries).toEqual([
      { serialNumber: leaf.serialNumber, revocationDate: thisUpdate, reason: 'keyCompromise' },
      // RFC 5280 §5.3.1: "unspecified" is written as no reasonCode at all.
      { serialNumber: '0a1b2c', revocationDate: thisUpdate },
      { serialNumber: '7f00ff', revocationDate: thisUpdate, reason: 'cessationOfOperation' },
    ]);
    expect(crl.isCurrentAt()).toBe(true);
  });

  it.each([
    ['ok/lowercase', '0a1b2c'],
    ['ok/uppercase with colons', '0A:1B:2C'],
    ['ok/without the leading zero', 'A1B2C'],
    ['ok/with a sign octet', '000a1b2c'],
  ])('%s serial spelling finds the entry', (_name, serial) => {
    expect(crl.lookup(serial)?.serialNumber).toBe('0a1b2c');
  });

  it.each([
    ['fail/unknown serial', 'deadbeef'],
    ['fail/not hex', 'xyz'],
  ])('%s is undefined', (_name, serial) => {
    expect(crl.lookup(serial)).toBeUndefined();
  });

  it('ok/verify accepts the issuer and rejects any other certificate', async () => {
    expect(await crl.verify(h.issuing.certificate)).toBe(true);
    expect(await crl.verify(h.root.certificate)).toBe(false);
    expect(await crl.verify(leaf)).toBe(false);
  });

  it('ok/openssl crl -verify accepts our CRL and prints its number and reasons', () => {
    const r = ws.tryRun(['crl', '-in', 'ours.crl', '-CAfile', 'issuing.pem', '-noout', '-verify', '-text']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/verify OK/);
    const out = r.stdout;
    expect(out).toMatch(/X509v3 CRL Number:\s+42/);
    expect(out).toMatch(new RegExp(`Serial Number: ${leaf.serialNumber.toUpperCase()}\\s+Revocation Date: .*\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Key Compromise`));
    expect(out).toMatch(/Serial Number: 0A1B2C\s+Revocation Date: [^\n]+\n\s+Serial Number: 7F00FF/);
  });

  it('ok/openssl verify -crl_check reports the leaf revoked', () => {
    ws.write('chain.pem', h.root.certificate.pem);
    const result = ws.tryRun(['verify', '-crl_check', '-CAfile', 'chain.pem', '-untrusted', 'issuing.pem', '-CRLfile', 'ours.crl', 'leaf.pem']);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('certificate revoked');
  });

  it('ok/a cRLNumber beyond 2^53 round-trips exactly', async () => {
    const big = 2n ** 70n + 5n;
    const bigCrl = await createCrl({ crlNumber: big, thisUpdate, nextUpdate }, h.issuing);
    expect(bigCrl.crlNumber).toBe(big);
    expect(bigCrl.entries).toEqual([]);
    ws.write('big.crl', bigCrl.pem);
    expect(ws.run(['crl', '-in', 'big.crl', '-noout', '-crlnumber']).trim()).toBe(`crlNumber=0x${big.toString(16).toUpperCase()}`);
  });

  it('ok/an ECDSA CA signs CRLs openssl verifies', async () => {
    const ec = await createTestHierarchy({
      rootName: 'CN=EC Root',
      issuingName: 'CN=EC Issuing',
      rootKeys: await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'ec-root'),
      issuingKeys: await testKeyPair({ kind: 'ec', curve: 'P-384' }, 'ec-issuing'),
    });
    const ecCrl = await createCrl({ crlNumber: 1, entries: [{ serialNumber: '01', reason: 'superseded' }] }, ec.issuing);
    expect(ecCrl.signatureAlgorithm).toBe('ecdsa-with-SHA384');
    ws.write('ec-issuing.pem', ec.issuing.certificate.pem);
    ws.write('ec.crl', ecCrl.pem);
    const r = ws.tryRun(['crl', '-in', 'ec.crl', '-CAfile', 'ec-issuing.pem', '-noout', '-verify']);
    expect([r.status, r.stderr.trim()]).toEqual([0, 'verify OK']);
    expect(await ecCrl.verify(ec.issuing.certificate)).toBe(true);
  });

  it('ok/a CRL from openssl ca -gencrl parses, looks up and verifies', async () => {
    ws.write('issuing.key', pkcs8ToPem(await exportPkcs8(h.issuing.privateKey)));
    ws.write(
      'index.txt',
      [
        'R\t351231235959Z\t261101120000Z,keyCompromise\t0A1B2C3D\tunknown\t/CN=stolen laptop',
        'R\t351231235959Z\t261102120000Z,superseded\t7F\tunknown\t/CN=renewed',
        'R\t351231235959Z\t261103120000Z\t1234\tunknown\t/CN=no reason',
        'V\t351231235959Z\t\t5555\tunknown\t/CN=still good',
        '',
      ].join('\n'),
    );
    ws.write('crlnumber', '1000\n');
    ws.write(
      'ca.cnf',
      ['[ ca ]', 'default_ca = CA_default', '[ CA_default ]', 'database = index.txt', 'crlnumber = crlnumber', 'default_md = sha256', 'default_crl_days = 7', 'crl_extensions = crl_ext', '[ crl_ext ]', 'authorityKeyIdentifier = keyid:always', ''].join('\n'),
    );
    ws.run(['ca', '-gencrl', '-config', 'ca.cnf', '-keyfile', 'issuing.key', '-cert', 'issuing.pem', '-out', 'ossl.crl']);
    const sut = Crl.parse(ws.read('ossl.crl'));
    expect(sut.crlNumber).toBe(0x1000n);
    expect(sut.issuer).toBe(h.issuing.certificate.subject);
    expect(sut.authorityKeyIdentifier).toBe(h.issuing.certificate.subjectKeyIdentifier);
    expect(sut.lookup('0A1B2C3D')).toEqual({ serialNumber: '0a1b2c3d', revocationDate: new Date('2026-11-01T12:00:00Z'), reason: 'keyCompromise' });
    expect(sut.lookup('7f')).toEqual({ serialNumber: '7f', revocationDate: new Date('2026-11-02T12:00:00Z'), reason: 'superseded' });
    expect(sut.lookup('1234')).toEqual({ serialNumber: '1234', revocationDate: new Date('2026-11-03T12:00:00Z') });
    expect(sut.lookup('5555')).toBeUndefined();
    expect(sut.nextUpdate!.getTime() - sut.thisUpdate.getTime()).toBe(7 * 86_400_000);
    expect(await sut.verify(h.issuing.certificate)).toBe(true);
  });

  it('ok/every reason in the table maps back from its wire code', () => {
    for (const [name, code] of Object.entries(REVOCATION_REASONS)) expect(revocationReasonOf(code)).toBe(name);
    expect(revocationReasonOf(7)).toBeUndefined();
  });
});
