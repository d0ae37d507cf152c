import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PkiFormatError, PkiVerificationError } from '../errors';
import { fromPem, pemBlocks } from '../encoding/pem';
import { buildCertsOnly, signCms } from './signed-data-builder';
import { SignedCms, readCertsOnly } from './signed-data';
import { CMS_OIDS } from './algorithms';
import { x509 } from '../crypto-provider';
import { ecKey, issued, rsaKey, rsaKeyForHash, scratch, selfSigned, type Scratch, type TestCert } from './test-helpers';

const CUSTOM_OID = '2.16.840.1.113733.1.9.7';
// DER PrintableString "abc123"
const CUSTOM_VALUE = new Uint8Array([0x13, 0x06, 0x61, 0x62, 0x63, 0x31, 0x32, 0x33]);

let ca: TestCert;
let rsaSigner: TestCert;
let ecSigner: TestCert;
let other: TestCert;
let s: Scratch;
const content = new TextEncoder().encode('certlab signed content\n');

beforeAll(async () => {
  const [caKey, rsa, ec, otherKey] = await Promise.all([rsaKey(), rsaKey(), ecKey(), rsaKey()]);
  ca = await selfSigned('CN=certlab test CA', caKey);
  rsaSigner = await issued(ca, 'CN=rsa signer', rsa);
  ecSigner = await issued(ca, 'CN=ec signer', ec);
  other = await issued(ca, 'CN=someone else', otherKey);
  s = scratch();
  s.write('ca.pem', ca.pem);
  s.write('rsa.pem', rsaSigner.pem);
  s.write('rsa.key', rsa.pkcs8Pem);
  s.write('ec.pem', ecSigner.pem);
  s.write('content.bin', content);
});
afterAll(() => s.cleanup());

