import { isAbsolute, resolve } from 'node:path';
import { SERVICE_NAME } from '../config';

/**
 * Where the connector's computer identity lives and how it enrolls. The PKCS worker and the PFX
 * connector role share that one identity, so both must open it from the same place: this is
 * the only place that says where.
 */
export function computerIdentityLocation(
  dataDir: string,
  settings: { PKCS_CA_IDENTITY_DIR?: string; CA_URL: string; CA_ENROLLMENT_TOKEN_FILE_CONNECTOR: string },
): { directory: string; caUrl: string; tokenFile: string } {
  const under = (p: string) => (isAbsolute(p) ? p : resolve(dataDir, p));
  return {
    directory: settings.PKCS_CA_IDENTITY_DIR ? under(settings.PKCS_CA_IDENTITY_DIR) : resolve(dataDir, SERVICE_NAME, 'ca-identity'),
    caUrl: settings.CA_URL,
    tokenFile: under(settings.CA_ENROLLMENT_TOKEN_FILE_CONNECTOR),
  };
}
