import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { E2E, freshDataDir } from './platform-under-test';

/**
 * Starts the whole platform exactly as `npm start` does (same supervisor, built output, embedded
 * database) and waits for its "ready" banner. The teardown stops it and removes its data.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = freshDataDir();
  // Specs that act as an on-prem server read the CA's enrollment tokens from here (workers inherit env).
  process.env.CERTLAB_E2E_DATA_DIR = dataDir;
  const child = spawn(process.execPath, [join(E2E.root, 'tools', 'start.mjs'), '--skip-build', '--data-dir', dataDir, '--log-format', 'json'], {
    cwd: E2E.root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      CLOUD_PORT: String(E2E.cloudPort),
      CONNECTOR_PORT: String(E2E.connectorPort),
      CA_PORT: String(E2E.caPort),
      DEVICE_PORT: String(E2E.devicePort),
      CERTLAB_ADMIN_USERNAME: E2E.admin.username,
      CERTLAB_ADMIN_PASSWORD: E2E.admin.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Every line the platform prints, kept for reading after a failed run (CI prints only the tests).
  const logDir = join(E2E.root, '.test-results');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `e2e-platform-${E2E.cloudPort}.log`));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const output: string[] = [];
  await waitForReady(child, output);
  return async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function waitForReady(child: ChildProcess, output: string[], timeoutMs = 240_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`the platform was not ready within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(new Error(`${why}\n--- platform output ---\n${output.slice(-60).join('')}`));
    };
    const collect = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('certlab is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => fail(`the platform exited with code ${code} before it was ready`));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
