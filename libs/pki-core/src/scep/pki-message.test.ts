import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PkiFormatError } from '../errors';
import { encryptCms, signCms, type CmsAttribute } from '../cms';
import { octetAttribute, printableAttribute } from './attributes';
import { PkiMessage } from './pki-message';
import { buildPkcsReq } from './requests';
import { scepWorld, type ScepWorld } from './test-fixtures';

let w: ScepWorld;
let envelope: Uint8Array;
beforeAll(async () => {
  w = await scepWorld();
  envelope = await encryptCms({ content: w.csrDer, cipher: 'aes-256-cbc', recipients: [{ certificate: w.ra.der }] });
});

const nonce = new Uint8Array(16).fill(9);
const attrs = {
  transactionID: printableAttribute('transactionID', 'TX1'),
  pkcsReq: printableAttribute('messageType', '19'),
  certRep: printableAttribute('messageType', '3'),
  senderNonce: octetAttribute('senderNonce', nonce),
  recipientNonce: octetAttribute('recipientNonce', nonce),
  success: printableAttribute('pkiStatus', '0'),
  failure: printableAttribute('pkiStatus', '2'),
  failInfo: printableAttribute('failInfo', '2'),
} satisfies Record<string, CmsAttribute>;

async function craft(attributes: CmsAttribute[], content: Uint8Array = envelope): Promise<Uint8Array> {
  return signCms({ content, detached: content.length === 0, signers: [{ certificate: w.client.der, key: w.clientKey.keys.privateKey, attributes }] });
}

describe('PkiMessage.parse checks what each message type must carry', () => {
  const cases: [string, () => CmsAttribute[], RegExp, boolean?][] = [
    ['fail/request without transactionID', () => [attrs.pkcsReq, attrs.senderNonce], /transactionID attribute is missing/],
    ['fail/request without messageType', () => [attrs.transactionID, attrs.senderNonce], /messageType attribute is missing/],
    ['fail/request without senderNonce', () => [attrs.transactionID, attrs.pkcsReq], /senderNonce attribute is missing/],
    ['fail/unknown messageType 18', () => [attrs.transactionID, printableAttribute('messageType', '18'), attrs.senderNonce], /unknown messageType "18"/],
    ['fail/request without pkcsPKIEnvelope', () => [attrs.transactionID, attrs.pkcsReq, attrs.senderNonce], /without pkcsPKIEnvelope/, true],
    ['fail/CertRep without pkiStatus', () => [attrs.transactionID, attrs.certRep, attrs.recipientNonce], /pkiStatus attribute is missing/],
    ['fail/CertRep without recipientNonce', () => [attrs.transactionID, attrs.certRep, attrs.success], /recipientNonce attribute is missing/],
    ['fail/CertRep FAILURE without failInfo', () => [attrs.transactionID, attrs.certRep, attrs.failure, attrs.recipientNonce], /failInfo attribute is missing/, true],
    ['fail/CertRep with unknown failInfo', () => [attrs.transactionID, attrs.certRep, attrs.failure, attrs.recipientNonce, printableAttribute('failInfo', '9')], /unknown failInfo "9"/, true],
    ['fail/CertRep SUCCESS without envelope', () => [attrs.transactionID, attrs.certRep, attrs.success, attrs.recipientNonce], /SUCCESS CertRep without pkcsPKIEnvelope/, true],
    ['fail/empty senderNonce', () => [attrs.transactionID, attrs.pkcsReq, octetAttribute('senderNonce', new Uint8Array(0))], /senderNonce of 0 bytes/],
    ['fail/transactionID that is not a string', () => [octetAttribute('transactionID', nonce), attrs.pkcsReq, attrs.senderNonce], /transactionID is not a string/],
  ];

  it.each(cases)('%s is a PkiFormatError', async (_name, make, reason, noContent) => {
    const der = await craft(make(), noContent ? new Uint8Array(0) : envelope);
    expect(() => PkiMessage.parse(der)).toThrow(PkiFormatError);
    expect(() => PkiMessage.parse(der)).toThrow(reason);
  });

  it('ok/the minimal valid PKCSReq parses', async () => {
    const msg = PkiMessage.parse(await craft([attrs.transactionID, attrs.pkcsReq, attrs.senderNonce]));
    expect(msg.messageType).toBe('PKCSReq');
    expect(msg.transactionId).toBe('TX1');
  });

  it('ok/the minimal valid FAILURE CertRep parses', async () => {
    const msg = PkiMessage.parse(await craft([attrs.transactionID, attrs.certRep, attrs.failure, attrs.recipientNonce, attrs.failInfo], new Uint8Array(0)));
    expect(msg).toMatchObject({ messageType: 'CertRep', pkiStatus: 'FAILURE', failInfo: 'badRequest', recipientNonce: nonce });
  });
});

describe('PkiMessage.parse on hostile bytes', () => {
  const onlyFormatErrors = (bytes: Uint8Array) => {
    try {
      PkiMessage.parse(bytes);
    } catch (err) {
      if (!(err instanceof PkiFormatError)) throw err;
    }
  };

  it('ok/random bytes parse or throw PkiFormatError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), onlyFormatErrors), { numRuns: 400 });
  });

  it('ok/mutated PKCSReq parses or throws PkiFormatError', async () => {
    const { der } = await buildPkcsReq({ csrDer: w.csrDer, signerCert: w.client.der, signerKey: w.clientKey.keys.privateKey, recipientCert: w.ra.der });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }), fc.nat(der.length), (edits, cut) => {
        const bad = der.slice(0, Math.max(cut, der.length - 16));
        for (const [at, v] of edits) if (at < bad.length) bad[at] = v;
        onlyFormatErrors(bad);
      }),
      { numRuns: 300 },
    );
  });
});
