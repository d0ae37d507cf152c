import {
  CONNECTOR_HEALTHY_INTERVALS,
  type Connector,
  type ConnectorHealth,
  type ConnectorHeartbeatRequest,
  type ConnectorHeartbeatResponse,
  type ConnectorListQuery,
  type ConnectorRegisterRequest,
  type ConnectorRegisterResponse,
  type ConnectorToken,
  type ConnectorTokenListQuery,
  type CreatedConnectorToken,
  type Page,
} from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CLOUD_CONFIG, type CloudConfig } from '../config';
import { hashOneTimeToken, newOneTimeToken, oneTimeTokenStatus } from '../enrollment/one-time-token';
import { whereTokenStatus } from '../enrollment/token-status-filter';
import { CloudErrors } from '../errors';
import { MdmCaService } from '../mdm-ca/mdm-ca.service';
import { ConnectorRegistrationTokenEntity } from './connector-registration-token.entity';
import { ConnectorEntity } from './connector.entity';

const CONNECTOR_SORT = { name: 'c.name', registeredAt: 'c.registeredAt', lastHeartbeatAt: 'c.lastHeartbeatAt' } as const;
const TOKEN_SORT = { name: 't.name', createdAt: 't.createdAt', expiresAt: 't.expiresAt' } as const;
/** SQL for "heartbeat within CONNECTOR_HEALTHY_INTERVALS intervals", the twin of `healthOf`. */
const HEALTHY_SQL = `c.lastHeartbeatAt > now() - make_interval(secs => c.heartbeatIntervalSeconds * ${CONNECTOR_HEALTHY_INTERVALS})`;

@Injectable()
export class ConnectorsService {
  private readonly log = new Logger('Connectors');

  constructor(
    @InjectRepository(ConnectorEntity) private readonly connectors: Repository<ConnectorEntity>,
    @InjectRepository(ConnectorRegistrationTokenEntity) private readonly tokens: Repository<ConnectorRegistrationTokenEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
    private readonly ca: MdmCaService,
    private readonly audit: AuditService,
  ) {}

  async createToken(name: string, validForMinutes: number, actor: string): Promise<CreatedConnectorToken> {
    const { token, hash } = newOneTimeToken('clc');
    const row = await this.tokens.save(
      this.tokens.create({ tokenHash: hash, name, createdBy: actor, expiresAt: new Date(Date.now() + validForMinutes * 60_000), usedAt: null, connectorId: null }),
    );
    await this.audit.record({ actor, action: 'connectorToken.create', target: `connectorToken:${row.id}`, details: { name, expiresAt: row.expiresAt.toISOString() } });
    return { ...toToken(row), token };
  }

