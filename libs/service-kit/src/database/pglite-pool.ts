import { PGlite, types, type PGliteOptions } from '@electric-sql/pglite';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { EventEmitter } from 'node:events';

type QueryCallback = (err: Error | null, result?: unknown) => void;
type ReleaseFn = () => void;

/**
 * A node-postgres-shaped pool over one in-process PGlite database, for TypeORM's postgres driver.
 *
 * PGlite is a single session: if two requests opened transactions on it at once, their BEGIN,
 * statements and COMMIT would interleave in that one session. So the pool hands out its single
 * connection to one TypeORM query runner at a time (a mutex held from connect to release),
 * which is exactly a node-postgres pool of size one. Results are given the `rowCount` and
 * `command` fields TypeORM reads to report affected rows.
 */
/** The part of node-postgres's Pool that TypeORM's postgres driver calls. */
export interface PgPoolLike extends EventEmitter {
  connect(callback: (err: Error | null, client: unknown, release: ReleaseFn) => void): void;
  end(callback?: (err: Error | null) => void): void;
}

export function pglitePoolClass(options: PGliteOptions & { dataDir: string }): new () => PgPoolLike {
  let instance: Promise<PGlite> | undefined;
  const open = () =>
    (instance ??= PGlite.create({
      ...options,
      extensions: { uuid_ossp, ...options.extensions },
      // TypeORM sends booleans as JS values; PGlite's default serializer would send 't'/'f' text.
      serializers: { [types.BOOL]: (v: unknown) => (v === true || v === 'true' || v === 1 ? 'TRUE' : 'FALSE') },
    }));

  return class PglitePool extends EventEmitter {
    queue: Promise<void> = Promise.resolve();

    connect(callback: (err: Error | null, client: unknown, release: ReleaseFn) => void): void {
      let release!: ReleaseFn;
      const turn = new Promise<void>((resolve) => (release = resolve));
      const previous = this.queue;
      this.queue = previous.then(() => turn);
      previous
        .then(open)
        .then((db) => callback(null, connectionOf(db), once(release)))
        .catch((err: Error) => {
          release();
          callback(err, null, () => undefined);
        });
    }

    end(callback?: (err: Error | null) => void): void {
      const closing = instance ? instance.then((db) => db.close()) : Promise.resolve();
      instance = undefined;
      closing.then(() => callback?.(null), (err: Error) => callback?.(err));
    }
  };
}

function connectionOf(db: PGlite) {
  return Object.assign(new EventEmitter(), {
    query(sql: string, params?: unknown[] | QueryCallback, cb?: QueryCallback) {
      const callback = typeof params === 'function' ? params : cb;
      const values = Array.isArray(params) ? params : undefined;
      const run =
        values && values.length > 0
          ? db.query(sql, values)
          : // exec runs several statements (migrations send them); TypeORM wants the last result.
            db.exec(sql).then((results) => results[results.length - 1] ?? { rows: [], fields: [] });
      const shaped = run.then((r) => ({
        ...r,
        rows: r.rows.map(withBuffers),
        rowCount: 'affectedRows' in r && r.affectedRows !== undefined ? r.affectedRows : r.rows.length,
        command: leadingKeyword(sql),
      }));
      if (callback) shaped.then((r) => callback(null, r), (err: Error) => callback(err));
      return shaped;
    },
  });
}

/**
 * node-postgres returns bytea as Buffer and the code above it relies on that (`toString('base64')`);
 * PGlite returns a plain Uint8Array, whose toString gives "48,130,…". Rows get Buffers here, once,
 * so entity code behaves the same on both databases.
 */
function withBuffers(row: unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  const out = row as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) out[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return out;
}

function leadingKeyword(sql: string): string {
  return (sql.trimStart().match(/^[A-Za-z]+/)?.[0] ?? '').toUpperCase();
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
