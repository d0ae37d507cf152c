import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/** NDES's SCEP transactions: one row per transactionID, so retransmissions never issue twice. */
export class ScepTransactions1764410000000 implements MigrationInterface {
  name = 'ScepTransactions1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}"."scep_transaction" (
        "transactionId" text PRIMARY KEY,
        "csrSha256" text NOT NULL,
        "csr" bytea NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('processing', 'issued', 'pending', 'refused')),
        "deviceId" text,
        "certificateType" text,
        "caRequestId" integer,
        "template" text,
        "certificate" bytea,
        "failInfo" text,
        "failText" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "scep_transaction_pending" ON "${S}"."scep_transaction" ("status") WHERE "status" = 'pending';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}"."scep_transaction"`);
  }
}
