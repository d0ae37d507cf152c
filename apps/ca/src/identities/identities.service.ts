import type { CaIdentity, CaIdentityCreateRequest, CaIdentityCreateResponse, CaIdentityEnrollResponse, CaIdentityTokenResponse } from '@certlab/contracts';
import { Certificate, CertificateRequest } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EntityManager, IsNull, MoreThan, type Repository } from 'typeorm';
import { CaAuditService } from '../audit/audit.service';
import { CA_CONFIG, type CaConfig, caDataDir } from '../config';
import { CertificateEntity, EnrollmentTokenEntity, IdentityEntity, TemplateEntity } from '../entities';
import { CaErrors } from '../errors';
import { HierarchyService } from '../hierarchy/hierarchy.service';
import { CertificatesService } from '../requests/certificates.service';
import { RequestsService } from '../requests/requests.service';
import { BUILT_IN_IDENTITIES } from '../templates/seed-templates';
import { TemplatesService } from '../templates/templates.service';

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Who may call the CA. On first start each built-in identity gets a one-time enrollment token
 * written to <data>/ca/enrollment-tokens/<identity>.token (0600): the model of an admin creating
 * the AD accounts and handing their credentials to the on-prem servers. Tokens are stored hashed,
 * expire and work once; the certificate they buy is issued through the ordinary request path.
 */
@Injectable()
export class IdentitiesService implements OnModuleInit {
  private readonly logger = new Logger('Identities');
  private readonly pendingTokenFiles = new Map<string, string>();

  constructor(
    @Inject(CA_CONFIG) private readonly config: CaConfig,
    @InjectRepository(IdentityEntity) private readonly identities: Repository<IdentityEntity>,
    @InjectRepository(EnrollmentTokenEntity) private readonly tokens: Repository<EnrollmentTokenEntity>,
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    @InjectRepository(TemplateEntity) private readonly templateRows: Repository<TemplateEntity>,
    private readonly templates: TemplatesService,
    private readonly requests: RequestsService,
    private readonly certs: CertificatesService,
    private readonly hierarchy: HierarchyService,
    private readonly audit: CaAuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.templates.seed();
    for (const builtIn of BUILT_IN_IDENTITIES) {
      if (await this.identities.existsBy({ name: builtIn.name })) continue;
      await this.identities.insert({ ...builtIn });
      await this.audit.record({ actor: 'ca', action: 'createIdentity', target: builtIn.name, details: { kind: builtIn.kind, template: builtIn.template } });
      const { token } = await this.mintToken(builtIn.name, 'ca');
      this.pendingTokenFiles.set(builtIn.name, token);
    }
  }

