import { defineErrors } from '@certlab/service-kit';

/** Refusals of the imported-PKCS#12 flow: upload, connector certificates, re-encryption jobs, device delivery. */
export const PfxErrors = defineErrors({
  userNotFound: { status: 404, title: 'No such user' },
  unknownConnectorCertificate: { status: 400, title: 'The password is protected by a PFX connector certificate the cloud does not know' },
  passwordNotForConnector: { status: 400, title: 'The encrypted password is not encrypted to the named PFX connector certificate' },
  certificateUnreadable: { status: 400, title: 'The certificate is not a readable X.509 certificate' },
  pfxUnreadable: { status: 400, title: 'The file is not a readable PKCS#12 (PFX)' },
  alreadyImported: { status: 409, title: 'This certificate is already imported for this user and purpose' },
  connectorCertificateInvalid: { status: 400, title: 'The PFX connector certificate cannot protect passwords' },
  importedPfxNotFound: { status: 404, title: 'No such imported certificate' },
  deliveryNotFound: { status: 404, title: 'No such delivery for this device' },
  profileNotApplicable: { status: 404, title: 'No imported PKCS profile of this id applies to this device' },
  leaseLost: { status: 409, title: 'This connector no longer holds the lease on the delivery' },
  notReady: { status: 409, title: 'The imported certificate is not ready for this device' },
  reencryptionInvalid: { status: 400, title: 'The re-encrypted password is not encrypted to the device certificate' },
  thumbprintMismatch: { status: 400, title: 'The device reported a certificate other than the one imported' },
});
