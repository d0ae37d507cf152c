import { describe, expect, it } from 'vitest';
import { x509 } from '../crypto-provider';
import { PkiFormatError } from '../errors';
import { compareSans, compareSubjects } from './compare';
import { JANE } from './fixtures';
import { renderSubject } from './subject';

const der = (dn: string) => new Uint8Array(new x509.Name(dn).toArrayBuffer());

describe('compareSubjects', () => {
  const rendered = renderSubject('CN={{UserName}},E={{EmailAddress}},OU=Sales', JANE);

  it('ok/the rendered RDNs equal the same DN as a string and as the DER of a CSR subject', () => {
    expect(compareSubjects(rendered.rdns, 'CN=jane.doe,E=Jane.Doe@contoso.com,OU=Sales').equal).toBe(true);
    expect(compareSubjects(rendered.rdns, der(rendered.dn))).toEqual({ equal: true, differences: [] });
  });

  it('ok/attribute types compare by OID, whatever their spelling', () => {
    expect(compareSubjects('E=a@b,ST=x', 'EMAIL=a@b,S=x').equal).toBe(true);
    expect(compareSubjects('E=a@b', '1.2.840.113549.1.9.1=a@b').equal).toBe(true);
  });

  it('ok/the attributes of a multi-valued RDN form a set', () => {
    expect(compareSubjects('CN=a+UID=b,O=c', 'UID=b+CN=a,O=c').equal).toBe(true);
  });

  it('fail/values compare exactly: case differs', () => {
    expect(compareSubjects(rendered.rdns, der('CN=Jane.Doe,E=Jane.Doe@contoso.com,OU=Sales'))).toEqual({
      equal: false,
      differences: [{ index: 0, expected: 'CN=jane.doe', actual: 'CN=Jane.Doe' }],
    });
  });

  it('fail/order is significant', () => {
    expect(compareSubjects('CN=a,OU=b', 'OU=b,CN=a').differences).toEqual([
      { index: 0, expected: 'CN=a', actual: 'OU=b' },
      { index: 1, expected: 'OU=b', actual: 'CN=a' },
    ]);
  });

  it('fail/an extra RDN in the request is reported, and a missing one', () => {
    expect(compareSubjects('CN=a', der('CN=a,O=Evil Corp')).differences).toEqual([{ index: 1, expected: undefined, actual: 'O=Evil Corp' }]);
    expect(compareSubjects('CN=a,O=b', 'CN=a').differences).toEqual([{ index: 1, expected: 'O=b', actual: undefined }]);
  });

  it('fail/an attribute type outside the allowed list still compares, by OID', () => {
    expect(compareSubjects('CN=a', der('2.5.4.43=a')).differences).toEqual([{ index: 0, expected: 'CN=a', actual: '2.5.4.43=a' }]);
  });

  it('fail/bytes that are not a DER Name are a PkiFormatError', () => {
    expect(() => compareSubjects('CN=a', new Uint8Array([1, 2, 3]))).toThrow(PkiFormatError);
  });
});

describe('compareSans', () => {
  it('ok/order does not matter; DNS and e-mail compare case-insensitively', () => {
    expect(
      compareSans(
        [
          { type: 'dns', value: 'JANE-LAPTOP.corp.contoso.com' },
          { type: 'email', value: 'Jane.Doe@contoso.com' },
        ],
        [
          { type: 'email', value: 'jane.doe@CONTOSO.com' },
          { type: 'dns', value: 'jane-laptop.corp.contoso.com' },
        ],
      ),
    ).toEqual({ equal: true, missing: [], unexpected: [] });
  });

  it('fail/UPN and URI compare exactly', () => {
    const sut = compareSans([{ type: 'upn', value: 'jane@contoso.com' }], [{ type: 'upn', value: 'Jane@contoso.com' }]);
    expect(sut).toEqual({
      equal: false,
      missing: [{ type: 'upn', value: 'jane@contoso.com' }],
      unexpected: [{ type: 'upn', value: 'Jane@contoso.com' }],
    });
  });

  it('fail/the same value under another type is a difference', () => {
    expect(compareSans([{ type: 'email', value: 'a@b' }], [{ type: 'upn', value: 'a@b' }]).equal).toBe(false);
  });

  it('fail/a duplicated SAN in the request is reported as unexpected', () => {
    const dns = { type: 'dns' as const, value: 'a.example' };
    expect(compareSans([dns], [dns, dns])).toEqual({ equal: false, missing: [], unexpected: [dns] });
  });
});
