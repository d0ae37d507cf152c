import type { CaCertificateOption } from '@certlab/contracts';
import type { Certificate } from '@certlab/pki-core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@certlab/service-kit';
import { CLOUD_CONFIG, type CloudConfig } from '../../config';
import { CloudErrors } from '../../errors';
import { readCaCertificate, summarize } from './ca-certificate';

const MAX_BYTES = 64 * 1024;
const TIMEOUT_MS = 5_000;

/**
 * The CA app's published certificates (AIA, plain HTTP like AD CS's `CertEnroll` share). Only
 * URLs on the configured CA's origin under `/aia/` are fetched: the cloud must not become a
 * proxy that fetches whatever URL an admin types.
 */
@Injectable()
export class CaPublication {
  constructor(@Inject(CLOUD_CONFIG) private readonly config: CloudConfig) {}

  urlOf(name: string): string {
    return new URL(`/aia/${encodeURIComponent(name)}.crt`, this.config.CA_URL).toString();
  }

  async list(): Promise<CaCertificateOption[]> {
    return Promise.all(
      this.config.CA_CERTIFICATE_NAMES.map(async (name) => {
        const url = this.urlOf(name);
        try {
          return { name, url, certificate: summarize(await this.fetch(url)), error: null };
        } catch (err) {
          return { name, url, certificate: null, error: err instanceof AppError ? (err.detail ?? err.title) : 'unreadable' };
        }
      }),
    );
  }

  async fetch(url: string): Promise<Certificate> {
    const target = new URL(url);
    const ca = new URL(this.config.CA_URL);
    if (target.origin !== ca.origin || !target.pathname.startsWith('/aia/')) {
      throw CloudErrors.caCertificateUrlRefused(`Pick a certificate under ${new URL('/aia/', ca).toString()}.`);
    }
    let bytes: Uint8Array;
    try {
      const res = await fetch(target, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
      if (!res.ok) throw new Error(`the CA answered HTTP ${res.status}`);
      const body = new Uint8Array(await res.arrayBuffer());
      if (body.length > MAX_BYTES) throw new Error('the answer is larger than any CA certificate');
      bytes = body;
    } catch (err) {
      throw CloudErrors.caCertificateUnavailable(`${target.toString()}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    return readCaCertificate(bytes);
  }
}
