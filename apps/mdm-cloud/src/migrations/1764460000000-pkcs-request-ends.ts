import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/**
 * A PKCS request can end without a device holding its certificate: `cancelled` (the device left
 * the profile before delivery) and `revoked` (its certificate was revoked at the CA).
 */
export class PkcsRequestEnds1764460000000 implements MigrationInterface {
  name = 'PkcsRequestEnds1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "${S}"."pkcs_request" DROP CONSTRAINT "pkcs_request_state_check";
      ALTER TABLE "${S}"."pkcs_request" ADD CONSTRAINT "pkcs_request_state_check"
        CHECK ("state" IN ('queued', 'leased', 'issued', 'delivered', 'failed', 'cancelled', 'revoked'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "${S}"."pkcs_request" DROP CONSTRAINT "pkcs_request_state_check";
      ALTER TABLE "${S}"."pkcs_request" ADD CONSTRAINT "pkcs_request_state_check"
        CHECK ("state" IN ('queued', 'leased', 'issued', 'delivered', 'failed'));
    `);
  }
}
