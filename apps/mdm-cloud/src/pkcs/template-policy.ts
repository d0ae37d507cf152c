import { caTemplateListSchema, type PkcsJobPayload } from '@certlab/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { CaAdminClient } from '../certificate-authorities/ca-admin-client';

type Policy = NonNullable<PkcsJobPayload['templatePolicy']>;

/**
 * The CA's published template policies, read over the cloud's CA admin identity and cached
 * briefly. AD CS publishes templates in the directory where any enrolling server reads them;
 * here the CA's template list is admin-only, so the cloud reads it and puts the template's
 * policy in the job. Unreadable (CA down): null, and the CA's own answer decides.
 */
@Injectable()
export class TemplatePolicies {
  private readonly log = new Logger('PkcsTemplates');
  private cache?: { at: number; byName: Map<string, Policy> };

  constructor(private readonly ca: CaAdminClient) {}

  async of(template: string): Promise<Policy | null> {
    if (!this.cache || Date.now() - this.cache.at > 30_000) {
      try {
        const list = await this.ca.call('GET', '/api/templates', caTemplateListSchema, 'pkcs-queue');
        this.cache = { at: Date.now(), byName: new Map(list.items.map((t) => [t.name.toLowerCase(), { allowPrivateKeyExport: t.allowPrivateKeyExport, minimumRsaKeyBits: t.minimumRsaKeyBits }])) };
      } catch (err) {
        this.log.warn(`cannot read the CA's templates (${err instanceof Error ? err.message : String(err)}); connectors will learn from the CA's answer`);
        return null;
      }
    }
    return this.cache.byName.get(template.toLowerCase()) ?? null;
  }
}
