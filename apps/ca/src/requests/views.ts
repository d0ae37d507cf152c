import type { CaCertificate, CaRequest } from '@certlab/contracts';
import { toPem } from '@certlab/pki-core';
import type { CertificateEntity, RequestEntity } from '../entities';

export function requestView(r: RequestEntity, cert?: CertificateEntity | null): CaRequest {
  return {
    requestId: r.id,
    status: r.status,
    caName: r.caName,
    template: r.template,
    requester: r.raSigner ? `${r.requester} (signed by ${r.raSigner})` : r.requester,
    requestedSubject: r.requestedSubject,
    publicKey: r.publicKey,
    submittedAt: r.submittedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    reasonCode: r.reasonCode,
    reason: r.reason,
    serialNumber: r.serialNumber,
    certificate: cert ? toPem(new Uint8Array(cert.der), 'CERTIFICATE') : null,
  };
}

export function certificateView(c: CertificateEntity): CaCertificate {
  return {
    serialNumber: c.serialNumber,
    caName: c.caName,
    requestId: c.requestId,
    template: c.template,
    requester: c.requester,
    subject: c.subject,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    thumbprintSha1: c.thumbprintSha1,
    status: c.status,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason,
    revokedBy: c.revokedBy,
    certificate: toPem(new Uint8Array(c.der), 'CERTIFICATE'),
  };
}
