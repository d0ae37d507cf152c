import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PkiFormatError } from '../errors';
import { toPem } from '../encoding/pem';
import { generateKeyPair } from '../keys/key-spec';
import { exportSpki } from '../keys/codec';
import { type TestHierarchy, createTestHierarchy, opensslWorkspace, testKeyPair } from '../testing';
import { Certificate, issueCertificate, createSelfSignedCertificate, UPN_OID } from './index';

const ws = opensslWorkspace('certlab-x509-');
afterAll(() => ws.cleanup());

describe('building certificates', () => {
  let h: TestHierarchy;
  let leaf: Certificate;
  let leafKeys: CryptoKeyPair;
  const base = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000);

  beforeAll(async () => {
    h = await createTestHierarchy();
    leafKeys = await testKeyPair({ kind: 'rsa', bits: 2048 }, 'leaf');
    leaf = await issueCertificate(
      {
        subject: 'CN=Ada Lovelace, OU=Engineering, O=Contoso, C=US',
        publicKey: await exportSpki(leafKeys.publicKey),
        notBefore: new Date(base.getTime() + 123),
        notAfter: new Date(base.getTime() + 365 * 86_400_000),
        keyUsage: ['digitalSignature', 'keyEncipherment'],
        extendedKeyUsage: ['clientAuth', 'emailProtection', '1.3.6.1.4.1.311.10.3.4'],
        subjectAltNames: [
          { type: 'dns', value: 'ada.contoso.com' },
          { type: 'email', value: 'ada@contoso.com' },
          { type: 'uri', value: 'IntuneDeviceId://9f3c2d1e' },
          { type: 'ip', value: '192.0.2.10' },
          { type: 'upn', value: 'ada@contoso.onmicrosoft.com' },
        ],
        crlDistributionPoints: ['http://ca.contoso.test/crl/issuing.crl'],
        authorityInfoAccess: { caIssuers: ['http://ca.contoso.test/aia/issuing.crt'], ocsp: ['http://ocsp.contoso.test'] },
        certificatePolicies: ['1.3.6.1.4.1.99999.1.2'],
      },
      h.issuing,
    );
  });

  it('ok/the parsed view returns every field that was asked for', () => {
    expect(leaf.subject).toBe('CN=Ada Lovelace, OU=Engineering, O=Contoso, C=US');
    expect(leaf.issuer).toBe(h.issuing.certificate.subject);
    // UTCTime holds whole seconds: the 123 ms are dropped, not rounded.
    expect(leaf.notBefore).toEqual(base);
    expect(leaf.notAfter).toEqual(new Date(base.getTime() + 365 * 86_400_000));
    expect(leaf.publicKey).toEqual({ kind: 'rsa', bits: 2048 });
    expect(leaf.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(leaf.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(leaf.keyUsageCritical).toBe(true);
    expect(leaf.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4', '1.3.6.1.4.1.311.10.3.4']);
    expect(leaf.subjectAltNames).toEqual([
      { type: 'dns', value: 'ada.contoso.com' },
      { type: 'email', value: 'ada@contoso.com' },
      { type: 'uri', value: 'IntuneDeviceId://9f3c2d1e' },
      { type: 'ip', value: '192.0.2.10' },
      { type: 'upn', value: 'ada@contoso.onmicrosoft.com' },
    ]);
    expect(leaf.crlDistributionPoints).toEqual(['http://ca.contoso.test/crl/issuing.crl']);
    expect(leaf.authorityInfoAccess).toEqual({ caIssuers: ['http://ca.contoso.test/aia/issuing.crt'], ocsp: ['http://ocsp.contoso.test'] });
    expect(leaf.certificatePolicies).toEqual(['1.3.6.1.4.1.99999.1.2']);
    expect(leaf.authorityKeyIdentifier).toBe(h.issuing.certificate.subjectKeyIdentifier);
    expect(leaf.subjectKeyIdentifier).toMatch(/^[0-9a-f]{40}$/);
    expect(leaf.isCa).toBe(false);
    expect(leaf.basicConstraints).toBeUndefined();
  });

  it('ok/CA certificates carry critical basicConstraints with pathLen and a self-signed root names itself', () => {
    expect(h.root.certificate.basicConstraints).toEqual({ ca: true, critical: true });
    expect(h.issuing.certificate.basicConstraints).toEqual({ ca: true, pathLength: 0, critical: true });
    expect(h.root.certificate.isSelfIssued).toBe(true);
    expect(h.root.certificate.authorityKeyIdentifier).toBe(h.root.certificate.subjectKeyIdentifier);
    expect(h.issuing.certificate.isCa).toBe(true);
  });

  it('ok/serials are random positive 16-byte integers', async () => {
    const serials = [leaf.serialNumber, h.root.certificate.serialNumber, h.issuing.certificate.serialNumber];
    for (const s of serials) {
      expect(s).toMatch(/^[0-7][0-9a-f]{31}$/);
      expect(s).not.toMatch(/^00/);
    }
    expect(new Set(serials).size).toBe(3);
  });

  it('ok/thumbprints are uppercase SHA-1 and SHA-256 hex matching openssl -fingerprint', () => {
    ws.write('leaf.pem', leaf.pem);
    const sha1 = ws.run(['x509', '-in', 'leaf.pem', '-noout', '-fingerprint', '-sha1']).trim().split('=')[1].replace(/:/g, '');
    const sha256 = ws.run(['x509', '-in', 'leaf.pem', '-noout', '-fingerprint', '-sha256']).trim().split('=')[1].replace(/:/g, '');
    expect(leaf.thumbprintSha1).toBe(sha1);
    expect(leaf.thumbprintSha256).toBe(sha256);
    expect(ws.run(['x509', '-in', 'leaf.pem', '-noout', '-serial']).trim()).toBe(`serial=${leaf.serialNumber.toUpperCase()}`);
  });

  it('ok/openssl x509 -text shows our extensions as we meant them', () => {
    ws.write('leaf.pem', leaf.pem);
    const text = ws.run(['x509', '-in', 'leaf.pem', '-noout', '-text']);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication, E-mail Protection, Microsoft Encrypted File System/);
    expect(text).toMatch(/X509v3 Subject Alternative Name:\s+DNS:ada.contoso.com, email:ada@contoso.com, URI:IntuneDeviceId:\/\/9f3c2d1e, IP Address:192.0.2.10, othername: UPN::ada@contoso.onmicrosoft.com/);
    expect(text).toMatch(/X509v3 CRL Distribution Points:\s+Full Name:\s+URI:http:\/\/ca.contoso.test\/crl\/issuing.crl/);
    expect(text).toMatch(/Authority Information Access:\s+(CA Issuers - URI:http:\/\/ca.contoso.test\/aia\/issuing.crt\s+OCSP - URI:http:\/\/ocsp.contoso.test|OCSP - URI:http:\/\/ocsp.contoso.test\s+CA Issuers - URI:http:\/\/ca.contoso.test\/aia\/issuing.crt)/);
    expect(text).toMatch(/X509v3 Certificate Policies:\s+Policy: 1.3.6.1.4.1.99999.1.2/);
    // Names keep the order they were written in: the first RDN written is the first in the DER.
    expect(text).toContain('Subject: CN = Ada Lovelace, OU = Engineering, O = Contoso, C = US');
    const aki = leaf.authorityKeyIdentifier?.toUpperCase().match(/../g)?.join(':');
    expect(text).toMatch(new RegExp(`X509v3 Authority Key Identifier:\\s+(keyid:)?${aki}`));
    ws.write('issuing.pem', h.issuing.certificate.pem);
    expect(ws.run(['x509', '-in', 'issuing.pem', '-noout', '-text'])).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
  });

  it('ok/openssl verify accepts root -> issuing -> leaf', () => {
    ws.write('root.pem', h.root.certificate.pem);
    ws.write('issuing.pem', h.issuing.certificate.pem);
    ws.write('leaf.pem', leaf.pem);
    expect(ws.run(['verify', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem'])).toContain('leaf.pem: OK');
  });

  it('ok/ECDSA P-384 CA signs with ecdsa-with-SHA384 and openssl verifies it', async () => {
    const keys = await generateKeyPair({ kind: 'ec', curve: 'P-384' });
    const root = await createSelfSignedCertificate({ subject: 'CN=EC Root', keys, basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] });
    const leafEc = await issueCertificate({ subject: 'CN=ec leaf', publicKey: leafKeys.publicKey, extendedKeyUsage: ['serverAuth'] }, { certificate: root, privateKey: keys.privateKey });
    expect(root.signatureAlgorithm).toBe('ecdsa-with-SHA384');
    expect(root.publicKey).toEqual({ kind: 'ec', curve: 'P-384' });
    ws.write('ecroot.pem', root.pem);
    ws.write('ecleaf.pem', leafEc.pem);
    expect(ws.run(['verify', '-CAfile', 'ecroot.pem', 'ecleaf.pem'])).toContain('ecleaf.pem: OK');
    expect(await leafEc.verifySignature(root)).toBe(true);
    expect(await leafEc.verifySignature(h.root.certificate)).toBe(false);
  });

  it('ok/a subject given as Name DER is copied byte for byte', async () => {
    const c = await issueCertificate({ subject: h.root.certificate.subjectNameDer, publicKey: leafKeys.publicKey }, h.issuing);
    expect(c.subjectNameDer).toEqual(h.root.certificate.subjectNameDer);
  });
});

describe('reading certificates openssl made', () => {
  beforeAll(() => {
    ws.run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ossl-root.key', '-out', 'ossl-root.pem', '-days', '30', '-subj', '/C=US/O=Fabrikam/CN=Fabrikam Root',
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:1', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    ws.run(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ossl-leaf.key', '-out', 'ossl-leaf.csr', '-subj', '/CN=device-42/emailAddress=d42@fabrikam.test']);
    ws.write('ext.cnf', [
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=clientAuth,1.3.6.1.4.1.311.20.2.2',
      'subjectAltName=DNS:d42.fabrikam.test,IP:2001:db8::1,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:d42@fabrikam.test,email:d42@fabrikam.test',
      'crlDistributionPoints=URI:http://crl.fabrikam.test/root.crl',
      'authorityInfoAccess=caIssuers;URI:http://aia.fabrikam.test/root.crt,OCSP;URI:http://ocsp.fabrikam.test',
      'certificatePolicies=1.2.3.4.5',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'));
    ws.run(['x509', '-req', '-in', 'ossl-leaf.csr', '-CA', 'ossl-root.pem', '-CAkey', 'ossl-root.key', '-CAcreateserial', '-days', '10', '-extfile', 'ext.cnf', '-out', 'ossl-leaf.pem']);
  });

  it('ok/a root from openssl req -x509 parses', () => {
    const root = Certificate.parse(ws.readText('ossl-root.pem'));
    expect(root.subject).toBe('C=US, O=Fabrikam, CN=Fabrikam Root');
    expect(root.basicConstraints).toEqual({ ca: true, pathLength: 1, critical: true });
    expect(root.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(root.isSelfIssued).toBe(true);
    expect(root.publicKey).toEqual({ kind: 'rsa', bits: 2048 });
  });

  it('ok/a leaf from openssl x509 -req parses with every extension and verifies under its root', async () => {
    const root = Certificate.parse(ws.readText('ossl-root.pem'));
    const leaf = Certificate.parse(ws.read('ossl-leaf.pem'));
    expect(leaf.subject).toBe('CN=device-42, E=d42@fabrikam.test');
    expect(leaf.publicKey).toEqual({ kind: 'ec', curve: 'P-256' });
    expect(leaf.keyUsage).toEqual(['digitalSignature']);
    expect(leaf.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.4.1.311.20.2.2']);
    expect(leaf.subjectAltNames).toEqual([
      { type: 'dns', value: 'd42.fabrikam.test' },
      { type: 'ip', value: '2001:db8::1' },
      { type: 'upn', value: 'd42@fabrikam.test' },
      { type: 'email', value: 'd42@fabrikam.test' },
    ]);
    expect(leaf.crlDistributionPoints).toEqual(['http://crl.fabrikam.test/root.crl']);
    expect(leaf.authorityInfoAccess).toEqual({ caIssuers: ['http://aia.fabrikam.test/root.crt'], ocsp: ['http://ocsp.fabrikam.test'] });
    expect(leaf.certificatePolicies).toEqual(['1.2.3.4.5']);
    expect(leaf.authorityKeyIdentifier).toBe(root.subjectKeyIdentifier);
    const serial = ws.run(['x509', '-in', 'ossl-leaf.pem', '-noout', '-serial']).trim().slice('serial='.length);
    expect(leaf.serialNumber).toBe(serial.toLowerCase().replace(/^(00)+/, ''));
    expect(await leaf.verifySignature(root)).toBe(true);
  });

  it('ok/unknown otherName SANs are reported, not rejected', async () => {
    ws.write('other.cnf', 'subjectAltName=otherName:1.2.3.4;UTF8:hello\n');
    ws.run(['x509', '-req', '-in', 'ossl-leaf.csr', '-CA', 'ossl-root.pem', '-CAkey', 'ossl-root.key', '-CAcreateserial', '-days', '1', '-extfile', 'other.cnf', '-out', 'other.pem']);
    const cert = Certificate.parse(ws.readText('other.pem'));
    expect(cert.subjectAltNames).toEqual([{ type: 'otherName', typeId: '1.2.3.4', valueHex: '0c0568656c6c6f' }]);
    expect(UPN_OID).toBe('1.3.6.1.4.1.311.20.2.3');
  });

  it('fail/trailing bytes after the certificate are a PkiFormatError', () => {
    const der = Certificate.parse(ws.readText('ossl-root.pem')).der;
    const padded = new Uint8Array([...der, 0]);
    expect(() => Certificate.parse(padded)).toThrow(/trailing bytes/);
  });

  it('fail/a CRL PEM is not a certificate', () => {
    expect(() => Certificate.parse(toPem(new Uint8Array([0x30, 0]), 'X509 CRL'))).toThrow(PkiFormatError);
  });

  it('fail/a duplicated extension is a PkiFormatError (RFC 5280 §4.2)', async () => {
    const keys = await testKeyPair({ kind: 'ec', curve: 'P-256' });
    const ext = { oid: '2.5.29.19', critical: true, value: new Uint8Array([0x30, 0x00]) };
    await expect(createSelfSignedCertificate({ subject: 'CN=dup', keys, extraExtensions: [ext, ext] })).rejects.toThrow(/more than once/);
  });
});
