import { AsnConvert } from '@peculiar/asn1-schema';
import { ChallengePassword } from '@peculiar/asn1-pkcs9';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { x509 } from '../crypto-provider';
import { PkiFormatError } from '../errors';
import { opensslWorkspace, testKeyPair } from '../testing';
import { CHALLENGE_PASSWORD_OID, CertificateRequest, createCertificateRequest } from './index';

const ws = opensslWorkspace('certlab-csr-');
afterAll(() => ws.cleanup());

describe('building CSRs', () => {
  let rsa: CryptoKeyPair;
  let ec: CryptoKeyPair;
  let sut: CertificateRequest;

  beforeAll(async () => {
    rsa = await testKeyPair({ kind: 'rsa', bits: 2048 });
    ec = await testKeyPair({ kind: 'ec', curve: 'P-256' });
    sut = await createCertificateRequest({
      subject: 'CN=Ada Lovelace, E=ada@contoso.com',
      keys: rsa,
      challengePassword: 'A1B2C3D4E5F60718',
      subjectAltNames: [
        { type: 'upn', value: 'ada@contoso.com' },
        { type: 'dns', value: 'ada-laptop.contoso.com' },
      ],
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['clientAuth'],
    });
    ws.write('ours.csr', sut.pem);
  });

  it('ok/the parsed view returns subject, SANs, usages, challenge and key', async () => {
    expect(sut.subject).toBe('CN=Ada Lovelace, E=ada@contoso.com');
    expect(sut.subjectAltNames).toEqual([
      { type: 'upn', value: 'ada@contoso.com' },
      { type: 'dns', value: 'ada-laptop.contoso.com' },
    ]);
    expect(sut.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(sut.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(sut.otherExtensions).toEqual([]);
    expect(sut.challengePassword).toBe('A1B2C3D4E5F60718');
    expect(sut.challengePasswordEncoding).toBe('printableString');
    expect(sut.publicKey).toEqual({ kind: 'rsa', bits: 2048 });
    expect(sut.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(await sut.verify()).toBe(true);
  });

  it('ok/openssl req -verify accepts it and shows the attributes and extensions', () => {
    const r = ws.tryRun(['req', '-in', 'ours.csr', '-noout', '-verify', '-text']);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/verify OK|Certificate request self-signature verify OK/);
    expect(r.stdout).toMatch(/challengePassword\s*:A1B2C3D4E5F60718/);
    expect(r.stdout).toMatch(/X509v3 Subject Alternative Name:\s+othername: UPN::ada@contoso.com, DNS:ada-laptop.contoso.com/);
    expect(r.stdout).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment/);
    expect(r.stdout).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication/);
    expect(ws.run(['asn1parse', '-in', 'ours.csr'])).toMatch(/challengePassword\s*\n.*SET\s*\n.*PRINTABLESTRING\s*:A1B2C3D4E5F60718/);
  });

  it.each([
    ['ok/a password outside PrintableString goes as UTF8String', 'päss@word', undefined, 'utf8String'],
    ['ok/a printable password can be forced to UTF8String like some clients send', 'ABC123', 'utf8String', 'utf8String'],
  ] as const)('%s', async (_name, password, forced, expected) => {
    const csr = await createCertificateRequest({ subject: 'CN=x', keys: ec, challengePassword: password, ...(forced ? { challengePasswordEncoding: forced } : {}) });
    expect(csr.challengePassword).toBe(password);
    expect(csr.challengePasswordEncoding).toBe(expected);
    expect(csr.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    ws.write('enc.csr', csr.pem);
    expect(ws.run(['asn1parse', '-in', 'enc.csr'])).toMatch(/challengePassword\s*\n.*SET\s*\n.*UTF8STRING/);
    expect(await csr.verify()).toBe(true);
  });

  it('fail/a flipped signature bit does not verify', async () => {
    const der = new Uint8Array(sut.der);
    der[der.length - 3] ^= 0x10;
    expect(await CertificateRequest.parse(der).verify()).toBe(false);
  });

  it('fail/two challengePassword attributes are a PkiFormatError (RFC 2985 single-valued)', async () => {
    const value = AsnConvert.serialize(new ChallengePassword({ printableString: 'one' }));
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=dup',
      keys: ec,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
      attributes: [new x509.Attribute(CHALLENGE_PASSWORD_OID, [value]), new x509.Attribute(CHALLENGE_PASSWORD_OID, [value])],
    });
    expect(() => CertificateRequest.parse(new Uint8Array(csr.rawData))).toThrow(PkiFormatError);
    expect(() => CertificateRequest.parse(new Uint8Array(csr.rawData))).toThrow(/single/);
  });
});

