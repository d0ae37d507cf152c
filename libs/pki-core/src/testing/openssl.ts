import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A scratch directory for one test file's openssl runs; `cleanup()` in afterAll. */
export interface OpensslWorkspace {
  readonly dir: string;
  /** Writes a file in the workspace and returns its path. */
  write(name: string, data: Uint8Array | string): string;
  read(name: string): Uint8Array;
  readText(name: string): string;
  path(name: string): string;
  /** Runs openssl; returns stdout (stderr is folded into the thrown error on failure). */
  run(args: string[], input?: Uint8Array | string): string;
  /** Runs openssl and returns its exit status and both outputs (some verdicts, like `crl -verify`, go to stderr). */
  tryRun(args: string[]): { status: number; stdout: string; stderr: string };
  cleanup(): void;
}

export function opensslWorkspace(prefix = 'certlab-openssl-'): OpensslWorkspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const p = (name: string) => path.join(dir, name);
  return {
    dir,
    path: p,
    write(name, data) {
      fs.writeFileSync(p(name), data);
      return p(name);
    },
    read: (name) => new Uint8Array(fs.readFileSync(p(name))),
    readText: (name) => fs.readFileSync(p(name), 'utf8'),
    run(args, input) {
      try {
        return execFileSync('openssl', args, { cwd: dir, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (err) {
        const e = err as { stderr?: string; stdout?: string; message: string };
        throw new Error(`openssl ${args.join(' ')} failed: ${e.stderr ?? ''}${e.stdout ?? ''}${e.message}`);
      }
    },
    tryRun(args) {
      const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
      return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
