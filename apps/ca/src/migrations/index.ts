import type { MigrationInterface } from 'typeorm';

/**
 * In order. The CA's tables (hierarchy, templates, request database, revocations, CRLs) arrive
 * with the CA issue; until then start-up runs an empty list, through the same code path.
 */
export const caMigrations: (new () => MigrationInterface)[] = [];
