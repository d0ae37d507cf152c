import type { Certificate } from '@certlab/pki-core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CertificateEntity, IdentityEntity } from '../entities';

export type IdentityMatch = { ok: true; identity: IdentityEntity } | { ok: false; why: 'unknown' | 'revoked' };

/** Which registered identity holds a certificate: its current one, by serial and thumbprint, not revoked. */
@Injectable()
export class IdentityLookupService {
  constructor(
    @InjectRepository(IdentityEntity) private readonly identities: Repository<IdentityEntity>,
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
  ) {}

  async match(serialNumber: string, thumbprintSha1: string): Promise<IdentityMatch> {
    const identity = await this.identities.findOneBy({ certificateSerial: serialNumber, certificateThumbprint: thumbprintSha1.toUpperCase() });
    if (!identity) return { ok: false, why: 'unknown' };
    const cert = await this.certificates.findOneBy({ serialNumber });
    if (!cert || cert.status !== 'issued') return { ok: false, why: 'revoked' };
    return { ok: true, identity };
  }

  async byCertificate(cert: Certificate): Promise<IdentityEntity | undefined> {
    const m = await this.match(cert.serialNumber, cert.thumbprintSha1);
    return m.ok ? m.identity : undefined;
  }
}
