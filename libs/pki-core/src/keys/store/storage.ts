import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { KeyStoreError } from '../../errors';

/**
 * Where a key store keeps its sealed blobs. The directory backend is what the apps use; tests
 * inject the in-memory one (or their own) to look at exactly what would be written to disk.
 */
export interface KeyStorage {
  read(entry: string): Promise<Uint8Array | undefined>;
  write(entry: string, data: Uint8Array): Promise<void>;
  remove(entry: string): Promise<boolean>;
  entries(): Promise<string[]>;
}

const ENTRY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function checkEntry(entry: string): void {
  // Entry names become file names: refuse anything that could climb out of the directory.
  if (!ENTRY.test(entry) || entry.includes('..')) throw new KeyStoreError(`invalid key storage entry name "${entry}"`);
}

export class MemoryKeyStorage implements KeyStorage {
  readonly #entries = new Map<string, Uint8Array>();

  async read(entry: string): Promise<Uint8Array | undefined> {
    const data = this.#entries.get(entry);
    return data && new Uint8Array(data);
  }

  async write(entry: string, data: Uint8Array): Promise<void> {
    checkEntry(entry);
    this.#entries.set(entry, new Uint8Array(data));
  }

  async remove(entry: string): Promise<boolean> {
    return this.#entries.delete(entry);
  }

  async entries(): Promise<string[]> {
    return [...this.#entries.keys()].sort();
  }
}

/** One file per entry, mode 0600, written to a temporary name then renamed so a crash never leaves half a key. */
export class DirectoryKeyStorage implements KeyStorage {
  constructor(readonly directory: string) {}

  async read(entry: string): Promise<Uint8Array | undefined> {
    checkEntry(entry);
    try {
      return new Uint8Array(await fs.readFile(path.join(this.directory, entry)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async write(entry: string, data: Uint8Array): Promise<void> {
    checkEntry(entry);
    await fs.mkdir(this.directory, { recursive: true, mode: 0o700 });
    const target = path.join(this.directory, entry);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, data, { mode: 0o600 });
    await fs.rename(temp, target);
  }

  async remove(entry: string): Promise<boolean> {
    checkEntry(entry);
    try {
      await fs.unlink(path.join(this.directory, entry));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async entries(): Promise<string[]> {
    try {
      return (await fs.readdir(this.directory)).filter((f) => ENTRY.test(f) && !f.endsWith('.tmp')).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }
}
