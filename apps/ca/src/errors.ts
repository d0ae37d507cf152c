import { defineErrors } from '@certlab/service-kit';

/** Every refusal the CA's API gives, in one table (STYLE habit 6). Policy denials are not errors: they are recorded requests. */
export const CaErrors = defineErrors({
  clientCertificateRequired: { status: 401, title: 'A client certificate issued by this CA is required' },
  unknownIdentity: { status: 401, title: 'The client certificate belongs to no registered identity' },
  identityRevoked: { status: 401, title: 'The client certificate has been revoked' },
  notCaAdmin: { status: 403, title: 'Only a CA administrator identity may do this' },
  invalidEnrollmentToken: { status: 401, title: 'The enrollment token is unknown, used or expired' },
  identityEnrollmentDenied: { status: 403, title: 'The identity certificate request was refused' },
  unknownTemplate: { status: 404, title: 'No such certificate template' },
  unknownCa: { status: 404, title: 'No such certificate authority' },
  unknownIdentityName: { status: 404, title: 'No such identity' },
  identityExists: { status: 409, title: 'An identity with that name already exists' },
  templateNotGrantable: { status: 400, title: 'Enroll on that template cannot be granted to a new identity' },
  requestNotFound: { status: 404, title: 'No such request' },
  certificateNotFound: { status: 404, title: 'No such certificate' },
  crlNotFound: { status: 404, title: 'No such CRL' },
  malformedCsr: { status: 400, title: 'The certificate request is not a readable PKCS#10' },
  malformedSignedRequest: { status: 400, title: 'The signed request is not a readable CMS SignedData holding a PKCS#10' },
  requestNotPending: { status: 409, title: 'The request is not pending' },
  alreadyRevoked: { status: 409, title: 'The certificate is already revoked' },
  notOnHold: { status: 409, title: 'Only a certificate on hold (certificateHold) can be released' },
  invalidSerial: { status: 400, title: 'The serial number is not hex' },
});
