export * from './errors';
export * from './encoding/pem';
export * from './encoding/bytes';
export { defaultCrypto } from './crypto-provider';
