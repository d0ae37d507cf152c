import { describe, expect, it } from 'vitest';
import {
  SCEP_FAIL_INFO_NAMES,
  SCEP_VALIDATION_RESULTS,
  SCEP_VALIDATION_RESULT_CODES,
  failInfoForResult,
  scepValidationResultCodeSchema,
  scepValidateRequestBodySchema,
  scepFailureNotificationBodySchema,
} from './scep-validation';

describe('SCEP validation result codes', () => {
  it.each(SCEP_VALIDATION_RESULT_CODES.map((c) => [c]))('ok/%s round-trips through the schema and maps to one failInfo and hResult', (code) => {
    expect(scepValidationResultCodeSchema.parse(code)).toBe(code);
    const entry = SCEP_VALIDATION_RESULTS[code];
    expect(failInfoForResult(code)).toBe(entry.failInfo);
    if (code === 'Success') {
      expect(entry).toMatchObject({ failInfo: null, hResult: 0 });
    } else {
      expect(SCEP_FAIL_INFO_NAMES).toContain(entry.failInfo);
      // A failure HRESULT has the severity bit set (MS-ERREF §2.1).
      expect(entry.hResult).toBeGreaterThanOrEqual(0x80000000);
      expect(entry.hResult).toBeLessThanOrEqual(0xffffffff);
    }
    expect(entry.text.length).toBeGreaterThan(10);
  });

  it('ok/an unknown code from a newer cloud is a badRequest refusal, never a success', () => {
    expect(failInfoForResult('SomethingNew')).toBe('badRequest');
  });

  it('fail/a body that is not base64 or lacks the transactionId is refused', () => {
    expect(scepValidateRequestBodySchema.safeParse({ request: { transactionId: 'T', certificateRequest: 'not base64!' } }).success).toBe(false);
    expect(scepValidateRequestBodySchema.safeParse({ request: { certificateRequest: 'AAAA' } }).success).toBe(false);
    expect(scepValidateRequestBodySchema.safeParse({ request: { transactionId: 'T', certificateRequest: 'AAAA', callerInfo: 'x' } }).success).toBe(true);
    expect(scepFailureNotificationBodySchema.safeParse({ notification: { transactionId: 'T', certificateRequest: 'AAAA', hResult: 0x80094001, errorDescription: '' } }).success).toBe(false);
  });
});
