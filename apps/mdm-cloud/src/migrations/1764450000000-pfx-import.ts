import { schemaOf } from '@certlab/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../config';

const S = schemaOf(SERVICE_NAME);

/**
 * Imported PKCS#12: the PFX connectors' encryption certificates, the imported PFX per user (PFX
 * and password envelope, never a password in clear), and the per-device deliveries leased by PFX
 * connectors with `FOR UPDATE SKIP LOCKED`.
 */
export class PfxImport1764450000000 implements MigrationInterface {
  name = 'PfxImport1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}"."pfx_connector_certificate" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "connectorId" uuid NOT NULL REFERENCES "${S}"."connector"("id") ON DELETE CASCADE,
        "thumbprintSha256" text NOT NULL UNIQUE,
        "thumbprintSha1" text NOT NULL,
        "subject" text NOT NULL,
        "issuer" text NOT NULL,
        "serialNumber" text NOT NULL,
        "notBefore" timestamptz NOT NULL,
        "notAfter" timestamptz NOT NULL,
        "certificate" text NOT NULL,
        "publishedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE "${S}"."imported_pfx" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES "${S}"."directory_user"("id") ON DELETE CASCADE,
        "purpose" text NOT NULL CHECK ("purpose" IN ('smimeEncryption', 'smimeSigning', 'unassigned')),
        "pfx" bytea NOT NULL,
        "encryptedPassword" bytea NOT NULL,
        "connectorThumbprint" text NOT NULL,
        "certificate" text NOT NULL,
        "subject" text NOT NULL,
        "issuer" text NOT NULL,
        "serialNumber" text NOT NULL,
        "thumbprintSha256" text NOT NULL,
        "notBefore" timestamptz NOT NULL,
        "notAfter" timestamptz NOT NULL,
        "fileName" text,
        "importedAt" timestamptz NOT NULL DEFAULT now(),
        "importedBy" text NOT NULL,
        UNIQUE ("userId", "purpose", "thumbprintSha256")
      )`);
    await q.query(`CREATE INDEX "imported_pfx_user" ON "${S}"."imported_pfx" ("userId", "purpose", "notBefore" DESC)`);
    await q.query(`
      CREATE TABLE "${S}"."pfx_delivery" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "importedPfxId" uuid NOT NULL REFERENCES "${S}"."imported_pfx"("id") ON DELETE CASCADE,
        "deviceId" uuid NOT NULL REFERENCES "${S}"."device"("id") ON DELETE CASCADE,
        "profileId" uuid NOT NULL,
        "deviceCertificate" text NOT NULL,
        "deviceCertificateThumbprint" text NOT NULL,
        "state" text NOT NULL CHECK ("state" IN ('queued', 'leased', 'ready', 'delivered', 'failed')),
        "step" integer NOT NULL,
        "failureReason" text,
        "leaseOwner" uuid,
        "leaseExpiresAt" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "reencryptedPassword" bytea,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        "deliveredAt" timestamptz,
        UNIQUE ("deviceId", "profileId", "importedPfxId")
      )`);
    await q.query(`CREATE INDEX "pfx_delivery_queue" ON "${S}"."pfx_delivery" ("state", "createdAt")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}"."pfx_delivery"`);
    await q.query(`DROP TABLE "${S}"."imported_pfx"`);
    await q.query(`DROP TABLE "${S}"."pfx_connector_certificate"`);
  }
}
