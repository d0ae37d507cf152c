export { buildPkcs12, DEFAULT_PKCS12_ITERATIONS, MIN_PKCS12_ITERATIONS, type BuildPkcs12Options } from './build';
export { Pkcs12, Pkcs12Warning, type Pkcs12Certificate, type Pkcs12Integrity } from './pkcs12';