describe('SignedData we build', () => {
  it('ok/RSA SHA-256 round-trips with its signed attributes readable by OID', async () => {
    const when = new Date('2026-11-29T10:00:00Z');
    const der = await signCms({
      content,
      signers: [{ certificate: rsaSigner.der, key: rsaSigner.key.keys.privateKey, signingTime: when, attributes: [{ oid: CUSTOM_OID, values: [CUSTOM_VALUE] }] }],
      certificates: [ca.der],
    });
    const sut = SignedCms.parse(der);
    expect(sut.der).toBe(der);
    expect(sut.eContentType).toBe(CMS_OIDS.data);
    expect(sut.eContent).toEqual(content);
    expect(sut.certificates).toEqual([rsaSigner.der, ca.der]);
    const [signer] = sut.signers;
    expect(signer.sid.kind).toBe('issuerAndSerialNumber');
    expect(signer.hash).toBe('SHA-256');
    expect(signer.signingTime?.toISOString()).toBe(when.toISOString());
    expect(signer.signedAttribute(CUSTOM_OID)).toEqual(CUSTOM_VALUE);
    expect(signer.messageDigest).toEqual(new Uint8Array(await crypto.subtle.digest('SHA-256', content)));
    expect(await sut.verify()).toEqual([rsaSigner.der]);
  });

  it('ok/ECDSA P-256 with SHA-512 verifies', async () => {
    const der = await signCms({ content, signers: [{ certificate: ecSigner.der, key: ecSigner.key.keys.privateKey, hash: 'SHA-512' }] });
    const sut = SignedCms.parse(der);
    expect(sut.signers[0].hash).toBe('SHA-512');
    expect(sut.signers[0].signatureAlgorithmOid).toBe('1.2.840.10045.4.3.4');
    expect(await sut.verify()).toEqual([ecSigner.der]);
  });

  it('ok/legacy SHA-1 RSA verifies', async () => {
    const key = await rsaKeyForHash(rsaSigner.key, 'SHA-1');
    const sut = SignedCms.parse(await signCms({ content, signers: [{ certificate: rsaSigner.der, key, hash: 'SHA-1' }] }));
    expect(sut.signers[0].digestAlgorithmOid).toBe('1.3.14.3.2.26');
    await expect(sut.verify()).resolves.toEqual([rsaSigner.der]);
  });

  it('ok/signer named by subjectKeyIdentifier is found in the bag', async () => {
    const der = await signCms({ content, signers: [{ certificate: rsaSigner.der, key: rsaSigner.key.keys.privateKey, identifyBy: 'subjectKeyIdentifier' }] });
    const sut = SignedCms.parse(der);
    expect(sut.signers[0].sid.kind).toBe('subjectKeyIdentifier');
    expect(sut.signers[0].version).toBe(3);
    await expect(sut.verify()).resolves.toEqual([rsaSigner.der]);
  });

  it('ok/detached signature verifies with the content supplied', async () => {
    const der = await signCms({ content, detached: true, signers: [{ certificate: rsaSigner.der, key: rsaSigner.key.keys.privateKey }] });
    const sut = SignedCms.parse(der);
    expect(sut.eContent).toBeUndefined();
    await expect(sut.verify({ detachedContent: content })).resolves.toHaveLength(1);
  });

  it('fail/tampered content is a PkiVerificationError on the digest', async () => {
    const der = await signCms({ content, detached: true, signers: [{ certificate: rsaSigner.der, key: rsaSigner.key.keys.privateKey }] });
    await expect(SignedCms.parse(der).verify({ detachedContent: new TextEncoder().encode('other') })).rejects.toThrow(/message digest/);
  });

  it('fail/flipped signature byte is a PkiVerificationError', async () => {
    const der = await signCms({ content, signers: [{ certificate: ecSigner.der, key: ecSigner.key.keys.privateKey }] });
    const sig = SignedCms.parse(der).signers[0].signature;
    const at = Buffer.from(der).indexOf(Buffer.from(sig));
    const bad = der.slice();
    bad[at + sig.length - 3] ^= 1;
    await expect(SignedCms.parse(bad).verify()).rejects.toBeInstanceOf(PkiVerificationError);
  });

  it('fail/a supplied certificate that is not the signer is refused', async () => {
    const der = await signCms({ content, signers: [{ certificate: rsaSigner.der, key: rsaSigner.key.keys.privateKey }] });
    await expect(SignedCms.parse(der).verify({ signerCertificate: other.der })).rejects.toThrow(/does not name/);
  });

  it('fail/signer certificate absent from the bag', async () => {
    const der = await signCms({ content, omitSignerCertificates: true, signers: [{ certificate: rsaSigner.der, key: rsaSigner.key.keys.privateKey }] });
    await expect(SignedCms.parse(der).verify()).rejects.toThrow(/not found/);
    await expect(SignedCms.parse(der).verify({ signerCertificate: rsaSigner.der })).resolves.toEqual([rsaSigner.der]);
  });
});

describe('openssl reads our SignedData', () => {
  it.each([
    ['ok/RSA SHA-256', 'rsa', 'SHA-256'],
    ['ok/ECDSA SHA-512', 'ec', 'SHA-512'],
  ] as const)('%s passes openssl cms -verify', async (_name, which, hash) => {
    const signer = which === 'rsa' ? rsaSigner : ecSigner;
    const key = which === 'rsa' && hash !== 'SHA-256' ? await rsaKeyForHash(signer.key, hash) : signer.key.keys.privateKey;
    const der = await signCms({ content, signers: [{ certificate: signer.der, key, hash, attributes: [{ oid: CUSTOM_OID, values: [CUSTOM_VALUE] }] }] });
    s.write('ours.p7', der);
    const out = s.openssl(['cms', '-verify', '-inform', 'DER', '-in', 'ours.p7', '-CAfile', 'ca.pem', '-binary', '-purpose', 'any']);
    expect(new Uint8Array(out)).toEqual(content);
  });

  it('ok/certificates-only SignedData prints its certificates with openssl pkcs7 -print_certs', () => {
    s.write('degenerate.p7', buildCertsOnly([rsaSigner.der, ca.der]));
    const out = s.openssl(['pkcs7', '-inform', 'DER', '-in', 'degenerate.p7', '-print_certs']).toString();
    expect(out).toContain('subject=CN = rsa signer');
    expect(out).toContain('subject=CN = certlab test CA');
    expect(pemBlocks(out).map((b) => b.der)).toEqual([rsaSigner.der, ca.der]);
  });
});

