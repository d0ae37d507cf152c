import type { CaRequest, CaRequestListQuery, CaRequestPage, CaSubmitRequest } from '@certlab/contracts';
import { CertificateRequest, describeKey } from '@certlab/pki-core';
import { escapeLike } from '@certlab/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { CaAuditService } from '../audit/audit.service';
import { CA_CONFIG, type CaConfig } from '../config';
import { CertificateEntity, RequestEntity, TemplateEntity } from '../entities';
import { CaErrors } from '../errors';
import { HierarchyService } from '../hierarchy/hierarchy.service';
import { IdentityLookupService } from '../identities/identity-lookup.service';
import { type Decision, type RaVerdict, decide } from '../policy/policy';
import { directorySubjectOf } from '../templates/seed-templates';
import { buildFromTemplate } from './certificate-factory';
import { openSignedRequest } from './ra-signature';
import { requestView } from './views';

export interface Submission {
  requester: string;
  template: string;
  caName?: string;
  csr?: Uint8Array;
  signedRequest?: Uint8Array;
}

/**
 * The request database: every submission gets a request id and a row whatever the outcome;
 * issued, pending and denied are its only states, and a request id issues at most once.
 */
@Injectable()
export class RequestsService {
  constructor(
    @Inject(CA_CONFIG) private readonly config: CaConfig,
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(RequestEntity) private readonly requests: Repository<RequestEntity>,
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    @InjectRepository(TemplateEntity) private readonly templates: Repository<TemplateEntity>,
    private readonly hierarchy: HierarchyService,
    private readonly identities: IdentityLookupService,
    private readonly audit: CaAuditService,
  ) {}

  static decodeBody(body: CaSubmitRequest): Pick<Submission, 'csr' | 'signedRequest'> {
    return body.csr ? { csr: new Uint8Array(Buffer.from(body.csr, 'base64')) } : { signedRequest: new Uint8Array(Buffer.from(body.signedRequest!, 'base64')) };
  }

  async submit(s: Submission): Promise<CaRequest> {
    const template = await this.templates.findOneBy({ name: s.template });
    if (!template) throw CaErrors.unknownTemplate(`"${s.template}" is not published on this CA`);
    const ca = s.caName ? this.hierarchy.get(s.caName) : this.hierarchy.defaultIssuing();
    if (ca.role !== 'issuing') throw CaErrors.unknownCa(`"${ca.name}" is the offline root; it issues only CA certificates`);

    let csrDer = s.csr;
    let ra: RaVerdict = { kind: 'absent' };
    if (s.signedRequest) {
      ({ csrDer, verdict: ra } = await openSignedRequest(s.signedRequest, {
        issuingCas: this.hierarchy.issuing().map((c) => c.certificate),
        findIdentityByCertificate: (c) => this.identities.byCertificate(c),
      }));
    }
    let csr: CertificateRequest;
    try {
      csr = CertificateRequest.parse(csrDer!);
    } catch (err) {
      throw CaErrors.malformedCsr(err instanceof Error ? err.message : undefined, { cause: err });
    }
    const decision = decide({
      requester: s.requester,
      template,
      csr: { subject: csr.subject, publicKey: csr.publicKey, signatureValid: await csr.verify() },
      directorySubject: directorySubjectOf(s.requester),
      ra,
    });
    const row = await this.requests.save(
      this.requests.create({
        caName: ca.name,
        template: template.name,
        requester: s.requester,
        status: decision.outcome === 'issue' ? 'pending' : decision.outcome === 'pend' ? 'pending' : 'denied',
        csr: Buffer.from(csr.der),
        signedRequest: s.signedRequest ? Buffer.from(s.signedRequest) : null,
        raSigner: ra.kind === 'valid' ? ra.signer : null,
        requestedSubject: csr.subject,
        publicKey: describeKey(csr.publicKey),
        submittedAt: new Date(),
        ...this.decisionColumns(decision, s.requester),
      }),
    );
    await this.audit.record({ actor: s.requester, action: 'submit', requestId: row.id, target: template.name, details: { caName: ca.name, subject: csr.subject, key: row.publicKey, raSigner: row.raSigner } });
    if (decision.outcome === 'deny') {
      await this.audit.record({ actor: 'policy', action: 'deny', requestId: row.id, target: template.name, outcome: 'failure', details: { code: decision.code, reason: decision.reason } });
      return requestView(row);
    }
    if (decision.outcome === 'pend') {
      await this.audit.record({ actor: 'policy', action: 'pend', requestId: row.id, target: template.name, details: { code: decision.code, reason: decision.reason } });
      return requestView(row);
    }
    return this.issue(row.id, 'policy');
  }

