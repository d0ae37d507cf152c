import { OcspRequest, type OcspSingleResponse, type RevocationReason, certIdMatchesIssuer, createOcspErrorResponse, createOcspResponse, PkiFormatError } from '@certlab/pki-core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CA_CONFIG, type CaConfig } from '../config';
import { CertificateEntity } from '../entities';
import { HierarchyService, type LoadedCa } from '../hierarchy/hierarchy.service';

/**
 * The OCSP responder (RFC 6960), answering from the request database rather than the CRL, so a
 * revocation is visible at once. Each issuing CA signs for its own certificates (§4.2.2.2 case 1);
 * a request about a CA this responder does not serve gets `unauthorized`.
 */
@Injectable()
export class OcspService {
  private readonly logger = new Logger('Ocsp');

  constructor(
    @Inject(CA_CONFIG) private readonly config: CaConfig,
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    private readonly hierarchy: HierarchyService,
  ) {}

  async answer(der: Uint8Array): Promise<Uint8Array> {
    let request: OcspRequest;
    try {
      request = OcspRequest.parse(der);
    } catch (err) {
      this.logger.warn({ reason: err instanceof PkiFormatError ? err.reason : String(err) }, 'malformed OCSP request');
      return createOcspErrorResponse('malformedRequest');
    }
    let signer: LoadedCa | undefined;
    for (const ca of this.hierarchy.issuing()) {
      if (await certIdMatchesIssuer(request.certIds[0], ca.certificate)) signer = ca;
    }
    if (!signer) return createOcspErrorResponse('unauthorized');
    const now = new Date();
    const nextUpdate = new Date(now.getTime() + Math.min(this.config.CA_CRL_PERIOD_SECONDS, 3600) * 1000);
    const responses: OcspSingleResponse[] = [];
    for (const certId of request.certIds) {
      if (!(await certIdMatchesIssuer(certId, signer.certificate))) return createOcspErrorResponse('unauthorized');
      const cert = await this.certificates.findOneBy({ serialNumber: certId.serialNumber, caName: signer.name });
      if (!cert) responses.push({ certId, status: 'unknown', thisUpdate: now, nextUpdate });
      else if (cert.status === 'revoked') {
        const reason = (cert.revocationReason ?? 'unspecified') as RevocationReason;
        responses.push({ certId, status: 'revoked', revokedAt: cert.revokedAt ?? now, ...(reason !== 'unspecified' ? { reason } : {}), thisUpdate: now, nextUpdate });
      } else responses.push({ certId, status: 'good', thisUpdate: now, nextUpdate });
    }
    return createOcspResponse({ signer: await this.hierarchy.issuer(signer.name), responses, nonce: request.nonce, producedAt: now });
  }
}
