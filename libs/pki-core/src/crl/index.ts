export * from './reasons';
export { Crl, type CrlEntry } from './crl';
export { createCrl, type CrlEntryInput, type CrlProfile } from './crl-builder';
