import type { MigrationInterface } from 'typeorm';

/**
 * In order. The connector's tables (RA keys, SCEP transactions, job leases) arrive with the SCEP
 * and PKCS flows; until then start-up runs an empty list, through the same code path.
 */
export const connectorMigrations: (new () => MigrationInterface)[] = [];
