import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The CA database: hierarchy, templates, identities and their tokens, requests, certificates, audit. */
export class CaInitial1764500000000 implements MigrationInterface {
  name = 'CaInitial1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ca"."authority" (
      "name" varchar(64) PRIMARY KEY,
      "role" varchar(16) NOT NULL CHECK ("role" IN ('root', 'issuing')),
      "parent_name" varchar(64) NULL REFERENCES "ca"."authority"("name"),
      "key_name" varchar(64) NOT NULL,
      "certificate" bytea NOT NULL,
      "crl_number" bigint NOT NULL DEFAULT 0,
      "crl" bytea NULL,
      "crl_this_update" timestamptz NULL,
      "crl_next_update" timestamptz NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "ca"."template" (
      "name" varchar(64) PRIMARY KEY,
      "display_name" varchar(128) NOT NULL,
      "purpose" text NOT NULL,
      "key_usage" jsonb NOT NULL,
      "extended_key_usage" jsonb NOT NULL,
      "validity_days" integer NOT NULL,
      "minimum_rsa_key_bits" integer NOT NULL,
      "subject_source" varchar(16) NOT NULL CHECK ("subject_source" IN ('request', 'directory')),
      "allow_private_key_export" boolean NOT NULL,
      "requires_ra_signature" boolean NOT NULL,
      "requires_approval" boolean NOT NULL,
      "enroll" jsonb NOT NULL)`);
    await q.query(`CREATE TABLE "ca"."identity" (
      "name" varchar(64) PRIMARY KEY,
      "kind" varchar(32) NOT NULL CHECK ("kind" IN ('enrollmentAgent', 'computer', 'caAdmin')),
      "template" varchar(64) NOT NULL REFERENCES "ca"."template"("name"),
      "certificate_serial" varchar(64) NULL,
      "certificate_thumbprint" varchar(64) NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "ca"."enrollment_token" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "identity_name" varchar(64) NOT NULL REFERENCES "ca"."identity"("name"),
      "token_hash" varchar(64) NOT NULL UNIQUE,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "ca"."request" (
      "id" SERIAL PRIMARY KEY,
      "ca_name" varchar(64) NOT NULL REFERENCES "ca"."authority"("name"),
      "template" varchar(64) NOT NULL REFERENCES "ca"."template"("name"),
      "requester" varchar(64) NOT NULL,
      "status" varchar(16) NOT NULL CHECK ("status" IN ('issued', 'pending', 'denied')),
      "csr" bytea NOT NULL,
      "signed_request" bytea NULL,
      "ra_signer" varchar(64) NULL,
      "requested_subject" text NOT NULL,
      "public_key" varchar(64) NOT NULL,
      "submitted_at" timestamptz NOT NULL DEFAULT now(),
      "decided_at" timestamptz NULL,
      "decided_by" text NULL,
      "reason_code" varchar(64) NULL,
      "reason" text NULL,
      "serial_number" varchar(64) NULL)`);
    await q.query(`CREATE INDEX "request_status_idx" ON "ca"."request" ("status", "id")`);
    await q.query(`CREATE TABLE "ca"."certificate" (
      "serial_number" varchar(64) PRIMARY KEY,
      "ca_name" varchar(64) NOT NULL REFERENCES "ca"."authority"("name"),
      "request_id" integer NOT NULL UNIQUE REFERENCES "ca"."request"("id"),
      "template" varchar(64) NOT NULL,
      "requester" varchar(64) NOT NULL,
      "subject" text NOT NULL,
      "not_before" timestamptz NOT NULL,
      "not_after" timestamptz NOT NULL,
      "thumbprint_sha1" varchar(40) NOT NULL,
      "der" bytea NOT NULL,
      "status" varchar(16) NOT NULL CHECK ("status" IN ('issued', 'revoked')),
      "revoked_at" timestamptz NULL,
      "revocation_reason" varchar(32) NULL,
      "revoked_by" text NULL)`);
    await q.query(`CREATE INDEX "certificate_ca_status_idx" ON "ca"."certificate" ("ca_name", "status")`);
    await q.query(`CREATE TABLE "ca"."audit_event" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "actor" text NOT NULL,
      "action" varchar(64) NOT NULL,
      "request_id" integer NULL,
      "target" text NULL,
      "outcome" varchar(16) NOT NULL,
      "details" jsonb NULL)`);
    await q.query(`CREATE INDEX "audit_event_at_idx" ON "ca"."audit_event" ("at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_event', 'certificate', 'request', 'enrollment_token', 'identity', 'template', 'authority']) {
      await q.query(`DROP TABLE "ca"."${t}"`);
    }
  }
}
