import {
  type ImportedPfx,
  type ImportedPfxListQuery,
  type ImportedPfxState,
  type Page,
  type PfxImportRequest,
  type PfxPurpose,
} from '@certlab/contracts';
import { Certificate, EnvelopedCms, Pkcs12, PkiFormatError } from '@certlab/pki-core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DeviceEntity } from '../devices/device.entity';
import { DirectoryUserEntity } from '../directory/directory-user.entity';
import { CloudEvents } from '../events/cloud-events';
import { PfxConnectorCertificates, identifiesCertificate } from './connector-certificates.service';
import { PfxErrors } from './pfx-errors';
import { ImportedPfxEntity, PfxDeliveryEntity } from './pfx-import.entities';

/**
 * The imported PFX store (seed steps 2–3). What the cloud checks, not having the password:
 * the user exists; the password envelope is CMS EnvelopedData whose recipient is the named,
 * published PFX connector certificate; the PFX is a well-formed PKCS#12 (its outer structure
 * reads; its MAC cannot be checked without the password); the certificate the tool read from
 * the PFX is readable. Whether the PFX really holds that certificate and its key, and opens with
 * the password, is checked by the import tool before upload and by the PFX connector at the
 * first delivery (step 7), which fails the delivery with the reason if not.
 */
@Injectable()
export class ImportedPfxService {
  private readonly log = new Logger('ImportedPfx');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly connectors: PfxConnectorCertificates,
    private readonly audit: AuditService,
    private readonly events: CloudEvents,
  ) {}

  async upload(actor: string, req: PfxImportRequest): Promise<ImportedPfx> {
    const user = await this.ds.getRepository(DirectoryUserEntity).createQueryBuilder('u').where('lower(u.userPrincipalName) = lower(:upn)', { upn: req.userPrincipalName }).getOne();
    if (!user) throw PfxErrors.userNotFound(`No user has the user principal name ${req.userPrincipalName}.`);
    const protecting = await this.connectors.find(req.connectorThumbprint);
    if (!protecting) throw PfxErrors.unknownConnectorCertificate(`No PFX connector published a certificate with SHA-256 ${req.connectorThumbprint.toUpperCase()}; list them with GET /api/pfx-import/connector-certificates.`);
    let envelope: EnvelopedCms;
    try {
      envelope = EnvelopedCms.parse(new Uint8Array(Buffer.from(req.encryptedPassword, 'base64')));
    } catch {
      throw PfxErrors.passwordNotForConnector('the encrypted password is not CMS EnvelopedData');
    }
    const connectorCert = Certificate.parse(protecting.certificate);
    if (!envelope.recipients.some((r) => identifiesCertificate(r.rid, connectorCert))) {
      throw PfxErrors.passwordNotForConnector(`none of its recipients is the PFX connector certificate ${protecting.thumbprintSha256} (${protecting.subject})`);
    }
    let cert: Certificate;
    try {
      cert = Certificate.parse(req.certificate);
    } catch {
      throw PfxErrors.certificateUnreadable('the certificate sent with the PFX is not a readable X.509 certificate');
    }
    const pfx = new Uint8Array(Buffer.from(req.pfx, 'base64'));
    await assertPfxStructure(pfx);
    const repo = this.ds.getRepository(ImportedPfxEntity);
    if (await repo.existsBy({ userId: user.id, purpose: req.purpose, thumbprintSha256: cert.thumbprintSha256 })) {
      throw PfxErrors.alreadyImported(`${cert.subject} (SHA-256 ${cert.thumbprintSha256}) is already imported for ${user.userPrincipalName} as ${req.purpose}.`);
    }
    const row = await repo.save({
      userId: user.id,
      purpose: req.purpose,
      pfx: Buffer.from(pfx),
      encryptedPassword: Buffer.from(req.encryptedPassword, 'base64'),
      connectorThumbprint: protecting.thumbprintSha256,
      certificate: cert.pem,
      subject: cert.subject,
      issuer: cert.issuer,
      serialNumber: cert.serialNumber,
      thumbprintSha256: cert.thumbprintSha256,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      fileName: req.fileName ?? null,
      importedBy: actor,
    });
    await this.audit.record({
      actor,
      action: 'pfx.import',
      target: row.id,
      details: { user: user.userPrincipalName, purpose: req.purpose, subject: cert.subject, thumbprintSha256: cert.thumbprintSha256, connectorThumbprint: protecting.thumbprintSha256 },
    });
    this.log.log(`flow=pfx step=3 imported=${row.id} user=${user.id} purpose=${req.purpose} thumbprint=${cert.thumbprintSha256} protected by ${protecting.thumbprintSha256}`);
    const devices = await this.ds.getRepository(DeviceEntity).findBy({ ownerId: user.id, state: 'enrolled' });
    if (devices.length) this.events.emit('devices.desiredStateChanged', { deviceIds: devices.map((d) => d.id), reason: `imported certificate ${cert.subject} for ${user.userPrincipalName}` });
    return (await this.views([row], user.userPrincipalName))[0]!;
  }

  async listForUser(userId: string, q: ImportedPfxListQuery): Promise<Page<ImportedPfx>> {
    const user = await this.ds.getRepository(DirectoryUserEntity).findOneBy({ id: userId });
    if (!user) throw PfxErrors.userNotFound(`No user has id ${userId}.`);
    const qb = this.ds.getRepository(ImportedPfxEntity).createQueryBuilder('p').where('p.userId = :userId', { userId });
    if (q.purpose) qb.andWhere('p.purpose = :purpose', { purpose: q.purpose });
    const now = new Date();
    if (q.state === 'expired') qb.andWhere('p.notAfter < :now', { now });
    if (q.state === 'valid') qb.andWhere('p.notAfter >= :now AND p.notBefore <= :now', { now });
    if (q.state === 'notYetValid') qb.andWhere('p.notBefore > :now', { now });
    if (q.search) qb.andWhere('(p.subject ILIKE :s OR p.thumbprintSha256 ILIKE :s OR p.serialNumber ILIKE :s)', { s: `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    qb.orderBy(`p.${q.sort ?? 'notBefore'}`, q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('p.importedAt', 'DESC').addOrderBy('p.id');
    qb.skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.views(rows, user.userPrincipalName), total, page: q.page, pageSize: q.pageSize };
  }

  /** Every imported certificate of this user for this purpose, newest first, expired ones included. */
  forUser(userId: string, purpose: PfxPurpose): Promise<ImportedPfxEntity[]> {
    return this.ds.getRepository(ImportedPfxEntity).find({ where: { userId, purpose }, order: { notBefore: 'DESC', importedAt: 'DESC' } });
  }

  private async views(rows: ImportedPfxEntity[], upn: string): Promise<ImportedPfx[]> {
    const protecting = await Promise.all(rows.map((r) => this.connectors.find(r.connectorThumbprint)));
    const names = await this.connectors.connectorNames(protecting.flatMap((p) => (p ? [p.connectorId] : [])));
    const counts = new Map<string, ImportedPfx['deliveries']>();
    if (rows.length) {
      const raw = await this.ds
        .getRepository(PfxDeliveryEntity)
        .createQueryBuilder('d')
        .select('d.importedPfxId', 'id')
        .addSelect('d.state', 'state')
        .addSelect('count(*)::int', 'n')
        .where('d.importedPfxId IN (:...ids)', { ids: rows.map((r) => r.id) })
        .groupBy('d.importedPfxId')
        .addGroupBy('d.state')
        .getRawMany<{ id: string; state: string; n: number }>();
      for (const r of raw) {
        const c = counts.get(r.id) ?? { delivered: 0, pending: 0, failed: 0 };
        if (r.state === 'delivered') c.delivered += r.n;
        else if (r.state === 'failed') c.failed += r.n;
        else c.pending += r.n;
        counts.set(r.id, c);
      }
    }
    const now = Date.now();
    return rows.map((r, i) => ({
      id: r.id,
      userId: r.userId,
      userPrincipalName: upn,
      purpose: r.purpose,
      subject: r.subject,
      issuer: r.issuer,
      serialNumber: r.serialNumber,
      thumbprintSha256: r.thumbprintSha256,
      notBefore: r.notBefore.toISOString(),
      notAfter: r.notAfter.toISOString(),
      state: stateOf(r, now),
      connectorThumbprint: r.connectorThumbprint,
      connectorName: protecting[i] ? (names.get(protecting[i].connectorId) ?? null) : null,
      fileName: r.fileName,
      importedAt: r.importedAt.toISOString(),
      importedBy: r.importedBy,
      deliveries: counts.get(r.id) ?? { delivered: 0, pending: 0, failed: 0 },
    }));
  }
}

export function stateOf(r: Pick<ImportedPfxEntity, 'notBefore' | 'notAfter'>, now: number): ImportedPfxState {
  if (r.notAfter.getTime() < now) return 'expired';
  if (r.notBefore.getTime() > now) return 'notYetValid';
  return 'valid';
}

/**
 * The outer PKCS#12 structure, read without the password: pki-core parses it and then fails the
 * MAC (or decryption) with a PkiVerificationError, which is expected here; a PkiFormatError means
 * the bytes are no PFX at all (truncated, another format, unsupported integrity mode).
 */
async function assertPfxStructure(pfx: Uint8Array): Promise<void> {
  try {
    await Pkcs12.parse(pfx, '');
  } catch (err) {
    if (err instanceof PkiFormatError) throw PfxErrors.pfxUnreadable(err.message);
    return;
  }
  // A PFX that opens with an empty password has no password worth protecting: still accepted,
  // the connector re-encrypts the empty password like any other.
}
