import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/** SCEP profiles: the sealed challenge of each device's current SCEP payload, for reuse across check-ins. */
export class ScepProfiles1764430000000 implements MigrationInterface {
  name = 'ScepProfiles1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}"."scep_challenge_delivery" (
        "challengeId" uuid PRIMARY KEY REFERENCES "${S}"."scep_challenge"("id") ON DELETE CASCADE,
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        "profileId" uuid NOT NULL,
        "profileVersion" integer NOT NULL,
        "expectedSha256" text NOT NULL,
        "sealed" text NOT NULL,
        "expiresAt" timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX "scep_challenge_delivery_device_profile" ON "${S}"."scep_challenge_delivery" ("deviceId", "profileId")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}"."scep_challenge_delivery"`);
  }
}
