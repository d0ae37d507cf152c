import { exportPkcs8, generateKeyPair, issueCertificate, pkcs8ToPem } from '@certlab/pki-core';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CaAuditService } from '../audit/audit.service';
import { HierarchyService } from '../hierarchy/hierarchy.service';

export interface TlsCredentials {
  key: string;
  cert: string;
  /** The CA certificates client certificates must chain to. */
  ca: string[];
}

/**
 * The HTTPS listener's server certificate (SAN localhost, 127.0.0.1), issued by the issuing CA at
 * every start to a fresh P-256 key that lives only in this process's memory: Node's TLS stack
 * needs the key as bytes, which the simulated HSM will not give out, so this key is never stored.
 */
@Injectable()
export class TlsCredentialsService implements OnApplicationBootstrap {
  private credentials?: TlsCredentials;

  constructor(
    private readonly hierarchy: HierarchyService,
    private readonly audit: CaAuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const keys = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const ca = this.hierarchy.defaultIssuing();
    const now = Date.now();
    const cert = await issueCertificate(
      {
        subject: 'CN=certlab CA request API, O=certlab',
        publicKey: keys.publicKey,
        notBefore: new Date(now - 600_000),
        notAfter: new Date(Math.min(now + 90 * 86_400_000, ca.certificate.notAfter.getTime())),
        basicConstraints: { ca: false },
        keyUsage: ['digitalSignature'],
        extendedKeyUsage: ['serverAuth'],
        subjectAltNames: [
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
        ],
      },
      await this.hierarchy.issuer(ca.name),
    );
    const pkcs8 = await exportPkcs8(keys.privateKey);
    this.credentials = {
      key: pkcs8ToPem(pkcs8),
      cert: [cert, ...this.hierarchy.chainOf(ca.name).slice(0, -1)].map((c) => c.pem).join(''),
      ca: this.hierarchy.all().map((c) => c.certificate.pem),
    };
    pkcs8.fill(0);
    await this.audit.record({ actor: 'ca', action: 'issueTlsCertificate', target: cert.serialNumber, details: { subject: cert.subject, notAfter: cert.notAfter.toISOString() } });
  }

  get(): TlsCredentials {
    if (!this.credentials) throw new Error('TLS credentials are made at application bootstrap');
    return this.credentials;
  }
}