describe('reading CSRs openssl made', () => {
  function opensslCsr(name: string, config: string[], extra: string[]): CertificateRequest {
    ws.write(`${name}.cnf`, config.join('\n') + '\n');
    ws.run(['req', '-new', '-config', `${name}.cnf`, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, ...extra]);
    return CertificateRequest.parse(ws.readText(`${name}.csr`));
  }

  it('ok/openssl req -new with -addext subjectAltName and a challengePassword parses and verifies', async () => {
    const sut = opensslCsr(
      'scep',
      ['[req]', 'prompt = no', 'distinguished_name = dn', 'attributes = attrs', '[dn]', 'CN = device-7', 'O = Contoso', '[attrs]', 'challengePassword = 5EC8F1D2A3B4C5D6'],
      ['-newkey', 'rsa:2048', '-addext', 'subjectAltName=DNS:device-7.contoso.com,email:d7@contoso.com,URI:IntuneDeviceId://abc', '-addext', 'extendedKeyUsage=clientAuth', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment'],
    );
    expect(sut.subject).toBe('CN=device-7, O=Contoso');
    expect(sut.challengePassword).toBe('5EC8F1D2A3B4C5D6');
    expect(sut.challengePasswordEncoding).toBe('utf8String');
    expect(sut.subjectAltNames).toEqual([
      { type: 'dns', value: 'device-7.contoso.com' },
      { type: 'email', value: 'd7@contoso.com' },
      { type: 'uri', value: 'IntuneDeviceId://abc' },
    ]);
    expect(sut.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(sut.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(sut.publicKey).toEqual({ kind: 'rsa', bits: 2048 });
    expect(await sut.verify()).toBe(true);
  });

  it('ok/with string_mask=default openssl sends the challenge as PrintableString, which parses the same', async () => {
    const sut = opensslCsr(
      'printable',
      ['[req]', 'prompt = no', 'string_mask = default', 'distinguished_name = dn', 'attributes = attrs', '[dn]', 'CN = printer', '[attrs]', 'challengePassword = abc123'],
      ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'],
    );
    expect(sut.challengePassword).toBe('abc123');
    expect(sut.challengePasswordEncoding).toBe('printableString');
    expect(sut.publicKey).toEqual({ kind: 'ec', curve: 'P-384' });
    expect(sut.subjectAltNames).toEqual([]);
    expect(sut.keyUsage).toBeUndefined();
    expect(await sut.verify()).toBe(true);
  });

  it('ok/extensions other than SAN, KU and EKU are listed for policy, and a small RSA key is described as such', async () => {
    const sut = opensslCsr(
      'other',
      ['[req]', 'prompt = no', 'distinguished_name = dn', '[dn]', 'CN = sneaky'],
      ['-newkey', 'rsa:1024', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'subjectAltName=IP:10.0.0.1'],
    );
    expect(sut.publicKey).toEqual({ kind: 'rsa', bits: 1024 });
    expect(sut.basicConstraints).toEqual({ ca: true, critical: true });
    expect(sut.otherExtensions.map((e) => [e.oid, e.critical])).toEqual([['2.5.29.19', true]]);
    expect(sut.subjectAltNames).toEqual([{ type: 'ip', value: '10.0.0.1' }]);
    expect(sut.challengePassword).toBeUndefined();
  });

  it('fail/a certificate PEM is not a CSR', () => {
    expect(() => CertificateRequest.parse('-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n')).toThrow(PkiFormatError);
  });
});
