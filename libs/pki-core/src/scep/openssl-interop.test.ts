import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCms } from '../cms';
import { pemBlocks } from '../encoding/pem';
import { PkiFormatError } from '../errors';
import { scratch, type Scratch } from '../cms/test-helpers';
import { octetAttribute, printableAttribute } from './attributes';
import { PkiMessage, type PkcsReqMessage } from './pki-message';
import { buildPkcsReq } from './requests';
import { buildGetCaCertResponse, parseGetCaCertResponse, selectRecipientCertificate } from './ca-certs';
import { issueForCsr, scepWorld, type ScepWorld } from './test-fixtures';

let w: ScepWorld;
let s: Scratch;
beforeAll(async () => {
  w = await scepWorld();
  s = scratch();
  s.write('ra.pem', w.ra.pem);
  s.write('ra.key', w.raKey.pkcs8Pem);
  s.write('ca.pem', w.ca.pem);
  s.write('client.pem', w.client.pem);
  s.write('client.key', w.clientKey.pkcs8Pem);
  s.write('csr.der', w.csrDer);
});
afterAll(() => s.cleanup());

describe('openssl reads our SCEP messages', () => {
  it('ok/openssl cms -verify accepts our PKCSReq, and cms -decrypt opens its envelope with the RA key', async () => {
    const { der } = await buildPkcsReq({ csrDer: w.csrDer, signerCert: w.client.der, signerKey: w.clientKey.keys.privateKey, recipientCert: w.ra.der });
    s.write('pkcsreq.der', der);
    // The self-signed client certificate is its own trust anchor here, as the RA treats it.
    s.openssl(['cms', '-verify', '-inform', 'DER', '-in', 'pkcsreq.der', '-CAfile', 'client.pem', '-purpose', 'any', '-binary', '-out', 'envelope.der']);
    const csr = s.openssl(['cms', '-decrypt', '-inform', 'DER', '-in', 'envelope.der', '-inkey', 'ra.key', '-recip', 'ra.pem', '-binary']);
    expect(new Uint8Array(csr)).toEqual(w.csrDer);
    const attrs = s.openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'pkcsreq.der']).toString();
    expect(attrs).toContain('2.16.840.1.113733.1.9.2'); // messageType is a signed attribute openssl sees
  });

  it('ok/openssl verifies our CertRep against the CA and the client decrypts its certificate with openssl', async () => {
    const req = PkiMessage.parse((await buildPkcsReq({ csrDer: w.csrDer, signerCert: w.client.der, signerKey: w.clientKey.keys.privateKey, recipientCert: w.ra.der })).der) as PkcsReqMessage;
    const cert = await issueForCsr(w, w.csrDer);
    const reply = await req.success({ issuedCerts: [cert], raSigner: w.raSigner });
    s.write('certrep.der', reply.der);
    s.openssl(['cms', '-verify', '-inform', 'DER', '-in', 'certrep.der', '-CAfile', 'ca.pem', '-purpose', 'any', '-binary', '-out', 'rep-envelope.der']);
    s.openssl(['cms', '-decrypt', '-inform', 'DER', '-in', 'rep-envelope.der', '-inkey', 'client.key', '-recip', 'client.pem', '-binary', '-out', 'certs.p7']);
    const printed = s.openssl(['pkcs7', '-inform', 'DER', '-in', 'certs.p7', '-print_certs']).toString();
    expect(printed).toContain('subject=CN = device-42');
    expect(pemBlocks(printed).map((b) => b.der)).toEqual([cert]);
  });
});

