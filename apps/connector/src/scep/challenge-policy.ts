import { failInfoForResult } from '@certlab/contracts';
import { Certificate } from '@certlab/pki-core';
import type { Logger } from '@nestjs/common';
import type { ScepPolicyClient } from '../policy/policy-client';
import type { CsrSignRequest, CsrSigner, SignOutcome } from './csr-signer';

/** CERTSRV_E_TEMPLATE_DENIED: what failureNotification reports when the CA refused. */
const CA_DENIED_HRESULT = 0x80094012;

/**
 * The Intune policy module (seed SCEP steps 3 and 6): before anything reaches the CA the cloud
 * validates the request and burns its challenge; after the CA answers, the cloud hears of the
 * certificate or the failure. A cloud that cannot be reached refuses the request transiently.
 */
export function withChallengePolicy(policy: ScepPolicyClient, log: Logger, next: CsrSigner): CsrSigner {
  return {
    async signCsr(request: CsrSignRequest): Promise<SignOutcome> {
      const ctx = { flow: 'scep', transactionId: request.transactionId, deviceId: request.deviceId };
      let certificateType = request.certificateType;
      if (request.mode === 'submit') {
        if (!request.csr) throw new Error('a submit carries its PKCS#10');
        let answer;
        try {
          answer = await policy.validateRequest(request.transactionId, request.csr.der);
        } catch (err) {
          log.error({ ...ctx, step: 3 }, `challenge validation could not be asked: ${err instanceof Error ? err.message : String(err)}`);
          return { kind: 'refused', failInfo: 'badRequest', text: 'the challenge could not be validated now; try again later', transient: true };
        }
        if (answer.code !== 'Success') {
          log.warn({ ...ctx, step: 3, code: answer.code }, `the cloud refused the request: ${answer.errorDescription}`);
          return { kind: 'refused', failInfo: failInfoForResult(answer.code) ?? 'badRequest', text: `${answer.code}: ${answer.errorDescription}` };
        }
        certificateType = answer.certificateType ?? 'device';
        log.log({ ...ctx, step: 3 }, 'the cloud validated the challenge');
      }
      const outcome = await next.signCsr({ ...request, certificateType });
      await notify(policy, log, request, outcome);
      return outcome;
    },
  };
}

async function notify(policy: ScepPolicyClient, log: Logger, request: CsrSignRequest, outcome: SignOutcome): Promise<void> {
  const ctx = { flow: 'scep', step: 6, transactionId: request.transactionId, deviceId: request.deviceId };
  if (!request.csr) return;
  const certificateRequest = Buffer.from(request.csr.der).toString('base64');
  try {
    if (outcome.kind === 'issued') {
      const cert = Certificate.parse(outcome.certificate);
      await policy.successNotification({
        transactionId: request.transactionId,
        certificateRequest,
        certificateThumbprint: cert.thumbprintSha1,
        certificateSerialNumber: cert.serialNumber,
        certificateExpirationDateUtc: cert.notAfter.toISOString(),
        issuingCertificateAuthority: cert.issuer,
        certificateTemplate: outcome.template,
      });
    } else if (outcome.kind === 'refused' && !outcome.transient && outcome.caRequestId !== undefined) {
      await policy.failureNotification({ transactionId: request.transactionId, certificateRequest, hResult: CA_DENIED_HRESULT, errorDescription: outcome.text.slice(0, 255) });
    }
  } catch (err) {
    // The device's answer does not wait on the report; the cloud catches up at the next issuance.
    log.warn(ctx, `could not report the outcome to the cloud: ${err instanceof Error ? err.message : String(err)}`);
  }
}
