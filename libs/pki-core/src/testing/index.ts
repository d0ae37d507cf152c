// Test-only helpers: deliberately not re-exported from the package barrel (src/index.ts).
// Tests in other folders import them relatively, e.g. `../testing`.
export * from './hierarchy';
export * from './openssl';
export * from './fuzz';
