import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, CreateDateColumn, Entity, type MigrationInterface, PrimaryGeneratedColumn, type QueryRunner } from 'typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaOf, type DatabaseSettings } from '../../src/database/data-source';
import { createTestDatabase, type TestDatabase } from '../../src/testing/test-database';

@Entity({ name: 'widget' })
class Widget {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean', default: false }) archived!: boolean;
  @Column({ type: 'bytea', nullable: true }) der!: Buffer | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

class CreateWidget1700000000000 implements MigrationInterface {
  name = 'CreateWidget1700000000000';
  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf('widgets');
    await q.query(`CREATE TABLE "${s}"."widget" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "name" text NOT NULL,
      "archived" boolean NOT NULL DEFAULT false, "der" bytea, "createdAt" timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schemaOf('widgets')}"."widget"`);
  }
}

const settings = (extra: Partial<DatabaseSettings>): DatabaseSettings => ({
  service: 'widgets',
  dataDir: '.data',
  entities: [Widget],
  migrations: [CreateWidget1700000000000],
  ...extra,
});

async function roundTrip(ds: DataSource) {
  const repo = ds.getRepository(Widget);
  const saved = await repo.save(repo.create({ name: 'root CA', der: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]) }));
  expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
  const loaded = await repo.findOneByOrFail({ id: saved.id });
  expect(loaded.name).toBe('root CA');
  expect(loaded.archived).toBe(false);
  expect([...loaded.der!]).toEqual([0x30, 0x03, 0x02, 0x01, 0x01]);
  // Regression: PGlite hands back a plain Uint8Array, whose toString('base64') is "48,3,2,1,1".
  expect(Buffer.isBuffer(loaded.der)).toBe(true);
  expect(loaded.der!.toString('base64')).toBe('MAMCAQE=');
  const update = await repo.update({ id: saved.id }, { archived: true });
  expect(update.affected).toBe(1);
  expect((await repo.findOneByOrFail({ id: saved.id })).archived).toBe(true);
  const migrations = await ds.query(`SELECT name FROM "${schemaOf('widgets')}"."migrations"`);
  expect(migrations).toEqual([{ name: 'CreateWidget1700000000000' }]);
}

describe('database on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('runs the migrations in the service schema and round-trips an entity', async () => {
    const ds = await openDatabase(settings({ databaseUrl: db.url }));
    try {
      await roundTrip(ds);
    } finally {
      await ds.destroy();
    }
  });

  it('does not run a migration twice when the service restarts', async () => {
    const ds = await openDatabase(settings({ databaseUrl: db.url }));
    try {
      expect(await ds.getRepository(Widget).count()).toBe(1);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
  });
});

describe('database on embedded PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'certlab-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the same migrations and round-trips an entity', async () => {
    const ds = await openDatabase(settings({ dataDir }));
    try {
      await roundTrip(ds);
    } finally {
      await ds.destroy();
    }
  });

  it('keeps its data on disk across a restart', async () => {
    const ds = await openDatabase(settings({ dataDir }));
    try {
      expect(await ds.getRepository(Widget).count()).toBe(1);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
  });

  it('serialises concurrent transactions on its single session', async () => {
    const ds = await openDatabase(settings({ dataDir }));
    try {
      // Two transactions at once: without serialisation their BEGIN/COMMIT would interleave in
      // PGlite's one session and the rollback of the second would undo the first.
      const ok = ds.transaction(async (m) => {
        await m.save(Widget, { name: 'kept' });
        await new Promise((r) => setTimeout(r, 20));
      });
      const failed = ds.transaction(async (m) => {
        await m.save(Widget, { name: 'rolled back' });
        throw new Error('abort');
      });
      await ok;
      await expect(failed).rejects.toThrow('abort');
      const names = (await ds.getRepository(Widget).find()).map((w) => w.name).sort();
      expect(names).toEqual(['kept', 'root CA']);
    } finally {
      await ds.destroy();
    }
  });
});