  private decisionColumns(d: Decision, _requester: string): Partial<RequestEntity> {
    if (d.outcome === 'issue') return { reasonCode: null, reason: null };
    return { reasonCode: d.code, reason: d.reason, ...(d.outcome === 'deny' ? { decidedAt: new Date(), decidedBy: 'policy' } : {}) };
  }

  /**
   * Issues a pending request inside one transaction that locks its row: a second approval of
   * the same request id finds it issued and is refused, so one request never yields two certificates.
   */
  async issue(requestId: number, actor: string): Promise<CaRequest> {
    const { row, cert } = await this.db.transaction(async (m: EntityManager) => {
      const row = await m.getRepository(RequestEntity).findOne({ where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw CaErrors.requestNotFound(`request ${requestId}`);
      if (row.status !== 'pending') throw CaErrors.requestNotPending(`request ${requestId} is ${row.status}`);
      const template = await m.getRepository(TemplateEntity).findOneByOrFail({ name: row.template });
      const built = await buildFromTemplate(
        { template, csr: CertificateRequest.parse(new Uint8Array(row.csr)), requester: row.requester, caName: row.caName, publicBaseUrl: this.config.CA_PUBLIC_URL },
        await this.hierarchy.issuer(row.caName),
      );
      const cert = m.getRepository(CertificateEntity).create({
        serialNumber: built.serialNumber,
        caName: row.caName,
        requestId: row.id,
        template: row.template,
        requester: row.requester,
        subject: built.subject,
        notBefore: built.notBefore,
        notAfter: built.notAfter,
        thumbprintSha1: built.thumbprintSha1,
        der: Buffer.from(built.der),
        status: 'issued',
        revokedAt: null,
        revocationReason: null,
        revokedBy: null,
      });
      await m.getRepository(CertificateEntity).insert(cert);
      row.status = 'issued';
      row.serialNumber = built.serialNumber;
      row.decidedAt = new Date();
      row.decidedBy = actor;
      if (actor !== 'policy') row.reasonCode = row.reasonCode === 'pendingApproval' ? 'approved' : row.reasonCode;
      await m.getRepository(RequestEntity).save(row);
      await this.audit.record({ actor, action: 'issue', requestId: row.id, target: built.serialNumber, details: { subject: built.subject, template: row.template, caName: row.caName, notAfter: built.notAfter.toISOString() } }, m);
      return { row, cert };
    });
    return requestView(row, cert);
  }

  async approve(requestId: number, actor: string): Promise<CaRequest> {
    const before = await this.requests.findOneBy({ id: requestId });
    if (!before) throw CaErrors.requestNotFound(`request ${requestId}`);
    if (before.status !== 'pending') throw CaErrors.requestNotPending(`request ${requestId} is ${before.status}`);
    await this.audit.record({ actor, action: 'approve', requestId, target: before.template });
    return this.issue(requestId, actor);
  }

  async deny(requestId: number, actor: string, reason?: string): Promise<CaRequest> {
    const text = `deniedByAdmin: ${reason?.trim() || 'denied by a CA manager'}`;
    const result = await this.requests
      .createQueryBuilder()
      .update()
      .set({ status: 'denied', decidedAt: new Date(), decidedBy: actor, reasonCode: 'deniedByAdmin', reason: text })
      .where('id = :id AND status = :pending', { id: requestId, pending: 'pending' })
      .execute();
    if (!result.affected) {
      const row = await this.requests.findOneBy({ id: requestId });
      if (!row) throw CaErrors.requestNotFound(`request ${requestId}`);
      throw CaErrors.requestNotPending(`request ${requestId} is ${row.status}`);
    }
    await this.audit.record({ actor, action: 'deny', requestId, outcome: 'failure', details: { code: 'deniedByAdmin', reason: text } });
    return this.get(requestId);
  }

  async get(requestId: number): Promise<CaRequest> {
    const row = await this.requests.findOneBy({ id: requestId });
    if (!row) throw CaErrors.requestNotFound(`request ${requestId}`);
    const cert = row.status === 'issued' ? await this.certificates.findOneBy({ requestId }) : null;
    return requestView(row, cert);
  }

  async list(q: CaRequestListQuery): Promise<CaRequestPage> {
    const qb = this.requests.createQueryBuilder('r');
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.search) {
      qb.andWhere("(r.requested_subject ILIKE :s OR r.requester ILIKE :s OR r.template ILIKE :s OR r.serial_number ILIKE :s OR CAST(r.id AS text) = :exact)", {
        s: `%${escapeLike(q.search)}%`,
        exact: q.search,
      });
    }
    qb.orderBy('r.id', q.order === 'asc' ? 'ASC' : 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((r) => ({ ...requestView(r), certificate: undefined })).map(({ certificate: _c, ...rest }) => rest), total, page: q.page, pageSize: q.pageSize };
  }
}
