import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { E2E } from './platform-under-test';

const run = promisify(execFile);

/** One simulated device driven through the real `certlab` CLI, with its own state directory. */
export class DeviceCli {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'certlab-e2e-device-'));

  async certlab(...args: string[]): Promise<unknown> {
    const { stdout } = await run(process.execPath, [join(E2E.root, 'apps', 'device-agent', 'bin', 'certlab.js'), 'device', ...args, '--state-dir', this.stateDir, '--json'], {
      cwd: E2E.root,
      timeout: 60_000,
      env: { ...process.env, CERTLAB_DEVICE_PASSPHRASE: 'e2e device passphrase' },
    });
    return JSON.parse(stdout) as unknown;
  }

  enroll(token: string, platform: string, name: string): Promise<unknown> {
    return this.certlab('enroll', '--token', token, '--platform', platform, '--name', name, '--cloud', `https://127.0.0.1:${E2E.devicePort}`);
  }

  checkin(): Promise<unknown> {
    return this.certlab('checkin');
  }

  status(): Promise<unknown> {
    return this.certlab('status');
  }
}
