import { describe, expect, it } from 'vitest';
import { PkiFormatError } from '../errors';
import { derOrPem, fromPem, pemBlocks, toPem } from './pem';

describe('PEM', () => {
  const der = new Uint8Array(Array.from({ length: 100 }, (_, i) => i));

  it('ok/round-trips DER through a 64-column PEM block', () => {
    const pem = toPem(der, 'CERTIFICATE');
    expect(pem.split('\n')[1]).toHaveLength(64);
    expect(fromPem(pem, 'CERTIFICATE')).toEqual(der);
  });

  it('ok/finds blocks by label among several', () => {
    const text = toPem(der.subarray(0, 3), 'PRIVATE KEY') + toPem(der.subarray(3, 9), 'CERTIFICATE');
    expect(pemBlocks(text).map((b) => b.label)).toEqual(['PRIVATE KEY', 'CERTIFICATE']);
    expect(fromPem(text, 'CERTIFICATE')).toEqual(der.subarray(3, 9));
  });

  it('ok/derOrPem passes DER through and decodes PEM bytes', () => {
    expect(derOrPem(der)).toBe(der);
    expect(derOrPem(Buffer.from(toPem(der, 'X509 CRL')), 'X509 CRL')).toEqual(der);
  });

  it('fail/no block of the wanted label is a PkiFormatError', () => {
    expect(() => fromPem(toPem(der, 'CERTIFICATE'), 'X509 CRL')).toThrow(PkiFormatError);
  });

  it('fail/corrupt base64 is a PkiFormatError', () => {
    expect(() => pemBlocks('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----')).toThrow(PkiFormatError);
  });
});
