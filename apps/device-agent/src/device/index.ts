export { ManagedDevice, MANAGEMENT_KEY, type CheckInResult, type DeviceStatus, type EnrollOptions, type RunEvent } from './managed-device';
export { StateDir, type DeviceIdentity, type ProfileRecord, type TrustedCertificate } from './state-dir';
export { TrustStore, TrustStoreError } from './trust-store';
export { reconcile } from './reconcile';
export { ChannelClient, ChannelError } from './channel-client';
