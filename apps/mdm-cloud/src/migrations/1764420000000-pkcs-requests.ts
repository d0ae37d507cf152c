import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/**
 * The PKCS request queue: one row per device and PKCS profile version, leased by connectors with
 * `FOR UPDATE SKIP LOCKED`, and its history. The PFX and the KRA-encrypted password sit here only
 * between upload (step 8) and delivery (step 10); the password is never stored in clear.
 */
export class PkcsRequests1764420000000 implements MigrationInterface {
  name = 'PkcsRequests1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}"."pkcs_request" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "profileId" uuid NOT NULL,
        "profileVersion" integer NOT NULL,
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        "userId" uuid,
        "certificateType" text NOT NULL,
        "state" text NOT NULL CHECK ("state" IN ('queued', 'leased', 'issued', 'delivered', 'failed')),
        "step" integer NOT NULL,
        "failedStep" integer,
        "failureReason" text,
        "leaseOwner" uuid,
        "leaseExpiresAt" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "job" jsonb NOT NULL,
        "escrowedKey" bytea,
        "caRequestId" integer,
        "pfx" bytea,
        "encryptedPassword" bytea,
        "certificate" jsonb,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        "deliveredAt" timestamptz,
        UNIQUE ("deviceId", "profileId", "profileVersion"),
        CHECK (("state" = 'leased') = ("leaseOwner" IS NOT NULL AND "leaseExpiresAt" IS NOT NULL))
      );
      CREATE INDEX "pkcs_request_leasable" ON "${S}"."pkcs_request" ("state", "leaseExpiresAt", "createdAt");
      CREATE INDEX "pkcs_request_profile" ON "${S}"."pkcs_request" ("profileId");
      CREATE TABLE "${S}"."pkcs_request_event" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "requestId" uuid NOT NULL REFERENCES "${S}"."pkcs_request"("id") ON DELETE CASCADE,
        "at" timestamptz NOT NULL DEFAULT now(),
        "state" text NOT NULL,
        "step" integer,
        "actor" text NOT NULL,
        "message" text NOT NULL
      );
      CREATE INDEX "pkcs_request_event_request" ON "${S}"."pkcs_request_event" ("requestId", "at");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}"."pkcs_request_event"; DROP TABLE "${S}"."pkcs_request";`);
  }
}
