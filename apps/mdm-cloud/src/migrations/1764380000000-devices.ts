import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/** Managed devices, enrollment tokens, connectors and their registration tokens. */
export class Devices1764380000000 implements MigrationInterface {
  name = 'Devices1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}"."device" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "platform" text NOT NULL CHECK ("platform" IN ('ios', 'macos', 'android', 'windows')),
        "osVersion" text NOT NULL,
        "serialNumber" text,
        "imei" text,
        "entraDeviceId" uuid NOT NULL UNIQUE,
        "ownerId" uuid REFERENCES "${S}"."directory_user"("id") ON DELETE SET NULL,
        "state" text NOT NULL CHECK ("state" IN ('enrolled', 'retired', 'wiped')),
        "enrolledAt" timestamptz NOT NULL DEFAULT now(),
        "lastCheckInAt" timestamptz,
        "stateChangedAt" timestamptz,
        "managementCertificateThumbprint" text UNIQUE,
        "managementCertificateSerial" text,
        "managementCertificateNotAfter" timestamptz
      );
      CREATE INDEX "device_owner" ON "${S}"."device" ("ownerId");
      CREATE INDEX "device_name" ON "${S}"."device" ("name");
      CREATE TABLE "${S}"."enrollment_token" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "tokenHash" text NOT NULL UNIQUE,
        "userId" uuid NOT NULL REFERENCES "${S}"."directory_user"("id") ON DELETE CASCADE,
        "platform" text NOT NULL CHECK ("platform" IN ('ios', 'macos', 'android', 'windows')),
        "createdBy" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "expiresAt" timestamptz NOT NULL,
        "usedAt" timestamptz,
        "deviceId" uuid REFERENCES "${S}"."device"("id") ON DELETE SET NULL
      );
      CREATE INDEX "enrollment_token_user" ON "${S}"."enrollment_token" ("userId");
      CREATE TABLE "${S}"."connector" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "version" text,
        "registeredAt" timestamptz NOT NULL DEFAULT now(),
        "lastHeartbeatAt" timestamptz,
        "heartbeatIntervalSeconds" integer NOT NULL,
        "certificateThumbprint" text NOT NULL UNIQUE,
        "certificateSerial" text NOT NULL,
        "certificateNotAfter" timestamptz NOT NULL,
        "state" text NOT NULL CHECK ("state" IN ('active', 'disabled')),
        "details" jsonb
      );
      CREATE TABLE "${S}"."connector_registration_token" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "tokenHash" text NOT NULL UNIQUE,
        "name" text NOT NULL,
        "createdBy" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "expiresAt" timestamptz NOT NULL,
        "usedAt" timestamptz,
        "connectorId" uuid REFERENCES "${S}"."connector"("id") ON DELETE SET NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['connector_registration_token', 'connector', 'enrollment_token', 'device']) {
      await q.query(`DROP TABLE "${S}"."${table}"`);
    }
  }
}
