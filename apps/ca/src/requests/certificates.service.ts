import type { CaCertificate, CaCertificateListQuery, CaCertificatePage, CaRevocationReason } from '@certlab/contracts';
import { normalizeSerial } from '@certlab/pki-core';
import { escapeLike } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CaAuditService } from '../audit/audit.service';
import { CertificateEntity } from '../entities';
import { CaErrors } from '../errors';
import { CrlService } from '../publishing/crl.service';
import { certificateView } from './views';

export function serialParam(raw: string): string {
  if (!/^[0-9a-fA-F:]{1,80}$/.test(raw)) throw CaErrors.invalidSerial(`"${raw.slice(0, 80)}"`);
  return normalizeSerial(raw);
}

/** Issued and revoked certificates: revocation with a reason, release from hold, and the lists. */
@Injectable()
export class CertificatesService {
  constructor(
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    private readonly crls: CrlService,
    private readonly audit: CaAuditService,
  ) {}

  async get(serial: string): Promise<CertificateEntity> {
    const cert = await this.certificates.findOneBy({ serialNumber: serialParam(serial) });
    if (!cert) throw CaErrors.certificateNotFound(`serial ${serial}`);
    return cert;
  }

  /**
   * Revokes and republishes the CA's CRL at once. A certificate on hold may be revoked again
   * with a final reason, as AD CS allows; any other revoked certificate stays as it is.
   */
  async revoke(serial: string, reason: CaRevocationReason, actor: string): Promise<CaCertificate> {
    const cert = await this.get(serial);
    if (cert.status === 'revoked' && cert.revocationReason !== 'certificateHold') {
      throw CaErrors.alreadyRevoked(`serial ${cert.serialNumber} was revoked (${cert.revocationReason}) at ${cert.revokedAt?.toISOString()}`);
    }
    const from = cert.status === 'revoked' ? cert.revocationReason : null;
    cert.status = 'revoked';
    cert.revocationReason = reason;
    cert.revokedAt = from ? cert.revokedAt : new Date(Math.floor(Date.now() / 1000) * 1000);
    cert.revokedBy = actor;
    await this.certificates.save(cert);
    await this.audit.record({ actor, action: 'revoke', requestId: cert.requestId, target: cert.serialNumber, details: { reason, subject: cert.subject, ...(from ? { from } : {}) } });
    await this.crls.publish(cert.caName, actor, `revoked ${cert.serialNumber}`);
    return certificateView(cert);
  }

  async unrevoke(serial: string, actor: string): Promise<CaCertificate> {
    const cert = await this.get(serial);
    if (cert.status !== 'revoked' || cert.revocationReason !== 'certificateHold') {
      throw CaErrors.notOnHold(`serial ${cert.serialNumber} is ${cert.status}${cert.revocationReason ? ` (${cert.revocationReason})` : ''}`);
    }
    cert.status = 'issued';
    cert.revocationReason = null;
    cert.revokedAt = null;
    cert.revokedBy = null;
    await this.certificates.save(cert);
    await this.audit.record({ actor, action: 'unrevoke', requestId: cert.requestId, target: cert.serialNumber });
    await this.crls.publish(cert.caName, actor, `released ${cert.serialNumber} from hold`);
    return certificateView(cert);
  }

  async list(q: CaCertificateListQuery): Promise<CaCertificatePage> {
    const qb = this.certificates.createQueryBuilder('c');
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.search) {
      const s = `%${escapeLike(q.search)}%`;
      qb.andWhere('(c.subject ILIKE :s OR c.serial_number ILIKE :s OR c.thumbprint_sha1 ILIKE :s OR c.template ILIKE :s OR c.requester ILIKE :s)', { s });
    }
    qb.orderBy(q.status === 'revoked' ? 'c.revoked_at' : 'c.request_id', q.order === 'asc' ? 'ASC' : 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((c) => { const { certificate: _c, ...rest } = certificateView(c); return rest; }), total, page: q.page, pageSize: q.pageSize };
  }
}
