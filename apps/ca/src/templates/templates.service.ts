import type { CaTemplate } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { TemplateEntity } from '../entities';
import { SEED_TEMPLATES } from './seed-templates';

/** The published certificate templates. */
@Injectable()
export class TemplatesService {
  private seeded?: Promise<void>;

  constructor(@InjectRepository(TemplateEntity) private readonly templates: Repository<TemplateEntity>) {}

  /** Inserts the seed templates that are missing; idempotent and run once per process. */
  seed(): Promise<void> {
    this.seeded ??= (async () => {
      for (const t of SEED_TEMPLATES) {
        await this.templates.createQueryBuilder().insert().values(t).orIgnore().execute();
      }
    })();
    return this.seeded;
  }

  async list(): Promise<CaTemplate[]> {
    const rows = await this.templates.find({ order: { name: 'ASC' } });
    return rows.map((t) => ({
      name: t.name,
      displayName: t.displayName,
      purpose: t.purpose,
      keyUsage: t.keyUsage,
      // Stored as pki-core EKU names (clientAuth, certificateRequestAgent) or OIDs.
      extendedKeyUsage: t.extendedKeyUsage,
      validityDays: t.validityDays,
      minimumRsaKeyBits: t.minimumRsaKeyBits,
      subjectSource: t.subjectSource,
      allowPrivateKeyExport: t.allowPrivateKeyExport,
      requiresRaSignature: t.requiresRaSignature,
      requiresApproval: t.requiresApproval,
      enroll: t.enroll,
    }));
  }
}