  /**
   * Writes the first-start token files once both listeners are up, so an on-prem server that
   * waits for its file finds a CA that answers (called by startCa after listen).
   */
  writeTokenFiles(): void {
    const dir = join(caDataDir(this.config), 'enrollment-tokens');
    for (const [name, token] of this.pendingTokenFiles) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `${name}.token`);
      writeFileSync(file, `${token}\n`, { mode: 0o600 });
      this.logger.log(`enrollment token for identity "${name}" written to ${file}`);
    }
    this.pendingTokenFiles.clear();
  }

  async mintToken(name: string, actor: string, tx?: EntityManager): Promise<CaIdentityTokenResponse> {
    const tokens = tx ? tx.getRepository(EnrollmentTokenEntity) : this.tokens;
    if (!(await (tx ? tx.getRepository(IdentityEntity) : this.identities).existsBy({ name }))) throw CaErrors.unknownIdentityName(`"${name}"`);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.CA_ENROLLMENT_TOKEN_TTL_HOURS * 3600_000);
    await tokens.insert({ identityName: name, tokenHash: hashToken(token), expiresAt, usedAt: null });
    await this.audit.record({ actor, action: 'createToken', target: name, details: { expiresAt: expiresAt.toISOString() } }, tx);
    return { identity: name, token, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Registers a computer identity (an on-prem server's computer account), grants it Enroll on its
   * identity template and on the request-subject templates asked for, and mints its one-time
   * token. Directory-subject templates belong to the built-in identities' kinds and are refused,
   * so no console admin can mint another enrollment agent or CA administrator this way.
   */
  async create(body: CaIdentityCreateRequest, actor: string): Promise<CaIdentityCreateResponse> {
    const template = 'CertlabComputer';
    const enrollOn = [...new Set(body.enrollOn)];
    return this.identities.manager.transaction(async (tx) => {
      if (await tx.existsBy(IdentityEntity, { name: body.name })) throw CaErrors.identityExists(`"${body.name}"`);
      const rows = enrollOn.length ? await tx.findBy(TemplateEntity, enrollOn.map((name) => ({ name }))) : [];
      for (const name of enrollOn) {
        const row = rows.find((r) => r.name === name);
        if (!row) throw CaErrors.unknownTemplate(`"${name}"`);
        if (row.subjectSource !== 'request') throw CaErrors.templateNotGrantable(`"${name}" builds its subject from the directory: it is an identity template`);
      }
      await tx.insert(IdentityEntity, { name: body.name, kind: 'computer', template, certificateSerial: null, certificateThumbprint: null, createdAt: new Date() });
      for (const name of [template, ...enrollOn]) {
        // Row lock: two registrations at once must not drop each other's grant from the jsonb list.
        const row = await tx.findOneOrFail(TemplateEntity, { where: { name }, lock: { mode: 'pessimistic_write' } });
        if (!row.enroll.includes(body.name)) await tx.update(TemplateEntity, { name }, { enroll: [...row.enroll, body.name] });
      }
      await this.audit.record({ actor, action: 'createIdentity', target: body.name, details: { kind: 'computer', template, enrollOn } }, tx);
      const minted = await this.mintToken(body.name, actor, tx);
      return { ...minted, kind: 'computer' as const, template, enrollOn };
    });
  }

  async list(): Promise<CaIdentity[]> {
    const [rows, templates] = await Promise.all([this.identities.find({ order: { createdAt: 'ASC', name: 'ASC' } }), this.templateRows.find({ order: { name: 'ASC' } })]);
    return rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      template: r.template,
      certificateSerial: r.certificateSerial,
      createdAt: r.createdAt.toISOString(),
      enrollOn: templates.filter((t) => t.enroll.includes(r.name)).map((t) => t.name),
    }));
  }

  /** Token + PKCS#10 → the identity's certificate; the identity's previous certificate is superseded. */
  async enroll(token: string, csrDer: Uint8Array): Promise<CaIdentityEnrollResponse> {
    const row = await this.tokens.findOneBy({ tokenHash: hashToken(token), usedAt: IsNull(), expiresAt: MoreThan(new Date()) });
    if (!row) throw CaErrors.invalidEnrollmentToken();
    const identity = await this.identities.findOneByOrFail({ name: row.identityName });
    // Burn the token first, conditionally, so two concurrent uses cannot both pass.
    const burned = await this.tokens.update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
    if (!burned.affected) throw CaErrors.invalidEnrollmentToken();
    const result = await this.requests.submit({ requester: identity.name, template: identity.template, csr: csrDer });
    if (result.status !== 'issued' || !result.certificate || !result.serialNumber) {
      throw CaErrors.identityEnrollmentDenied(result.reason ?? `request ${result.requestId} is ${result.status}`);
    }
    const cert = Certificate.parse(result.certificate);
    const previous = identity.certificateSerial;
    await this.identities.update({ name: identity.name }, { certificateSerial: cert.serialNumber, certificateThumbprint: cert.thumbprintSha1 });
    if (previous && (await this.certificates.existsBy({ serialNumber: previous, status: 'issued' }))) {
      await this.certs.revoke(previous, 'superseded', 'ca');
    }
    await this.audit.record({ actor: identity.name, action: 'enrollIdentity', requestId: result.requestId, target: cert.serialNumber, details: { identity: identity.name } });
    const caName = this.hierarchy.defaultIssuing().name;
    return { identity: identity.name, kind: identity.kind, requestId: result.requestId, certificate: cert.pem, chain: this.hierarchy.chainOf(caName).map((c) => c.pem) };
  }

  static csrFromBase64(b64: string): Uint8Array {
    const der = new Uint8Array(Buffer.from(b64, 'base64'));
    try {
      CertificateRequest.parse(der);
    } catch (err) {
      throw CaErrors.malformedCsr(err instanceof Error ? err.message : undefined, { cause: err });
    }
    return der;
  }
}
