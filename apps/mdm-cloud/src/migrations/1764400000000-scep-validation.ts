import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/**
 * SCEP challenges, and the issuance state per device and SCEP profile with its history. The
 * profile id is not a foreign key: profiles are versioned and their rows may be replaced, while
 * a challenge's record of what was rendered must outlive an edit.
 */
export class ScepValidation1764400000000 implements MigrationInterface {
  name = 'ScepValidation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}"."scep_challenge" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "challengeHash" text NOT NULL UNIQUE,
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        "profileId" uuid NOT NULL,
        "profileVersion" integer NOT NULL,
        "expected" jsonb NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "expiresAt" timestamptz NOT NULL,
        "state" text NOT NULL CHECK ("state" IN ('issued', 'used')),
        "usedAt" timestamptz,
        "usedTransactionId" text,
        "usedCsrSha256" text,
        "usedByConnectorId" uuid,
        CHECK (("state" = 'used') = ("usedAt" IS NOT NULL))
      );
      CREATE INDEX "scep_challenge_device_profile" ON "${S}"."scep_challenge" ("deviceId", "profileId");
      CREATE TABLE "${S}"."scep_issuance" (
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        "profileId" uuid NOT NULL,
        "profileVersion" integer NOT NULL,
        "state" text NOT NULL,
        "challengeId" uuid REFERENCES "${S}"."scep_challenge"("id") ON DELETE SET NULL,
        "transactionId" text,
        "csrSha256" text,
        "serialNumber" text,
        "thumbprint" text,
        "expiresAt" timestamptz,
        "issuingCertificateAuthority" text,
        "template" text,
        "errorCode" text,
        "hResult" bigint,
        "errorDescription" text,
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("deviceId", "profileId")
      );
      CREATE INDEX "scep_issuance_profile" ON "${S}"."scep_issuance" ("profileId");
      CREATE INDEX "scep_issuance_transaction" ON "${S}"."scep_issuance" ("transactionId");
      CREATE TABLE "${S}"."scep_issuance_history" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        "profileId" uuid NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "state" text NOT NULL,
        "transactionId" text,
        "detail" text,
        "actor" text NOT NULL
      );
      CREATE INDEX "scep_issuance_history_key" ON "${S}"."scep_issuance_history" ("deviceId", "profileId", "at");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}"."scep_issuance_history"; DROP TABLE "${S}"."scep_issuance"; DROP TABLE "${S}"."scep_challenge";`);
  }
}