describe('we read SCEP messages built with openssl', () => {
  // `openssl cms -sign` cannot add arbitrary signed attributes (no option for messageType,
  // transactionID or nonces), so a complete PKIMessage cannot come out of the openssl CLI.
  // The envelope is openssl's; the outer signature with the SCEP attributes is ours.
  it.each([['ok/-aes256', '-aes256', 'aes-256-cbc'], ['ok/-des3', '-des3', 'des-ede3-cbc']] as const)(
    '%s envelope from openssl cms -encrypt, signed here, parses and decrypts',
    async (_name, flag, cipher) => {
      s.openssl(['cms', '-encrypt', flag, '-binary', '-in', 'csr.der', '-outform', 'DER', '-out', 'env.der', 'ra.pem']);
      const der = await signCms({
        content: s.read('env.der'),
        signers: [{
          certificate: w.client.der,
          key: w.clientKey.keys.privateKey,
          attributes: [printableAttribute('transactionID', 'OPENSSL-1'), printableAttribute('messageType', '19'), octetAttribute('senderNonce', new Uint8Array(16).fill(1))],
        }],
      });
      const msg = PkiMessage.parse(der) as PkcsReqMessage;
      expect(msg.messageType).toBe('PKCSReq');
      expect(msg.envelope?.cipher).toBe(cipher);
      await msg.verify();
      expect(await msg.decryptEnvelope(w.raUnwrapper)).toEqual(w.csrDer);
    },
  );

  it('fail/an openssl cms -sign over the envelope has no SCEP attributes and is refused as such', () => {
    s.openssl(['cms', '-encrypt', '-aes256', '-binary', '-in', 'csr.der', '-outform', 'DER', '-out', 'env2.der', 'ra.pem']);
    s.openssl(['cms', '-sign', '-binary', '-nodetach', '-in', 'env2.der', '-signer', 'client.pem', '-inkey', 'client.key', '-outform', 'DER', '-out', 'signed.der']);
    expect(() => PkiMessage.parse(s.read('signed.der'))).toThrow(PkiFormatError);
    expect(() => PkiMessage.parse(s.read('signed.der'))).toThrow(/messageType attribute is missing/);
  });
});

describe('GetCACert', () => {
  it('ok/RA + CA go out as application/x-x509-ca-ra-cert that openssl pkcs7 reads, and come back in order', () => {
    const res = buildGetCaCertResponse([w.ra.der, w.ca.der]);
    expect(res.contentType).toBe('application/x-x509-ca-ra-cert');
    s.write('getcacert.p7', res.body);
    const printed = s.openssl(['pkcs7', '-inform', 'DER', '-in', 'getcacert.p7', '-print_certs']).toString();
    expect(pemBlocks(printed).map((b) => b.der)).toEqual([w.ra.der, w.ca.der]);
    const back = parseGetCaCertResponse('application/x-x509-ca-ra-cert', res.body);
    expect(back).toEqual([w.ra.der, w.ca.der]);
    expect(selectRecipientCertificate(back)).toEqual(w.ra.der);
  });

  it('ok/a lone CA goes out as DER application/x-x509-ca-cert', () => {
    const res = buildGetCaCertResponse([w.ca.der]);
    expect(res).toEqual({ contentType: 'application/x-x509-ca-cert', body: w.ca.der });
    expect(parseGetCaCertResponse('application/x-x509-ca-cert; charset=binary', res.body)).toEqual([w.ca.der]);
    expect(selectRecipientCertificate([w.ca.der])).toEqual(w.ca.der);
  });

  it('ok/openssl crl2pkcs7 output is read as an RA/CA response', () => {
    s.write('chain.pem', w.ra.pem + w.ca.pem);
    const der = new Uint8Array(s.openssl(['crl2pkcs7', '-nocrl', '-certfile', 'chain.pem', '-outform', 'DER']));
    expect(parseGetCaCertResponse('application/x-x509-ca-ra-cert', der)).toEqual([w.ra.der, w.ca.der]);
  });

  it.each([
    ['fail/unknown content type', 'text/plain', () => new Uint8Array([1])],
    ['fail/garbage as a single certificate', 'application/x-x509-ca-cert', () => new Uint8Array([0x30, 0x01, 0x00])],
    ['fail/a certificate sent as ca-ra-cert', 'application/x-x509-ca-ra-cert', () => w.ca.der],
  ] as const)('%s is a PkiFormatError', (_name, type, body) => {
    expect(() => parseGetCaCertResponse(type, body())).toThrow(PkiFormatError);
  });
});
