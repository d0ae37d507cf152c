import type { MigrationInterface } from 'typeorm';
import { ScepTransactions1764410000000 } from './1764410000000-scep-transactions';

/** In order. A new migration is appended here; an applied one is never edited. */
export const connectorMigrations: (new () => MigrationInterface)[] = [ScepTransactions1764410000000];
