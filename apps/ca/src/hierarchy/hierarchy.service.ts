import { type CaAuthority } from '@certlab/contracts';
import { Certificate, type CertificateIssuer, createSelfSignedCertificate, describeKey, issueCertificate, keySpecLabel } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CaAuditService } from '../audit/audit.service';
import { CA_CONFIG, type CaConfig } from '../config';
import { AuthorityEntity } from '../entities';
import { CaErrors } from '../errors';
import { publicUrls } from '../publishing/urls';
import { CaKeyVault, keySpecOf } from './ca-key-vault';

const DAY = 86_400_000;

export interface LoadedCa {
  readonly name: string;
  readonly role: 'root' | 'issuing';
  readonly parent: string | null;
  readonly certificate: Certificate;
  readonly keyName: string;
}

/**
 * The offline root and the issuing CAs, created on first start and read back on every later
 * one. The root's key signs only the issuing CA certificates and the root's CRL.
 */
@Injectable()
export class HierarchyService implements OnModuleInit {
  private readonly logger = new Logger('Hierarchy');
  private cas = new Map<string, LoadedCa>();

  constructor(
    @Inject(CA_CONFIG) private readonly config: CaConfig,
    @InjectRepository(AuthorityEntity) private readonly authorities: Repository<AuthorityEntity>,
    private readonly vault: CaKeyVault,
    private readonly audit: CaAuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    const store = await this.vault.open();
    const urls = publicUrls(this.config.CA_PUBLIC_URL);
    const spec = keySpecOf(this.config.CA_KEY_TYPE);
    const rootName = this.config.CA_ROOT_NAME;
    let root = await this.authorities.findOneBy({ name: rootName });
    if (!root) {
      const keyName = `${rootName}-key`;
      if (!(await store.has(keyName))) await store.generate(keyName, spec);
      const keys = await store.getKeyPair(keyName);
      const now = Date.now();
      const cert = await createSelfSignedCertificate({
        subject: this.config.CA_ROOT_SUBJECT,
        keys,
        notBefore: new Date(now - 3600_000),
        notAfter: new Date(now + this.config.CA_ROOT_VALIDITY_DAYS * DAY),
        basicConstraints: { ca: true },
        keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
      });
      root = await this.save(rootName, 'root', null, keyName, cert);
      await this.audit.record({ actor: 'ca', action: 'createHierarchy', target: rootName, details: { subject: cert.subject, serialNumber: cert.serialNumber, key: keySpecLabel(spec) } });
    }
    this.remember(root);
    const rootCa = this.get(rootName);
    for (const wanted of this.config.CA_ISSUING_CAS) {
      let row = await this.authorities.findOneBy({ name: wanted.name });
      if (!row) {
        const keyName = `${wanted.name}-key`;
        if (!(await store.has(keyName))) await store.generate(keyName, spec);
        const publicKey = await store.getPublicKeySpki(keyName);
        const now = Date.now();
        const notAfter = Math.min(now + this.config.CA_ISSUING_VALIDITY_DAYS * DAY, rootCa.certificate.notAfter.getTime());
        const cert = await issueCertificate(
          {
            subject: wanted.subject,
            publicKey,
            notBefore: new Date(now - 3600_000),
            notAfter: new Date(notAfter),
            basicConstraints: { ca: true, pathLength: 0 },
            keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
            crlDistributionPoints: [urls.crl(rootName)],
            authorityInfoAccess: { caIssuers: [urls.aia(rootName)] },
          },
          await this.rootIssuer(),
        );
        row = await this.save(wanted.name, 'issuing', rootName, keyName, cert);
        await this.audit.record({ actor: 'ca', action: 'createHierarchy', target: wanted.name, details: { subject: cert.subject, serialNumber: cert.serialNumber, issuer: rootName } });
      }
      this.remember(row);
    }
    this.logger.log(`hierarchy: ${[...this.cas.values()].map((c) => `${c.name} (${c.role}, ${c.certificate.thumbprintSha1})`).join(', ')}`);
  }

  private async save(name: string, role: 'root' | 'issuing', parent: string | null, keyName: string, cert: Certificate): Promise<AuthorityEntity> {
    await this.authorities.insert({ name, role, parentName: parent, keyName, certificate: Buffer.from(cert.der), crlNumber: '0' });
    return this.authorities.findOneByOrFail({ name });
  }

  private remember(row: AuthorityEntity): void {
    this.cas.set(row.name, { name: row.name, role: row.role, parent: row.parentName, keyName: row.keyName, certificate: Certificate.parse(new Uint8Array(row.certificate)) });
  }

  get(name: string): LoadedCa {
    const ca = this.cas.get(name);
    if (!ca) throw CaErrors.unknownCa(`"${name}" is not a CA of this hierarchy`);
    return ca;
  }

  has(name: string): boolean {
    return this.cas.has(name);
  }

  all(): LoadedCa[] {
    return [...this.cas.values()];
  }

  issuing(): LoadedCa[] {
    return this.all().filter((c) => c.role === 'issuing');
  }

  defaultIssuing(): LoadedCa {
    return this.issuing()[0];
  }

  root(): LoadedCa {
    return this.get(this.config.CA_ROOT_NAME);
  }

  /** The root signs issuing CA certificates and its own CRL, nothing else. */
  async rootIssuer(): Promise<CertificateIssuer> {
    const root = this.root();
    return { certificate: root.certificate, privateKey: (await this.vault.keyPair(root.keyName)).privateKey };
  }

  /** An issuing CA's signer, for end-entity certificates, its CRL and OCSP answers. */
  async issuer(name: string): Promise<CertificateIssuer> {
    const ca = this.get(name);
    if (ca.role === 'root') return this.rootIssuer();
    return { certificate: ca.certificate, privateKey: (await this.vault.keyPair(ca.keyName)).privateKey };
  }

  /** Issuing CA first, root last. */
  chainOf(name: string): Certificate[] {
    const out: Certificate[] = [];
    for (let ca: LoadedCa | undefined = this.get(name); ca; ca = ca.parent ? this.get(ca.parent) : undefined) out.push(ca.certificate);
    return out;
  }

  describe(ca: LoadedCa, crl: CaAuthority['crl']): CaAuthority {
    const urls = publicUrls(this.config.CA_PUBLIC_URL);
    const c = ca.certificate;
    return {
      name: ca.name,
      role: ca.role,
      parent: ca.parent,
      subject: c.subject,
      issuer: c.issuer,
      serialNumber: c.serialNumber,
      thumbprintSha1: c.thumbprintSha1,
      thumbprintSha256: c.thumbprintSha256,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      keyType: describeKey(c.publicKey),
      signatureAlgorithm: c.signatureAlgorithm,
      aiaUrl: urls.aia(ca.name),
      ocspUrl: urls.ocsp,
      certificate: c.pem,
      crl,
    };
  }
}
