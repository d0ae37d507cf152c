import { describe, expect, it } from 'vitest';
import {
  FAIL_INFO,
  MESSAGE_TYPES,
  PKI_STATUS,
  SCEP_ATTRIBUTES,
  failInfoByWire,
  failInfoText,
  messageTypeByWire,
  pkiStatusByWire,
  type ScepFailInfo,
  type ScepMessageType,
  type ScepPkiStatus,
} from './wire';

describe('SCEP wire tables', () => {
  it('ok/every messageType round-trips name → wire → name with RFC 8894 values', () => {
    expect(MESSAGE_TYPES).toEqual({ CertRep: '3', RenewalReq: '17', PKCSReq: '19', CertPoll: '20', GetCert: '21', GetCRL: '22' });
    for (const name of Object.keys(MESSAGE_TYPES) as ScepMessageType[]) expect(messageTypeByWire(MESSAGE_TYPES[name])).toBe(name);
  });

  it('ok/every pkiStatus round-trips', () => {
    expect(PKI_STATUS).toEqual({ SUCCESS: '0', FAILURE: '2', PENDING: '3' });
    for (const name of Object.keys(PKI_STATUS) as ScepPkiStatus[]) expect(pkiStatusByWire(PKI_STATUS[name])).toBe(name);
  });

  it('ok/every failInfo round-trips and has a text', () => {
    expect(Object.fromEntries(Object.entries(FAIL_INFO).map(([k, v]) => [k, v.wire]))).toEqual({ badAlg: '0', badMessageCheck: '1', badRequest: '2', badTime: '3', badCertId: '4' });
    for (const name of Object.keys(FAIL_INFO) as ScepFailInfo[]) {
      expect(failInfoByWire(FAIL_INFO[name].wire)).toBe(name);
      expect(failInfoText(name).length).toBeGreaterThan(10);
    }
  });

  it('ok/attribute OIDs are the VeriSign arc, failInfoText is id-pkix 24 1', () => {
    expect(SCEP_ATTRIBUTES).toMatchObject({
      messageType: '2.16.840.1.113733.1.9.2',
      pkiStatus: '2.16.840.1.113733.1.9.3',
      failInfo: '2.16.840.1.113733.1.9.4',
      senderNonce: '2.16.840.1.113733.1.9.5',
      recipientNonce: '2.16.840.1.113733.1.9.6',
      transactionID: '2.16.840.1.113733.1.9.7',
      failInfoText: '1.3.6.1.5.5.7.24.1',
    });
  });

  it('fail/unknown wire values map to undefined, not to a default', () => {
    expect(messageTypeByWire('18')).toBeUndefined();
    expect(pkiStatusByWire('1')).toBeUndefined();
    expect(failInfoByWire('5')).toBeUndefined();
  });
});
