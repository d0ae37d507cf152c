import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/** Console accounts and sessions, the audit log, and the tenant directory. */
export class Initial1764370000000 implements MigrationInterface {
  name = 'Initial1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}"."console_account" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "username" text NOT NULL UNIQUE,
        "displayName" text NOT NULL,
        "role" text NOT NULL CHECK ("role" IN ('administrator', 'operator')),
        "passwordHash" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "lastSignInAt" timestamptz
      );
      CREATE TABLE "${S}"."console_session" (
        "tokenHash" text PRIMARY KEY,
        "accountId" uuid NOT NULL REFERENCES "${S}"."console_account"("id") ON DELETE CASCADE,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "expiresAt" timestamptz NOT NULL
      );
      CREATE INDEX "console_session_account" ON "${S}"."console_session" ("accountId");
      CREATE TABLE "${S}"."audit_event" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor" text NOT NULL,
        "action" text NOT NULL,
        "target" text,
        "outcome" text NOT NULL CHECK ("outcome" IN ('success', 'failure')),
        "details" jsonb
      );
      CREATE INDEX "audit_event_at" ON "${S}"."audit_event" ("at");
      CREATE INDEX "audit_event_action" ON "${S}"."audit_event" ("action");
      CREATE TABLE "${S}"."directory_user" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userPrincipalName" text NOT NULL UNIQUE,
        "displayName" text NOT NULL,
        "email" text,
        "onPremisesSamAccountName" text,
        "onPremisesDistinguishedName" text,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE "${S}"."directory_group" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL UNIQUE,
        "description" text,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE "${S}"."directory_membership" (
        "userId" uuid NOT NULL REFERENCES "${S}"."directory_user"("id") ON DELETE CASCADE,
        "groupId" uuid NOT NULL REFERENCES "${S}"."directory_group"("id") ON DELETE CASCADE,
        PRIMARY KEY ("userId", "groupId")
      );
      CREATE INDEX "directory_membership_group" ON "${S}"."directory_membership" ("groupId");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['directory_membership', 'directory_group', 'directory_user', 'audit_event', 'console_session', 'console_account']) {
      await q.query(`DROP TABLE "${S}"."${table}"`);
    }
  }
}