describe('we read openssl SignedData', () => {
  it.each([
    ['ok/-nodetach default digest', ['-nodetach'], 'SHA-256', true],
    ['ok/-nodetach -md sha512', ['-nodetach', '-md', 'sha512'], 'SHA-512', true],
    ['ok/detached', [], 'SHA-256', false],
  ] as const)('%s', async (_name, extra, hash, attached) => {
    s.openssl(['cms', '-sign', '-in', 'content.bin', '-binary', '-signer', 'rsa.pem', '-inkey', 'rsa.key', '-outform', 'DER', '-out', 'theirs.p7', ...extra]);
    const sut = SignedCms.parse(s.read('theirs.p7'));
    expect(sut.signers[0].hash).toBe(hash);
    expect(sut.certificates).toEqual([rsaSigner.der]);
    expect(sut.eContent).toEqual(attached ? content : undefined);
    await expect(sut.verify({ detachedContent: attached ? undefined : content })).resolves.toEqual([rsaSigner.der]);
  });

  it('ok/openssl crl2pkcs7 -nocrl certificates come back byte for byte', () => {
    s.write('chain.pem', rsaSigner.pem + ca.pem);
    const der = s.openssl(['crl2pkcs7', '-nocrl', '-certfile', 'chain.pem', '-outform', 'DER']);
    const sut = SignedCms.parse(new Uint8Array(der));
    expect(sut.isCertificatesOnly).toBe(true);
    expect(readCertsOnly(new Uint8Array(der))).toEqual([rsaSigner.der, ca.der]);
  });
});

describe('SignedData with CRLs', () => {
  it('ok/openssl crl2pkcs7 with a CRL: the CRL comes back byte for byte, and so do ours', async () => {
    const crl = await x509.X509CrlGenerator.create({ issuer: ca.subject, thisUpdate: new Date(), signingKey: ca.key.keys.privateKey, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' } });
    const crlDer = new Uint8Array(crl.rawData);
    s.write('ca.crl', crlDer);
    const der = new Uint8Array(s.openssl(['crl2pkcs7', '-inform', 'DER', '-in', 'ca.crl', '-certfile', 'ca.pem', '-outform', 'DER']));
    const sut = SignedCms.parse(der);
    expect(sut.crls).toEqual([crlDer]);
    expect(sut.certificates).toEqual([ca.der]);
    s.write('ours-crl.p7', buildCertsOnly([ca.der], [crlDer]));
    const printed = s.openssl(['pkcs7', '-inform', 'DER', '-in', 'ours-crl.p7', '-print_certs']).toString();
    expect(pemBlocks(printed).map((b) => b.label)).toEqual(['CERTIFICATE', 'X509 CRL']);
    expect(pemBlocks(printed)[1].der).toEqual(crlDer);
  });
});

describe('SignedCms.parse on hostile bytes', () => {
  const onlyFormatErrors = (bytes: Uint8Array) => {
    try {
      SignedCms.parse(bytes);
    } catch (err) {
      if (!(err instanceof PkiFormatError)) throw err;
    }
  };

  it('ok/random bytes parse or throw PkiFormatError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), onlyFormatErrors), { numRuns: 500 });
  });

  it('ok/mutated valid DER parses or throws PkiFormatError', async () => {
    const der = await signCms({ content, signers: [{ certificate: ecSigner.der, key: ecSigner.key.keys.privateKey }], certificates: [ca.der] });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(der.length), (edits, cut) => {
        const bad = der.slice(0, Math.max(cut, der.length - 20));
        for (const [at, v] of edits) if (at < bad.length) bad[at] = v;
        onlyFormatErrors(bad);
      }),
      { numRuns: 400 },
    );
  });

  it('fail/an EnvelopedData is not a SignedData', () => {
    expect(() => SignedCms.parse(fromPem(ca.pem))).toThrow(PkiFormatError);
  });
});
