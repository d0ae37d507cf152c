import type { CaRequest } from '@certlab/contracts';
import { Certificate } from '@certlab/pki-core';
import type { CaClient } from '../ra/ca-client';
import type { CsrSignRequest, CsrSigner, SignOutcome } from './csr-signer';

/** Which CA template a request goes to, as NDES's registry names them per purpose. */
export interface TemplateChoice {
  device: string;
  user: string;
}

/**
 * The innermost step (seed SCEP steps 4–5): submits the RA-countersigned request to the CA, or on
 * a poll asks the CA for the pending request's state. Nothing here can issue; only the CA can.
 */
export class CaSubmitSigner implements CsrSigner {
  constructor(
    private readonly ca: Pick<CaClient, 'submitSigned' | 'status'>,
    private readonly templates: TemplateChoice,
  ) {}

  async signCsr(request: CsrSignRequest): Promise<SignOutcome> {
    if (request.mode === 'poll') {
      if (request.caRequestId === undefined) return { kind: 'refused', failInfo: 'badCertId', text: 'no CA request is pending for this transaction' };
      return this.outcome(await this.ca.status(request.caRequestId));
    }
    if (!request.signedRequest) throw new Error('the CA submit step needs the RA countersigned request');
    const template = request.certificateType === 'user' ? this.templates.user : this.templates.device;
    return this.outcome(await this.ca.submitSigned(template, request.signedRequest));
  }

  private outcome(r: CaRequest): SignOutcome {
    if (r.status === 'issued' && r.certificate) return { kind: 'issued', certificate: Certificate.parse(r.certificate).der, caRequestId: r.requestId, template: r.template };
    if (r.status === 'pending') return { kind: 'pending', caRequestId: r.requestId, template: r.template };
    return { kind: 'refused', failInfo: 'badRequest', text: `the CA denied request ${r.requestId}: ${r.reason ?? r.reasonCode ?? 'no reason given'}`, caRequestId: r.requestId };
  }
}
