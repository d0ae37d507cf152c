import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SCEP_CAPABILITIES, hasCap, parseCaCaps, preferredCipher, preferredHash, serializeCaCaps, type ScepCapability } from './caps';

describe('GetCACaps', () => {
  it('ok/parses an NDES-style CRLF body case-insensitively and keeps unknown lines', () => {
    const sut = parseCaCaps('Renewal\r\nSHA-512\r\nsha-256\r\nDES3\r\nGetNextCACert\r\nX-Vendor-Thing\r\n\r\n');
    expect(sut.capabilities).toEqual(['Renewal', 'SHA-512', 'SHA-256', 'DES3', 'GetNextCACert']);
    expect(sut.unknown).toEqual(['X-Vendor-Thing']);
    expect(preferredHash(sut)).toBe('SHA-512');
    expect(preferredCipher(sut)).toBe('des-ede3-cbc');
  });

  it('ok/serializes one keyword per line and round-trips', () => {
    const caps = { capabilities: ['AES', 'POSTPKIOperation', 'SHA-256', 'SCEPStandard'] as ScepCapability[], unknown: ['Foo'] };
    const text = serializeCaCaps(caps);
    expect(text).toBe('AES\nPOSTPKIOperation\nSHA-256\nSCEPStandard\nFoo\n');
    expect(parseCaCaps(text)).toEqual(caps);
  });

  it('ok/SCEPStandard implies AES, POSTPKIOperation and SHA-256 (RFC 8894 §3.5.2)', () => {
    const sut = parseCaCaps('SCEPStandard');
    expect(hasCap(sut, 'AES') && hasCap(sut, 'POSTPKIOperation') && hasCap(sut, 'SHA-256')).toBe(true);
    expect(hasCap(sut, 'Renewal')).toBe(false);
    expect(preferredCipher(sut)).toBe('aes-128-cbc');
  });

  it('ok/an empty body means the RFC fallbacks: 3DES and SHA-1', () => {
    const sut = parseCaCaps('');
    expect(sut).toEqual({ capabilities: [], unknown: [] });
    expect(preferredHash(sut)).toBe('SHA-1');
  });

  it('ok/any text parses without throwing and every known keyword survives a round trip', () => {
    const known = Object.keys(SCEP_CAPABILITIES) as ScepCapability[];
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.subarray(known), (noise, caps) => {
        const parsed = parseCaCaps(noise);
        expect(parseCaCaps(serializeCaCaps(parsed))).toEqual(parsed);
        expect(parseCaCaps(serializeCaCaps(caps)).capabilities).toEqual(caps);
      }),
      { numRuns: 300 },
    );
  });
});
