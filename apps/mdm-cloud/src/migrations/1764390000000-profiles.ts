import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/**
 * Nested groups and device members; profiles with their versions, assignments and per-device
 * status (current and history); disabled console accounts.
 */
export class Profiles1764390000000 implements MigrationInterface {
  name = 'Profiles1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}"."directory_group_nesting" (
        "parentId" uuid NOT NULL REFERENCES "${S}"."directory_group"("id") ON DELETE CASCADE,
        "childId" uuid NOT NULL REFERENCES "${S}"."directory_group"("id") ON DELETE CASCADE,
        PRIMARY KEY ("parentId", "childId"),
        CHECK ("parentId" <> "childId")
      );
      CREATE INDEX "directory_group_nesting_child" ON "${S}"."directory_group_nesting" ("childId");
      CREATE TABLE "${S}"."directory_group_device" (
        "groupId" uuid NOT NULL REFERENCES "${S}"."directory_group"("id") ON DELETE CASCADE,
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        PRIMARY KEY ("groupId", "deviceId")
      );
      CREATE INDEX "directory_group_device_device" ON "${S}"."directory_group_device" ("deviceId");
      CREATE TABLE "${S}"."profile" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "description" text,
        "type" text NOT NULL CHECK ("type" IN ('trustedRoot', 'scep', 'pkcs', 'pkcsImported')),
        "platforms" text[] NOT NULL,
        "settings" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "createdBy" text NOT NULL,
        "modifiedAt" timestamptz NOT NULL DEFAULT now(),
        "modifiedBy" text NOT NULL
      );
      CREATE INDEX "profile_name" ON "${S}"."profile" ("name");
      CREATE TABLE "${S}"."profile_version" (
        "profileId" uuid NOT NULL REFERENCES "${S}"."profile"("id") ON DELETE CASCADE,
        "version" integer NOT NULL,
        "name" text NOT NULL,
        "description" text,
        "platforms" text[] NOT NULL,
        "settings" jsonb NOT NULL,
        "modifiedAt" timestamptz NOT NULL DEFAULT now(),
        "modifiedBy" text NOT NULL,
        PRIMARY KEY ("profileId", "version")
      );
      CREATE TABLE "${S}"."profile_assignment" (
        "profileId" uuid NOT NULL REFERENCES "${S}"."profile"("id") ON DELETE CASCADE,
        "groupId" uuid NOT NULL REFERENCES "${S}"."directory_group"("id") ON DELETE CASCADE,
        "mode" text NOT NULL CHECK ("mode" IN ('include', 'exclude')),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("profileId", "groupId")
      );
      CREATE INDEX "profile_assignment_group" ON "${S}"."profile_assignment" ("groupId");
      CREATE TABLE "${S}"."device_profile_status" (
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        "profileId" uuid NOT NULL REFERENCES "${S}"."profile"("id") ON DELETE CASCADE,
        "version" integer NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('pending', 'succeeded', 'failed', 'removed')),
        "errorCode" text,
        "message" text,
        "details" jsonb,
        "reportedAt" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("deviceId", "profileId")
      );
      CREATE INDEX "device_profile_status_profile" ON "${S}"."device_profile_status" ("profileId", "status");
      CREATE TABLE "${S}"."device_profile_status_history" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        "profileId" uuid NOT NULL REFERENCES "${S}"."profile"("id") ON DELETE CASCADE,
        "version" integer NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('pending', 'succeeded', 'failed', 'removed')),
        "errorCode" text,
        "message" text,
        "details" jsonb,
        "at" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "device_profile_status_history_device" ON "${S}"."device_profile_status_history" ("deviceId", "at");
      ALTER TABLE "${S}"."console_account" ADD COLUMN "disabledAt" timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${S}"."console_account" DROP COLUMN "disabledAt"`);
    for (const table of [
      'device_profile_status_history',
      'device_profile_status',
      'profile_assignment',
      'profile_version',
      'profile',
      'directory_group_device',
      'directory_group_nesting',
    ]) {
      await q.query(`DROP TABLE "${S}"."${table}"`);
    }
  }
}
