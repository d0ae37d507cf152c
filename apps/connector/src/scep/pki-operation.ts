import {
  CertificateRequest,
  type CertRepReply,
  PkiFormatError,
  PkiMessage,
  type ReplyOptions,
  type ScepRequestMessage,
} from '@certlab/pki-core';
import type { Logger } from '@nestjs/common';
import type { RaIdentity } from '../ra/ra-identity';
import { type CsrSignRequest, type CsrSigner, type SignOutcome, deviceIdOf } from './csr-signer';

/** Bytes that cannot become a CertRep: the only case the endpoint answers with HTTP 400. */
export class UnanswerableMessage extends Error {
  override readonly name = 'UnanswerableMessage';
}

/**
 * PKIOperation (RFC 8894 §3.3): parse → verify the client's signature → decrypt with the RA
 * encryption key (implicit-rejection unwrap) → the CSR signer chain → CertRep signed by the RA.
 * Two error channels (STYLE habit 5): a business refusal is a signed CertRep FAILURE with
 * failInfo and failInfoText; only unparseable bytes throw UnanswerableMessage.
 */
export class PkiOperation {
  constructor(
    private readonly ra: RaIdentity,
    private readonly signer: CsrSigner,
    private readonly log: Logger,
  ) {}

  async handle(der: Uint8Array): Promise<CertRepReply> {
    let msg: PkiMessage;
    try {
      msg = PkiMessage.parse(der);
    } catch (err) {
      throw new UnanswerableMessage(err instanceof PkiFormatError ? err.message : 'not a SCEP pkiMessage', { cause: err });
    }
    if (msg.messageType === 'CertRep') throw new UnanswerableMessage('a CertRep is an answer, not a request');
    const options: ReplyOptions = { raSigner: { certificate: this.ra.signing.certificate.der, key: this.ra.signing.key } };
    const ctx = { flow: 'scep', step: 2, transactionId: msg.transactionId, messageType: msg.messageType };
    const refuse = (failInfo: Parameters<ScepRequestMessage['failure']>[0], text: string, step = 2) => {
      this.log.warn({ ...ctx, step, failInfo }, `CertRep FAILURE ${failInfo}: ${text}`);
      return msg.failure(failInfo, text, options);
    };

    try {
      await msg.verify();
    } catch {
      return refuse('badMessageCheck', 'the request signature does not verify');
    }
    let request: CsrSignRequest;
    try {
      if (msg.messageType === 'PKCSReq' || msg.messageType === 'RenewalReq') {
        const csr = CertificateRequest.parse(await msg.decryptEnvelope(this.ra.encryption.key, this.ra.encryption.certificate.der));
        request = { mode: 'submit', transactionId: msg.transactionId, csr, deviceId: deviceIdOf(csr) };
      } else if (msg.messageType === 'CertPoll') {
        await msg.decryptEnvelope(this.ra.encryption.key, this.ra.encryption.certificate.der);
        request = { mode: 'poll', transactionId: msg.transactionId };
      } else {
        return refuse('badRequest', `${msg.messageType} is not offered here (see GetCACaps)`);
      }
    } catch {
      // One answer for every decryption failure: which one it was must not leak (Bleichenbacher).
      return refuse('badMessageCheck', 'the pkcsPKIEnvelope could not be decrypted with the RA encryption certificate');
    }
    this.log.log({ ...ctx, deviceId: request.deviceId }, `${msg.messageType} received${request.csr ? ` for "${request.csr.subject}"` : ''}`);

    let outcome: SignOutcome;
    try {
      outcome = await this.signer.signCsr(request);
    } catch (err) {
      this.log.error({ ...ctx, step: 4, deviceId: request.deviceId }, `the request could not be processed: ${err instanceof Error ? err.message : String(err)}`);
      return msg.failure('badRequest', 'the request could not be processed now; try again later', options);
    }
    const done = { ...ctx, step: 6, deviceId: request.deviceId };
    if (outcome.kind === 'issued') {
      this.log.log({ ...done, caRequestId: outcome.caRequestId }, 'CertRep SUCCESS');
      return msg.success({ ...options, issuedCerts: [outcome.certificate] });
    }
    if (outcome.kind === 'pending') {
      this.log.log({ ...done, caRequestId: outcome.caRequestId }, 'CertRep PENDING');
      return msg.pending(options);
    }
    return refuse(outcome.failInfo, outcome.text, 6);
  }
}
