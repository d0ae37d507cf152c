import {
  type ScepFailureNotificationBody,
  type ScepSuccessNotificationBody,
  type ScepValidateRequestBody,
  type ScepValidationResponse,
  SCEP_VALIDATION_RESULT_CODES,
  SCEP_VALIDATION_SERVICE,
  scepFailureNotificationBodySchema,
  scepSuccessNotificationBodySchema,
  scepValidateRequestBodySchema,
  scepValidationResponseSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ConnectorCertificateGuard, CurrentConnector } from '../connectors/connector-certificate.guard';
import type { ConnectorEntity } from '../connectors/connector.entity';
import { DeviceChannelRoute } from '../device-channel/device-port';
import { openApiSchema } from './openapi-schema';
import { ScepValidationService } from './validation.service';

const RESPONSE = {
  description: `Always 200 with a result code. \`Success\` lets the SCEP server go on; any other code (${SCEP_VALIDATION_RESULT_CODES.filter((c) => c !== 'Success').join(', ')}) is a refusal: nothing may be issued, and the SCEP server answers CertRep FAILURE with the failInfo that SCEP_VALIDATION_RESULTS gives the code.`,
  schema: openApiSchema(scepValidationResponseSchema, 'output'),
};
const UNAUTHORIZED = { description: 'No client certificate, or one that belongs to no registered connector (problem+json).' };

/**
 * Intune's SCEP validation service for the connector's policy module, on the device port with
 * the connector certificate (mTLS). Paths and bodies follow IntuneScepServiceClient.
 */
@ApiTags('SCEP validation (connector channel, mTLS)')
@Controller(`connector/${SCEP_VALIDATION_SERVICE}/ScepActions`)
export class ScepValidationController {
  constructor(private readonly validation: ScepValidationService) {}

  @Post('validateRequest')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  @ApiOperation({
    summary: 'Validate a SCEP request against the challenge it carries (seed SCEP step 3)',
    description:
      'The challenge is the PKCS#10 challengePassword. The cloud checks it exists, is unexpired and unused, belongs to the device and profile, that the profile still targets the device, and that subject, SANs, key, key usage and EKU equal what it rendered; on Success it burns the challenge. A retransmission of the same transactionId with the same PKCS#10 validates again.',
  })
  @ApiBody({ schema: openApiSchema(scepValidateRequestBodySchema) })
  @ApiOkResponse(RESPONSE)
  @ApiUnauthorizedResponse(UNAUTHORIZED)
  validateRequest(@CurrentConnector() connector: ConnectorEntity, @Body(new ZodPipe(scepValidateRequestBodySchema)) body: ScepValidateRequestBody): Promise<ScepValidationResponse> {
    return this.validation.validate(connector, body);
  }

  @Post('successNotification')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  @ApiOperation({ summary: 'Report the certificate the CA issued for a validated request (seed SCEP step 6)' })
  @ApiBody({ schema: openApiSchema(scepSuccessNotificationBodySchema) })
  @ApiOkResponse(RESPONSE)
  @ApiUnauthorizedResponse(UNAUTHORIZED)
  successNotification(@CurrentConnector() connector: ConnectorEntity, @Body(new ZodPipe(scepSuccessNotificationBodySchema)) body: ScepSuccessNotificationBody): Promise<ScepValidationResponse> {
    return this.validation.notifySuccess(connector, body);
  }

  @Post('failureNotification')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  @ApiOperation({ summary: 'Report that a validated request was not issued (CA denial or error), with an HRESULT' })
  @ApiBody({ schema: openApiSchema(scepFailureNotificationBodySchema) })
  @ApiOkResponse(RESPONSE)
  @ApiUnauthorizedResponse(UNAUTHORIZED)
  failureNotification(@CurrentConnector() connector: ConnectorEntity, @Body(new ZodPipe(scepFailureNotificationBodySchema)) body: ScepFailureNotificationBody): Promise<ScepValidationResponse> {
    return this.validation.notifyFailure(connector, body);
  }
}
