import {
  type CreatedEnrollmentToken,
  type DeviceEnrollRequest,
  type DeviceEnrollResponse,
  type EnrollmentToken,
  type EnrollmentTokenListQuery,
  type Page,
  type Platform,
  PLATFORMS,
} from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CLOUD_CONFIG, type CloudConfig } from '../config';
import { DevicesService } from '../devices/devices.service';
import { DirectoryUserEntity } from '../directory/directory-user.entity';
import { CloudErrors } from '../errors';
import { MdmCaService } from '../mdm-ca/mdm-ca.service';
import { EnrollmentTokenEntity } from './enrollment-token.entity';
import { hashOneTimeToken, newOneTimeToken, oneTimeTokenStatus } from './one-time-token';
import { whereTokenStatus } from './token-status-filter';

const SORT_COLUMNS = { createdAt: 't.createdAt', expiresAt: 't.expiresAt', platform: 't.platform' } as const;

@Injectable()
export class EnrollmentService {
  private readonly log = new Logger('Enrollment');

  constructor(
    @InjectRepository(EnrollmentTokenEntity) private readonly tokens: Repository<EnrollmentTokenEntity>,
    @InjectRepository(DirectoryUserEntity) private readonly users: Repository<DirectoryUserEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
    private readonly devices: DevicesService,
    private readonly ca: MdmCaService,
    private readonly audit: AuditService,
  ) {}

  async create(userId: string, platform: Platform, validForMinutes: number, actor: string): Promise<CreatedEnrollmentToken> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw CloudErrors.userNotFound(`No user has id ${userId}.`);
    const { token, hash } = newOneTimeToken('cle');
    const row = await this.tokens.save(
      this.tokens.create({ tokenHash: hash, userId, platform, createdBy: actor, expiresAt: new Date(Date.now() + validForMinutes * 60_000), usedAt: null, deviceId: null }),
    );
    row.user = user;
    await this.audit.record({
      actor,
      action: 'enrollmentToken.create',
      target: `enrollmentToken:${row.id}`,
      details: { user: user.userPrincipalName, platform, expiresAt: row.expiresAt.toISOString() },
    });
    return { ...toToken(row), token };
  }

  async list(query: EnrollmentTokenListQuery): Promise<Page<EnrollmentToken>> {
    const qb = this.tokens.createQueryBuilder('t').innerJoinAndSelect('t.user', 'u');
    if (query.search) qb.andWhere('(u.userPrincipalName ILIKE :s OR u.displayName ILIKE :s OR t.createdBy ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
    if (query.platform) qb.andWhere('t.platform = :platform', { platform: query.platform });
    if (query.userId) qb.andWhere('t.userId = :userId', { userId: query.userId });
    whereTokenStatus(qb, 't', query.status);
    qb.orderBy(SORT_COLUMNS[query.sort ?? 'createdAt'], query.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('t.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((r) => toToken(r)), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Enrollment: the token is checked first (a clear refusal, nothing created), then the CSR is
   * verified and certified, then the token is burnt and the device created in one transaction.
   * The conditional UPDATE is what makes the token single-use under concurrency: of two racing
   * enrollments only one changes the row.
   */
  async enroll(request: DeviceEnrollRequest): Promise<DeviceEnrollResponse> {
    const hash = hashOneTimeToken(request.token);
    const token = await this.tokens.findOne({ where: { tokenHash: hash }, relations: { user: true } });
    const status = token ? oneTimeTokenStatus(token) : 'unknown';
    if (!token || status !== 'active') {
      await this.audit.record({ actor: 'device', action: 'device.enroll', target: token ? `enrollmentToken:${token.id}` : null, outcome: 'failure', details: { reason: `token ${status}`, name: request.name } });
      throw CloudErrors.enrollmentTokenInvalid(status === 'unknown' ? 'No such enrollment token.' : `This enrollment token is ${status}; ask your administrator for a new one.`);
    }
    if (token.platform !== request.platform) {
      throw CloudErrors.enrollmentPlatformMismatch(`The token is for ${PLATFORMS[token.platform].label}; this device says ${PLATFORMS[request.platform].label}.`);
    }
    const entraDeviceId = randomUUID();
    const certificate = await this.ca.issue('device', request.csr, entraDeviceId);
    const device = await this.dataSource.transaction(async (manager) => {
      const burnt = await manager
        .createQueryBuilder()
        .update(EnrollmentTokenEntity)
        .set({ usedAt: () => 'now()' })
        .where('id = :id AND "usedAt" IS NULL AND "expiresAt" > now()', { id: token.id })
        .execute();
      if (burnt.affected !== 1) throw CloudErrors.enrollmentTokenInvalid('This enrollment token was used a moment ago.');
      const created = await this.devices.create(manager, {
        name: request.name,
        platform: request.platform,
        osVersion: request.osVersion,
        serialNumber: request.serialNumber ?? null,
        imei: request.imei ?? null,
        entraDeviceId,
        ownerId: token.userId,
      });
      await this.devices.attachCertificate(manager, created.id, {
        thumbprintSha256: certificate.thumbprintSha256,
        serialNumber: certificate.serialNumber,
        notAfter: certificate.notAfter,
      });
      await manager.update(EnrollmentTokenEntity, { id: token.id }, { deviceId: created.id });
      return created;
    });
    await this.audit.record({
      actor: token.user.userPrincipalName,
      action: 'device.enroll',
      target: `device:${device.id}`,
      details: { name: device.name, platform: device.platform, enrollmentToken: token.id, certificateSerial: certificate.serialNumber },
    });
    this.log.log({ flow: 'enrollment', deviceId: device.id, platform: device.platform, msg: `device ${device.name} enrolled for ${token.user.userPrincipalName}` });
    return {
      deviceId: device.id,
      entraDeviceId,
      certificate: certificate.pem,
      caCertificates: [this.ca.rootCertificate.pem],
      channelTrustAnchor: this.ca.trustAnchorPem,
      checkInIntervalSeconds: this.config.DEVICE_CHECKIN_INTERVAL_SECONDS,
    };
  }
}

function toToken(row: EnrollmentTokenEntity): EnrollmentToken {
  return {
    id: row.id,
    user: { id: row.user.id, userPrincipalName: row.user.userPrincipalName, displayName: row.user.displayName },
    platform: row.platform,
    status: oneTimeTokenStatus(row),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    usedAt: row.usedAt?.toISOString() ?? null,
    deviceId: row.deviceId,
  };
}
