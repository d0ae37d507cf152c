import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../encoding/bytes';
import { bmpPassword, pkcs12Kdf, type Pkcs12KdfHash, type Pkcs12KdfId } from './kdf';

const LONG = 'correct horse battery staple, and a password long enough to span v';

/**
 * The first two are the classic "smeg"/"queeg" PKCS#12 KDF vectors; every row was checked with
 * `openssl kdf ... PKCS12KDF` given the BMPString password as hexpass (see testdata/make.sh).
 */
const VECTORS: { name: string; hash: Pkcs12KdfHash; pw: string; salt: string; iter: number; id: Pkcs12KdfId; out: string }[] = [
  { name: 'smeg key SHA-1', hash: 'SHA-1', pw: 'smeg', salt: '0a58cf64530d823f', iter: 1, id: 1, out: '8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3' },
  { name: 'queeg iv SHA-1 x1000', hash: 'SHA-1', pw: 'queeg', salt: '05dec959acff72f7', iter: 1000, id: 2, out: '11dedad7758d4860' },
  { name: 'queeg mac SHA-256 x1000', hash: 'SHA-256', pw: 'queeg', salt: '05dec959acff72f7', iter: 1000, id: 3, out: '64bd552bb4ecec8224b888d4fa1dc49c6ff894bfc59b10402d83ad46c0d8da4b' },
  {
    name: 'multi-block output, long password, odd salt',
    hash: 'SHA-256', pw: LONG, salt: '000102030405060708090a0b0c0d0e0f10', iter: 3, id: 1,
    out: 'fd53610d49c841d7a08a70c2ccb36b4ea36ddbecde896c99d518a9b4cb1ed41520d92685e1efd0281c6f39076c2b9770ac670b1beb0dbd43c8b84aa7362a681fc2ae0a1fb9b5d2c8c1184cfe7d577399edb5eb4ca12e24edc4370ce2eb7d374a121d0fd5',
  },
  {
    name: 'SHA-512 (v = 128), one-byte salt',
    hash: 'SHA-512', pw: LONG, salt: 'ff', iter: 2, id: 2,
    out: '5e9b15b915d094607b54eeeb34da3a6d78525826a935a5daa8c0c7445d90681ccd8dfbf665bc4bb75297655ba2179b925d4988a84526f941d3d76cdc093248150b49cb4ce87f',
  },
];

describe('PKCS#12 KDF (RFC 7292 B.2)', () => {
  for (const v of VECTORS) {
    it(`ok/${v.name}`, () => {
      expect(toHex(pkcs12Kdf(v.hash, bmpPassword(v.pw), fromHex(v.salt), v.iter, v.id, v.out.length / 2))).toBe(v.out);
    });
  }

  it('ok/the password is a null-terminated BMPString', () => {
    expect(toHex(bmpPassword('smeg'))).toBe('0073006d006500670000');
    expect(toHex(bmpPassword('é'))).toBe('00e90000');
    expect(toHex(bmpPassword(''))).toBe('0000');
  });

  it('fail/zero iterations is a RangeError', () => {
    expect(() => pkcs12Kdf('SHA-1', bmpPassword('x'), new Uint8Array(8), 0, 1, 8)).toThrow(RangeError);
  });
});
