import type { MigrationInterface } from 'typeorm';
import { CaInitial1764500000000 } from './1764500000000-ca-initial';

/** In order. */
export const caMigrations: (new () => MigrationInterface)[] = [CaInitial1764500000000];
