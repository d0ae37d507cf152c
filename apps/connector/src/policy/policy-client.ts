import {
  SCEP_VALIDATION_PATHS,
  type ScepFailureNotificationBody,
  type ScepSuccessNotificationBody,
  type ScepValidationResponse,
  scepValidationResponseSchema,
} from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import { CloudRegistrationService } from '../registration/cloud-registration.service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../package.json') as { version: string };
export const CALLER_INFO = `certlab-connector/${version}`;

/**
 * The Intune policy module's port: what NDES asks the cloud before and after it issues. Its one
 * backend is the cloud's ScepRequestValidationFEService over the connector's mTLS channel.
 */
export interface ScepPolicyClient {
  validateRequest(transactionId: string, csrDer: Uint8Array): Promise<ScepValidationResponse>;
  successNotification(n: Omit<ScepSuccessNotificationBody['notification'], 'callerInfo'>): Promise<ScepValidationResponse>;
  failureNotification(n: Omit<ScepFailureNotificationBody['notification'], 'callerInfo'>): Promise<ScepValidationResponse>;
}
export const SCEP_POLICY_CLIENT = Symbol('SCEP_POLICY_CLIENT');

@Injectable()
export class CloudScepPolicyClient implements ScepPolicyClient {
  constructor(private readonly channel: CloudRegistrationService) {}

  validateRequest(transactionId: string, csrDer: Uint8Array): Promise<ScepValidationResponse> {
    const request = { transactionId, certificateRequest: Buffer.from(csrDer).toString('base64'), callerInfo: CALLER_INFO };
    return this.channel.post(SCEP_VALIDATION_PATHS.validateRequest, { request }, scepValidationResponseSchema);
  }

  successNotification(n: Omit<ScepSuccessNotificationBody['notification'], 'callerInfo'>): Promise<ScepValidationResponse> {
    return this.channel.post(SCEP_VALIDATION_PATHS.successNotification, { notification: { ...n, callerInfo: CALLER_INFO } }, scepValidationResponseSchema);
  }

  failureNotification(n: Omit<ScepFailureNotificationBody['notification'], 'callerInfo'>): Promise<ScepValidationResponse> {
    return this.channel.post(SCEP_VALIDATION_PATHS.failureNotification, { notification: { ...n, callerInfo: CALLER_INFO } }, scepValidationResponseSchema);
  }
}
