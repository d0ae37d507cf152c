import { CertificateAuthoritiesPage } from '../../../features/certificate-authorities/components/CertificateAuthoritiesPage';

export function CertificateAuthoritiesRoute() {
  return <CertificateAuthoritiesPage />;
}
