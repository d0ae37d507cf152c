import type { PfxConnectorCertificate, PfxConnectorPublishRequest } from '@certlab/contracts';
import { Certificate, type CmsIdentifier, bytesEqual } from '@certlab/pki-core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { ConnectorEntity } from '../connectors/connector.entity';
import { ConnectorEntity as Connector } from '../connectors/connector.entity';
import { PfxErrors } from './pfx-errors';
import { PfxConnectorCertificateEntity } from './pfx-import.entities';

/**
 * The PFX connectors' encryption certificates (seed step 1). A connector publishes its own over
 * its mTLS channel; the import tool lists them and encrypts each PFX password to one. Several
 * may exist at once (several connectors, or one renewed): each imported PFX names its own.
 */
@Injectable()
export class PfxConnectorCertificates {
  private readonly log = new Logger('PfxConnectorCertificates');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async publish(connector: ConnectorEntity, body: PfxConnectorPublishRequest): Promise<PfxConnectorCertificate> {
    let cert: Certificate;
    try {
      cert = Certificate.parse(body.certificate);
    } catch {
      throw PfxErrors.certificateUnreadable('the PFX connector certificate is not a readable X.509 certificate');
    }
    if (cert.publicKey.kind !== 'rsa') throw PfxErrors.connectorCertificateInvalid(`passwords are encrypted with RSA; this key is ${cert.publicKey.kind}`);
    if (cert.keyUsage && !cert.keyUsage.includes('keyEncipherment')) throw PfxErrors.connectorCertificateInvalid('the certificate lacks keyEncipherment');
    if (!cert.isValidAt(new Date())) throw PfxErrors.connectorCertificateInvalid(`the certificate is not valid now (${cert.notBefore.toISOString()} – ${cert.notAfter.toISOString()})`);
    const issuer = body.chain?.[0];
    if (issuer && !(await cert.verifySignature(Certificate.parse(issuer)))) throw PfxErrors.connectorCertificateInvalid('the certificate is not signed by the first certificate of the chain sent with it');
    const repo = this.ds.getRepository(PfxConnectorCertificateEntity);
    const existing = await repo.findOneBy({ thumbprintSha256: cert.thumbprintSha256 });
    if (existing && existing.connectorId !== connector.id) throw PfxErrors.connectorCertificateInvalid('another connector already published this certificate');
    if (!existing) {
      await repo.insert({
        connectorId: connector.id,
        thumbprintSha256: cert.thumbprintSha256,
        thumbprintSha1: cert.thumbprintSha1,
        subject: cert.subject,
        issuer: cert.issuer,
        serialNumber: cert.serialNumber,
        notBefore: cert.notBefore,
        notAfter: cert.notAfter,
        certificate: cert.pem,
      });
      this.log.log(`flow=pfx step=1 connector=${connector.name} published PFX encryption certificate ${cert.thumbprintSha256}`);
    }
    return view((await repo.findOneByOrFail({ thumbprintSha256: cert.thumbprintSha256 })), connector.name);
  }

  async list(): Promise<PfxConnectorCertificate[]> {
    const rows = await this.ds.getRepository(PfxConnectorCertificateEntity).find({ order: { publishedAt: 'DESC' } });
    const names = await this.connectorNames(rows.map((r) => r.connectorId));
    return rows.map((r) => view(r, names.get(r.connectorId) ?? r.connectorId));
  }

  find(thumbprintSha256: string): Promise<PfxConnectorCertificateEntity | null> {
    return this.ds.getRepository(PfxConnectorCertificateEntity).findOneBy({ thumbprintSha256: thumbprintSha256.toUpperCase() });
  }

  async connectorNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    return new Map((await this.ds.getRepository(Connector).findBy({ id: In(unique) })).map((c) => [c.id, c.name]));
  }
}

/** Whether a CMS recipient identifier names this certificate (issuer and serial, or subject key identifier). */
export function identifiesCertificate(rid: CmsIdentifier, cert: Certificate): boolean {
  if (rid.kind === 'subjectKeyIdentifier') return cert.subjectKeyIdentifier !== undefined && bytesEqual(rid.subjectKeyIdentifier, new Uint8Array(Buffer.from(cert.subjectKeyIdentifier.replaceAll(':', ''), 'hex')));
  const serial = Buffer.from(rid.serial).toString('hex').replace(/^(00)+(?=.)/, '');
  return bytesEqual(rid.issuerDer, cert.issuerNameDer) && serial.toLowerCase() === cert.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, '');
}

function view(r: PfxConnectorCertificateEntity, connectorName: string): PfxConnectorCertificate {
  return {
    thumbprintSha256: r.thumbprintSha256,
    thumbprintSha1: r.thumbprintSha1,
    subject: r.subject,
    issuer: r.issuer,
    serialNumber: r.serialNumber,
    notBefore: r.notBefore.toISOString(),
    notAfter: r.notAfter.toISOString(),
    connectorId: r.connectorId,
    connectorName,
    publishedAt: r.publishedAt.toISOString(),
    certificate: r.certificate,
  };
}
