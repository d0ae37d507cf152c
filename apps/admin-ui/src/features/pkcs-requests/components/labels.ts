import { PKCS_CERTIFICATE_TYPES, type PkcsCertificateType } from '@certlab/contracts';

export const CERTIFICATE_TYPES_LABEL: Record<PkcsCertificateType, string> = {
  user: PKCS_CERTIFICATE_TYPES.user.label,
  device: PKCS_CERTIFICATE_TYPES.device.label,
};
