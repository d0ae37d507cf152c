import { type Certificate, type CertificateIssuer, type CertificateRequest, type KeyUsageName, type WritableSubjectAltName, issueCertificate } from '@certlab/pki-core';
import type { TemplateEntity } from '../entities';
import { publicUrls } from '../publishing/urls';
import { directorySubjectOf } from '../templates/seed-templates';

const DAY = 86_400_000;
const WRITABLE = new Set(['dns', 'email', 'uri', 'ip', 'upn', 'dn']);

/**
 * Builds the certificate a template describes: key usage, EKUs and validity from the template,
 * never from the request; the subject and SANs from the request only where the template lets the
 * requester supply them. Every certificate carries the CA's CDP, AIA and OCSP URLs.
 */
export async function buildFromTemplate(
  input: { template: TemplateEntity; csr: CertificateRequest; requester: string; caName: string; publicBaseUrl: string },
  issuer: CertificateIssuer,
): Promise<Certificate> {
  const { template, csr } = input;
  const urls = publicUrls(input.publicBaseUrl);
  const supplied = template.subjectSource === 'request';
  const now = Date.now();
  const notAfter = Math.min(now + template.validityDays * DAY, issuer.certificate.notAfter.getTime());
  const sans = supplied ? (csr.subjectAltNames.filter((n) => WRITABLE.has(n.type)) as WritableSubjectAltName[]) : [];
  return issueCertificate(
    {
      subject: supplied ? csr.subjectNameDer : directorySubjectOf(input.requester),
      publicKey: csr.spki,
      // Backdated a little for clocks that run behind, as AD CS does (ten minutes).
      notBefore: new Date(now - 10 * 60_000),
      notAfter: new Date(notAfter),
      basicConstraints: { ca: false, critical: true },
      keyUsage: template.keyUsage as KeyUsageName[],
      extendedKeyUsage: template.extendedKeyUsage,
      ...(sans.length > 0 ? { subjectAltNames: sans, subjectAltNamesCritical: supplied && csr.subject === '' } : {}),
      crlDistributionPoints: [urls.crl(input.caName)],
      authorityInfoAccess: { caIssuers: [urls.aia(input.caName)], ocsp: [urls.ocsp] },
    },
    issuer,
  );
}
