import { defineErrors } from '@certlab/service-kit';

/** Refusals of the PKCS queue, its connector completions and its device delivery. */
export const PkcsErrors = defineErrors({
  requestNotFound: { status: 404, title: 'No such PKCS request' },
  leaseLost: { status: 409, title: 'This connector no longer holds the lease on the request' },
  notRetryable: { status: 409, title: 'Only a failed PKCS request can be retried' },
  notReady: { status: 409, title: 'The PKCS certificate is not ready for this device' },
  uploadInvalid: { status: 400, title: 'The uploaded PKCS#12 does not hold the issued certificate and its key' },
  thumbprintMismatch: { status: 400, title: 'The device reported a certificate other than the one issued' },
});