  async listTokens(query: ConnectorTokenListQuery): Promise<Page<ConnectorToken>> {
    const qb = this.tokens.createQueryBuilder('t');
    if (query.search) qb.andWhere('(t.name ILIKE :s OR t.createdBy ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
    whereTokenStatus(qb, 't', query.status);
    qb.orderBy(TOKEN_SORT[query.sort ?? 'createdAt'], query.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('t.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toToken), total, page: query.page, pageSize: query.pageSize };
  }

  /** Whether a token is still usable, by its secret (the local-connector bootstrap checks its file). */
  async isTokenActive(token: string): Promise<boolean> {
    const row = await this.tokens.findOne({ where: { tokenHash: hashOneTimeToken(token) } });
    return row !== null && oneTimeTokenStatus(row) === 'active';
  }

  count(): Promise<number> {
    return this.connectors.count();
  }

  /** Same order as device enrollment: clear refusal first, then the CSR, then burn + create atomically. */
  async register(request: ConnectorRegisterRequest): Promise<ConnectorRegisterResponse> {
    const token = await this.tokens.findOne({ where: { tokenHash: hashOneTimeToken(request.token) } });
    const status = token ? oneTimeTokenStatus(token) : 'unknown';
    if (!token || status !== 'active') {
      await this.audit.record({ actor: 'connector', action: 'connector.register', target: token ? `connectorToken:${token.id}` : null, outcome: 'failure', details: { reason: `token ${status}` } });
      throw CloudErrors.connectorTokenInvalid(status === 'unknown' ? 'No such registration token.' : `This registration token is ${status}; create a new one in the console.`);
    }
    const connectorId = randomUUID();
    const certificate = await this.ca.issue('connector', request.csr, connectorId);
    await this.dataSource.transaction(async (manager) => {
      const burnt = await manager
        .createQueryBuilder()
        .update(ConnectorRegistrationTokenEntity)
        .set({ usedAt: () => 'now()' })
        .where('id = :id AND "usedAt" IS NULL AND "expiresAt" > now()', { id: token.id })
        .execute();
      if (burnt.affected !== 1) throw CloudErrors.connectorTokenInvalid('This registration token was used a moment ago.');
      await manager.insert(ConnectorEntity, {
        id: connectorId,
        name: token.name,
        version: request.version,
        registeredAt: new Date(),
        lastHeartbeatAt: null,
        heartbeatIntervalSeconds: this.config.CONNECTOR_HEARTBEAT_SECONDS,
        certificateThumbprint: certificate.thumbprintSha256,
        certificateSerial: certificate.serialNumber,
        certificateNotAfter: certificate.notAfter,
        state: 'active',
        details: null,
      });
      await manager.update(ConnectorRegistrationTokenEntity, { id: token.id }, { connectorId });
    });
    await this.audit.record({
      actor: `connector:${connectorId}`,
      action: 'connector.register',
      target: `connector:${connectorId}`,
      details: { name: token.name, version: request.version, registrationToken: token.id, certificateSerial: certificate.serialNumber },
    });
    this.log.log({ flow: 'connector', connectorId, msg: `connector "${token.name}" registered (version ${request.version})` });
    return {
      connectorId,
      name: token.name,
      certificate: certificate.pem,
      caCertificates: [this.ca.rootCertificate.pem],
      channelTrustAnchor: this.ca.trustAnchorPem,
      heartbeatIntervalSeconds: this.config.CONNECTOR_HEARTBEAT_SECONDS,
    };
  }

  findActiveByCertificate(thumbprintSha256: string): Promise<ConnectorEntity | null> {
    return this.connectors.findOne({ where: { certificateThumbprint: thumbprintSha256, state: 'active' } });
  }

  async heartbeat(connector: ConnectorEntity, request: ConnectorHeartbeatRequest): Promise<ConnectorHeartbeatResponse> {
    const now = new Date();
    await this.connectors.update(
      { id: connector.id },
      { lastHeartbeatAt: now, version: request.version, heartbeatIntervalSeconds: this.config.CONNECTOR_HEARTBEAT_SECONDS, details: request.details ?? null },
    );
    return { connectorId: connector.id, serverTime: now.toISOString(), heartbeatIntervalSeconds: this.config.CONNECTOR_HEARTBEAT_SECONDS };
  }

  async list(query: ConnectorListQuery): Promise<Page<Connector>> {
    const qb = this.connectors.createQueryBuilder('c');
    if (query.search) qb.andWhere('(c.name ILIKE :s OR c.version ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
    if (query.health === 'healthy') qb.andWhere(HEALTHY_SQL);
    if (query.health === 'notResponding') qb.andWhere(`NOT (c.lastHeartbeatAt IS NOT NULL AND ${HEALTHY_SQL})`);
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    qb.orderBy(CONNECTOR_SORT[query.sort ?? 'name'], direction, direction === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST').addOrderBy('c.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((c) => toConnector(c)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<Connector> {
    const row = await this.connectors.findOne({ where: { id } });
    if (!row) throw CloudErrors.connectorNotFound(`No connector has id ${id}.`);
    return toConnector(row);
  }
}

export function healthOf(c: Pick<ConnectorEntity, 'lastHeartbeatAt' | 'heartbeatIntervalSeconds'>, now = new Date()): ConnectorHealth {
  if (!c.lastHeartbeatAt) return 'notResponding';
  const age = now.getTime() - c.lastHeartbeatAt.getTime();
  return age < c.heartbeatIntervalSeconds * CONNECTOR_HEALTHY_INTERVALS * 1000 ? 'healthy' : 'notResponding';
}

function toConnector(c: ConnectorEntity): Connector {
  return {
    id: c.id,
    name: c.name,
    version: c.version,
    registeredAt: c.registeredAt.toISOString(),
    lastHeartbeatAt: c.lastHeartbeatAt?.toISOString() ?? null,
    heartbeatIntervalSeconds: c.heartbeatIntervalSeconds,
    health: healthOf(c),
    certificateThumbprint: c.certificateThumbprint,
    certificateSerial: c.certificateSerial,
    certificateNotAfter: c.certificateNotAfter.toISOString(),
    details: c.details,
  };
}

function toToken(t: ConnectorRegistrationTokenEntity): ConnectorToken {
  return {
    id: t.id,
    name: t.name,
    status: oneTimeTokenStatus(t),
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    usedAt: t.usedAt?.toISOString() ?? null,
    connectorId: t.connectorId,
  };
}
