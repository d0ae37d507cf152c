import type { CaCrlInfo } from '@certlab/contracts';
import { Crl, type RevocationReason, createCrl } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CaAuditService } from '../audit/audit.service';
import { CA_CONFIG, type CaConfig } from '../config';
import { AuthorityEntity, CertificateEntity } from '../entities';
import { CaErrors } from '../errors';
import { HierarchyService } from '../hierarchy/hierarchy.service';
import { publicUrls } from './urls';

/**
 * Base CRLs, one per CA: the cRLNumber only grows and is kept in the database (RFC 5280 §5.2.3),
 * nextUpdate is thisUpdate + the CRL period, a timer republishes at 80% of the period (as AD CS
 * publishes ahead of expiry), and every revocation republishes at once.
 */
@Injectable()
export class CrlService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Crl');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cache = new Map<string, Crl>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(CA_CONFIG) private readonly config: CaConfig,
    @InjectRepository(AuthorityEntity) private readonly authorities: Repository<AuthorityEntity>,
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    private readonly hierarchy: HierarchyService,
    private readonly audit: CaAuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const ca of this.hierarchy.all()) {
      const row = await this.authorities.findOneByOrFail({ name: ca.name });
      const periodMs = this.config.CA_CRL_PERIOD_SECONDS * 1000;
      // A CRL made under a longer period than now configured is republished, as is a stale one.
      const fresh = row.crl && row.crlNextUpdate && row.crlThisUpdate && row.crlNextUpdate.getTime() - Date.now() > periodMs * 0.2 && row.crlNextUpdate.getTime() - row.crlThisUpdate.getTime() <= periodMs;
      if (fresh) {
        this.cache.set(ca.name, Crl.parse(new Uint8Array(row.crl!)));
        this.schedule(ca.name, row.crlThisUpdate!);
      } else {
        await this.publish(ca.name, 'ca', fresh === null ? 'first publication' : 'due at start');
      }
    }
  }

  onModuleDestroy(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(caName: string, thisUpdate: Date): void {
    clearTimeout(this.timers.get(caName));
    const due = thisUpdate.getTime() + this.config.CA_CRL_PERIOD_SECONDS * 800;
    const timer = setTimeout(() => {
      this.publish(caName, 'ca', 'scheduled').catch((err: unknown) => this.logger.error({ err, ca: caName }, 'scheduled CRL publication failed'));
    }, Math.max(0, due - Date.now()));
    timer.unref();
    this.timers.set(caName, timer);
  }

  /** Signs and stores a new CRL for one CA; publications are serialized so numbers never repeat. */
  publish(caName: string, actor: string, why: string): Promise<Crl> {
    const run = this.chain.then(() => this.publishNow(caName, actor, why));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async publishNow(caName: string, actor: string, why: string): Promise<Crl> {
    const ca = this.hierarchy.get(caName);
    const issuer = ca.role === 'root' ? await this.hierarchy.rootIssuer() : await this.hierarchy.issuer(caName);
    const revoked = await this.certificates.find({ where: { caName, status: 'revoked' }, order: { revokedAt: 'ASC' } });
    const next = firstRow<{ crl_number: string }>(
      await this.authorities.query(`UPDATE "ca"."authority" SET "crl_number" = "crl_number" + 1 WHERE "name" = $1 RETURNING "crl_number"`, [caName]),
    ).crl_number;
    const thisUpdate = new Date(Math.floor(Date.now() / 1000) * 1000);
    const nextUpdate = new Date(thisUpdate.getTime() + this.config.CA_CRL_PERIOD_SECONDS * 1000);
    const crl = await createCrl(
      {
        crlNumber: BigInt(next),
        thisUpdate,
        nextUpdate,
        entries: revoked.map((c) => ({ serialNumber: c.serialNumber, revocationDate: c.revokedAt ?? thisUpdate, reason: (c.revocationReason ?? 'unspecified') as RevocationReason })),
      },
      issuer,
    );
    await this.authorities.update({ name: caName }, { crl: Buffer.from(crl.der), crlThisUpdate: thisUpdate, crlNextUpdate: nextUpdate });
    this.cache.set(caName, crl);
    this.schedule(caName, thisUpdate);
    await this.audit.record({ actor, action: 'publishCrl', target: caName, details: { crlNumber: next, entries: revoked.length, nextUpdate: nextUpdate.toISOString(), why } });
    return crl;
  }

  current(caName: string): Crl {
    const crl = this.cache.get(caName);
    if (!crl) throw CaErrors.crlNotFound(`no CRL has been published for "${caName}"`);
    return crl;
  }

  info(caName: string): CaCrlInfo {
    const crl = this.current(caName);
    return {
      crlNumber: String(crl.crlNumber ?? 0n),
      thisUpdate: crl.thisUpdate.toISOString(),
      nextUpdate: (crl.nextUpdate ?? crl.thisUpdate).toISOString(),
      entries: crl.entries.length,
      url: publicUrls(this.config.CA_PUBLIC_URL).crl(caName),
    };
  }
}

/** TypeORM returns `[rows, count]` for UPDATE … RETURNING on PostgreSQL and plain rows elsewhere. */
export function firstRow<T>(raw: unknown): T {
  const rows = Array.isArray(raw) && Array.isArray(raw[0]) ? (raw[0] as T[]) : (raw as T[]);
  return rows[0];
}
