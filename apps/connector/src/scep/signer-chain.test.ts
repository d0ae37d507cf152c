import { SCEP_FAIL_INFO_NAMES, type ScepValidationResponse } from '@certlab/contracts';
import { CertificateRequest, FAIL_INFO, createCertificateRequest, generateKeyPair } from '@certlab/pki-core';
import { Logger } from '@nestjs/common';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScepPolicyClient } from '../policy/policy-client';
import { CaSubmitSigner } from './ca-submit';
import { withChallengePolicy } from './challenge-policy';
import type { CsrSignRequest, CsrSigner, SignOutcome } from './csr-signer';

let csr: CertificateRequest;
beforeAll(async () => {
  csr = await createCertificateRequest({ subject: 'CN=device', keys: await generateKeyPair({ kind: 'ec', curve: 'P-256' }), challengePassword: 'c'.repeat(64) });
});

const log = new Logger('test');
log.localInstance.log = () => undefined;
log.localInstance.warn = () => undefined;
log.localInstance.error = () => undefined;

function policy(answer: ScepValidationResponse | Error, seen: string[]): ScepPolicyClient {
  return {
    validateRequest: async () => {
      seen.push('validate');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    successNotification: async () => (seen.push('success'), { code: 'Success', errorDescription: '' }),
    failureNotification: async () => (seen.push('failure'), { code: 'Success', errorDescription: '' }),
  };
}

const next = (outcome: SignOutcome, seen: string[]): CsrSigner => ({
  signCsr: async (r: CsrSignRequest) => (seen.push(`next:${r.certificateType ?? '-'}`), outcome),
});

describe('withChallengePolicy', () => {
  const denied: SignOutcome = { kind: 'refused', failInfo: 'badRequest', text: 'the CA denied request 7', caRequestId: 7 };
  const cases: [string, ScepValidationResponse | Error, SignOutcome, Partial<SignOutcome>, string[]][] = [
    ['ok/Success goes on to the CA with the certificate type and reports nothing for PENDING', { code: 'Success', errorDescription: '', certificateType: 'user' }, { kind: 'pending', caRequestId: 3, template: 'T' }, { kind: 'pending' }, ['validate', 'next:user']],
    ['ok/a CA denial after Success is reported as failureNotification', { code: 'Success', errorDescription: '' }, denied, { kind: 'refused', failInfo: 'badRequest' }, ['validate', 'next:device', 'failure']],
    ['fail/ChallengeExpired never reaches the CA and maps to badRequest', { code: 'ChallengeExpired', errorDescription: 'expired' }, denied, { kind: 'refused', failInfo: 'badRequest', text: 'ChallengeExpired: expired' }, ['validate']],
    ['fail/SignatureValidationFailed maps to badMessageCheck', { code: 'SignatureValidationFailed', errorDescription: 'bad' }, denied, { kind: 'refused', failInfo: 'badMessageCheck' }, ['validate']],
    ['fail/an unknown code from a newer cloud is still a refusal', { code: 'SomethingNew', errorDescription: '?' }, denied, { kind: 'refused', failInfo: 'badRequest' }, ['validate']],
    ['fail/an unreachable cloud is a transient refusal', new Error('ECONNREFUSED'), denied, { kind: 'refused', transient: true }, ['validate']],
  ];

  it.each(cases)('%s', async (_name, answer, downstream, expected, calls) => {
    const seen: string[] = [];
    const sut = withChallengePolicy(policy(answer, seen), log, next(downstream, seen));
    expect(await sut.signCsr({ mode: 'submit', transactionId: 'T1', csr })).toMatchObject(expected);
    expect(seen).toEqual(calls);
  });

  it('ok/a poll skips validation and reports nothing while still pending', async () => {
    const seen: string[] = [];
    const sut = withChallengePolicy(policy({ code: 'Success', errorDescription: '' }, seen), log, next({ kind: 'pending', caRequestId: 1, template: 'T' }, seen));
    await sut.signCsr({ mode: 'poll', transactionId: 'T1', csr });
    expect(seen).toEqual(['next:-']);
  });
});

describe('CaSubmitSigner', () => {
  const request = (status: 'issued' | 'pending' | 'denied') => ({
    requestId: 9, status, caName: 'ca', template: 'CertlabScepUser', requester: 'ndes-ra', requestedSubject: '', publicKey: '', submittedAt: '', decidedAt: null, decidedBy: null,
    reasonCode: status === 'denied' ? 'raSignatureInvalid' : null, reason: status === 'denied' ? 'raSignatureInvalid: no' : null, serialNumber: null, certificate: null,
  });
  it.each([
    ['ok/pending at the CA is PENDING with its request id', 'pending', { kind: 'pending', caRequestId: 9 }],
    ['fail/denied at the CA is badRequest with the CA reason', 'denied', { kind: 'refused', failInfo: 'badRequest', caRequestId: 9 }],
  ] as const)('%s', async (_name, status, expected) => {
    const used: string[] = [];
    const sut = new CaSubmitSigner({ submitSigned: async (t) => (used.push(t), request(status)), status: async () => request(status) }, { device: 'CertlabScepDevice', user: 'CertlabScepUser' });
    expect(await sut.signCsr({ mode: 'submit', transactionId: 'T', csr, certificateType: 'user', signedRequest: new Uint8Array([1]) })).toMatchObject(expected);
    expect(used).toEqual(['CertlabScepUser']);
  });

  it('fail/a poll with no CA request is badCertId', async () => {
    const sut = new CaSubmitSigner({ submitSigned: async () => request('issued'), status: async () => request('issued') }, { device: 'D', user: 'U' });
    expect(await sut.signCsr({ mode: 'poll', transactionId: 'T' })).toMatchObject({ kind: 'refused', failInfo: 'badCertId' });
  });
});

it('ok/the contracts failInfo names are exactly pki-core\'s FAIL_INFO keys', () => {
  expect([...SCEP_FAIL_INFO_NAMES].sort()).toEqual(Object.keys(FAIL_INFO).sort());
});
