import type { PfxDeliveryState, PfxPurpose } from '@certlab/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A PFX connector's encryption certificate, published by the connector over its mTLS channel (public data). */
@Entity({ name: 'pfx_connector_certificate' })
export class PfxConnectorCertificateEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) connectorId!: string;
  @Column({ type: 'text', unique: true }) thumbprintSha256!: string;
  @Column({ type: 'text' }) thumbprintSha1!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ type: 'text' }) serialNumber!: string;
  @Column({ type: 'timestamptz' }) notBefore!: Date;
  @Column({ type: 'timestamptz' }) notAfter!: Date;
  @Column({ type: 'text' }) certificate!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) publishedAt!: Date;
}

/**
 * An imported PKCS#12 of one user. The PFX is stored as uploaded (encrypted under its password)
 * and the password only as CMS EnvelopedData to the PFX connector certificate named by
 * `connectorThumbprint`: nothing here lets the cloud open either.
 */
@Entity({ name: 'imported_pfx' })
export class ImportedPfxEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) purpose!: PfxPurpose;
  @Column({ type: 'bytea' }) pfx!: Buffer;
  @Column({ type: 'bytea' }) encryptedPassword!: Buffer;
  @Column({ type: 'text' }) connectorThumbprint!: string;
  @Column({ type: 'text' }) certificate!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ type: 'text' }) serialNumber!: string;
  @Column({ type: 'text' }) thumbprintSha256!: string;
  @Column({ type: 'timestamptz' }) notBefore!: Date;
  @Column({ type: 'timestamptz' }) notAfter!: Date;
  @Column({ type: 'text', nullable: true }) fileName!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) importedAt!: Date;
  @Column({ type: 'text' }) importedBy!: string;
}

/** One imported PFX on its way to one device (steps 5–10), leased by PFX connectors with SKIP LOCKED. */
@Entity({ name: 'pfx_delivery' })
export class PfxDeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) importedPfxId!: string;
  @Column({ type: 'uuid' }) deviceId!: string;
  @Column({ type: 'uuid' }) profileId!: string;
  /** The Device Management certificate the device requested with (PEM, public): the connector encrypts to its key. */
  @Column({ type: 'text' }) deviceCertificate!: string;
  @Column({ type: 'text' }) deviceCertificateThumbprint!: string;
  @Column({ type: 'text' }) state!: PfxDeliveryState;
  @Column({ type: 'integer' }) step!: number;
  @Column({ type: 'text', nullable: true }) failureReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) leaseOwner!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) leaseExpiresAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  /** CMS EnvelopedData of the password to the device certificate: only that device opens it. Erased once delivered. */
  @Column({ type: 'bytea', nullable: true }) reencryptedPassword!: Buffer | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
}

export const PFX_IMPORT_ENTITIES = [PfxConnectorCertificateEntity, ImportedPfxEntity, PfxDeliveryEntity];
