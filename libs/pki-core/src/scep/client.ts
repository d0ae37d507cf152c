import '../crypto-provider';
import { defaultCrypto } from '../crypto-provider';
import { PkiFormatError } from '../errors';
import type { RsaKeyUnwrapper } from '../cms';
import { PkiMessage } from './pki-message';
import type { ScepRequestModel } from './requests';
import type { ScepFailInfo } from './wire';

export type CertRepOutcome =
  | { readonly pkiStatus: 'SUCCESS'; readonly certificates: Uint8Array[]; readonly crls: Uint8Array[] }
  | { readonly pkiStatus: 'PENDING' }
  | { readonly pkiStatus: 'FAILURE'; readonly failInfo: ScepFailInfo; readonly failInfoText?: string };

/**
 * Client side of a CertRep, in the order RFC 8894 §3.3.2 implies: parse, verify the RA's
 * signature (against the RA certificate from GetCACert, not one the reply brings), check it
 * answers our request (transactionID and recipientNonce = our senderNonce), then decrypt.
 */
export async function readCertRep(
  der: Uint8Array,
  options: { readonly request: ScepRequestModel; readonly raCertificate: Uint8Array; readonly unwrapper: RsaKeyUnwrapper },
  crypto: Crypto = defaultCrypto,
): Promise<CertRepOutcome> {
  const msg = PkiMessage.parse(der);
  if (msg.messageType !== 'CertRep') throw new PkiFormatError('SCEP PKIMessage', `expected a CertRep, got ${msg.messageType}`);
  await msg.verify(options.raCertificate, crypto);
  msg.checkAnswers(options.request);
  if (msg.pkiStatus === 'SUCCESS') return { pkiStatus: 'SUCCESS', ...(await msg.decryptEnvelope(options.unwrapper)) };
  if (msg.pkiStatus === 'PENDING') return { pkiStatus: 'PENDING' };
  return { pkiStatus: 'FAILURE', failInfo: msg.failInfo ?? 'badRequest', failInfoText: msg.failInfoText };
}
