import type { CaTemplate } from '@certlab/contracts';

/**
 * The templates the flows use, as an AD CS admin would publish them. Seeded once; an existing
 * template is never overwritten, so an admin's later change survives restarts.
 */
export const SEED_TEMPLATES: readonly CaTemplate[] = [
  {
    name: 'CertlabScepUser',
    displayName: 'certlab SCEP user',
    purpose: 'User certificates for SCEP profiles, requested by NDES with its RA signature',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth', 'emailProtection'],
    validityDays: 365,
    minimumRsaKeyBits: 2048,
    subjectSource: 'request',
    allowPrivateKeyExport: false,
    requiresRaSignature: true,
    requiresApproval: false,
    enroll: ['ndes-ra'],
  },
  {
    name: 'CertlabScepDevice',
    displayName: 'certlab SCEP device',
    purpose: 'Device certificates for SCEP profiles, requested by NDES with its RA signature',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth'],
    validityDays: 365,
    minimumRsaKeyBits: 2048,
    subjectSource: 'request',
    allowPrivateKeyExport: false,
    requiresRaSignature: true,
    requiresApproval: false,
    enroll: ['ndes-ra'],
  },
  {
    name: 'CertlabScepApproval',
    displayName: 'certlab SCEP with approval',
    // NDES submits on the RA's behalf and the request then waits for a CA manager: the device sees
    // CertRep PENDING and polls with CertPoll until the manager approves (or denies).
    purpose: 'SCEP certificates that need both the RA countersignature and a CA manager\'s approval',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth', 'emailProtection'],
    validityDays: 365,
    minimumRsaKeyBits: 2048,
    subjectSource: 'request',
    allowPrivateKeyExport: false,
    requiresRaSignature: true,
    requiresApproval: true,
    enroll: ['ndes-ra'],
  },
  {
    name: 'CertlabRaEncryption',
    displayName: 'certlab RA encryption (CEP Encryption)',
    // AD CS's "CEP Encryption" template: the key SCEP clients encrypt their requests to. Key
    // encipherment only, so the same key can never sign as the RA.
    purpose: 'The NDES RA encryption certificate: SCEP clients encrypt their pkcsPKIEnvelope to it',
    keyUsage: ['keyEncipherment'],
    extendedKeyUsage: [],
    validityDays: 730,
    minimumRsaKeyBits: 2048,
    subjectSource: 'request',
    allowPrivateKeyExport: false,
    requiresRaSignature: true,
    requiresApproval: false,
    enroll: ['ndes-ra'],
  },
  {
    name: 'CertlabPkcs',
    displayName: 'certlab PKCS',
    purpose: 'Certificates for PKCS profiles: the connector generates the key and exports it in a PKCS#12',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth'],
    validityDays: 365,
    minimumRsaKeyBits: 2048,
    subjectSource: 'request',
    allowPrivateKeyExport: true,
    requiresRaSignature: false,
    requiresApproval: false,
    enroll: ['connector'],
  },
  {
    name: 'CertlabSmime',
    displayName: 'certlab S/MIME',
    purpose: 'S/MIME signing and encryption; the key is exportable for key archival and imported PKCS#12',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['emailProtection'],
    validityDays: 730,
    minimumRsaKeyBits: 2048,
    subjectSource: 'request',
    allowPrivateKeyExport: true,
    requiresRaSignature: false,
    requiresApproval: false,
    enroll: ['connector'],
  },
  {
    name: 'CertlabPfxConnectorEncryption',
    displayName: 'certlab PFX connector encryption',
    // The PFX Certificate Connector's certificate: admins encrypt PFX passwords to it on-prem.
    // Key encipherment only, and the key never leaves the connector's key store.
    purpose: 'The PFX connector encryption certificate: imported PFX passwords are encrypted to it',
    keyUsage: ['keyEncipherment'],
    extendedKeyUsage: [],
    validityDays: 730,
    minimumRsaKeyBits: 2048,
    subjectSource: 'request',
    allowPrivateKeyExport: false,
    requiresRaSignature: false,
    requiresApproval: false,
    enroll: ['connector'],
  },
  {
    name: 'CertlabPendingApproval',
    displayName: 'certlab manager approval',
    purpose: 'Requests wait in Pending Requests until a CA manager approves or denies them',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth'],
    validityDays: 365,
    minimumRsaKeyBits: 2048,
    subjectSource: 'request',
    allowPrivateKeyExport: true,
    requiresRaSignature: false,
    requiresApproval: true,
    enroll: ['connector'],
  },
  {
    name: 'CertlabEnrollmentAgent',
    displayName: 'certlab enrollment agent',
    // AD CS's NDES authenticates with its service account; here the RA's one certificate also
    // authenticates it to the request API, so the template adds clientAuth.
    purpose: 'The NDES RA certificate: signs requests on behalf of devices (Certificate Request Agent) and authenticates NDES to the CA',
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: ['certificateRequestAgent', 'clientAuth'],
    validityDays: 730,
    minimumRsaKeyBits: 2048,
    subjectSource: 'directory',
    allowPrivateKeyExport: false,
    requiresRaSignature: false,
    requiresApproval: false,
    enroll: ['ndes-ra'],
  },
  {
    name: 'CertlabComputer',
    displayName: 'certlab computer',
    purpose: "The connector server's computer account: client authentication to the CA",
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth'],
    validityDays: 365,
    minimumRsaKeyBits: 2048,
    subjectSource: 'directory',
    allowPrivateKeyExport: false,
    requiresRaSignature: false,
    requiresApproval: false,
    enroll: ['connector'],
  },
  {
    name: 'CertlabCaAdmin',
    displayName: 'certlab CA administrator',
    purpose: 'The console relay: manages requests, revocation and CRLs on behalf of signed-in admins',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth'],
    validityDays: 365,
    minimumRsaKeyBits: 2048,
    subjectSource: 'directory',
    allowPrivateKeyExport: false,
    requiresRaSignature: false,
    requiresApproval: false,
    enroll: ['cloud-ca-admin'],
  },
];

/** The identities created on first start, each with a one-time enrollment token. */
export const BUILT_IN_IDENTITIES = [
  { name: 'ndes-ra', kind: 'enrollmentAgent', template: 'CertlabEnrollmentAgent' },
  { name: 'connector', kind: 'computer', template: 'CertlabComputer' },
  { name: 'cloud-ca-admin', kind: 'caAdmin', template: 'CertlabCaAdmin' },
] as const;

/** The subject a directory template builds: the identity as AD would name its account. */
export function directorySubjectOf(identity: string): string {
  return `CN=${identity}, OU=Identities, O=certlab`;
}
