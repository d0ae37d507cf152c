import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The clear challenge of a device's current SCEP payload, sealed (AES-256-GCM under a key derived
 * from the cloud's master passphrase), so check-ins before the device enrolls hand out the same
 * challenge instead of minting one each time. The challenge service itself keeps only a hash.
 */
@Entity({ name: 'scep_challenge_delivery' })
export class ScepChallengeDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' }) challengeId!: string;
  @Column({ type: 'uuid' }) deviceId!: string;
  @Column({ type: 'uuid' }) profileId!: string;
  @Column({ type: 'integer' }) profileVersion!: number;
  /** SHA-256 of the rendered request the challenge is bound to: a new rendering needs a new challenge. */
  @Column({ type: 'text' }) expectedSha256!: string;
  /** base64 of iv ‖ ciphertext ‖ tag. */
  @Column({ type: 'text' }) sealed!: string;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
}
