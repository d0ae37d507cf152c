// What `npm test` needs from the machine besides npm packages: PostgreSQL for the integration
// suite, Chromium for Playwright, openssl for the interop tests. Run as root it installs what is
// missing with apt (Debian packages postgresql, chromium, openssl); otherwise it says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const TEST_POSTGRES_URL = process.env.CERTLAB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const isRoot = process.getuid?.() === 0;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
let aptUpdated = false;

function aptInstall(packages, log) {
  if (!isRoot || !has('apt-get')) return false;
  log(`installing ${packages.join(' ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
}

async function postgresAnswers() {
  const { Client } = require('pg');
  const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err.message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function startLocalCluster(log) {
  if (!existsSync('/etc/postgresql')) return;
  for (const version of readdirSync('/etc/postgresql')) {
    log(`starting the PostgreSQL ${version} cluster…`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  }
}

export async function ensurePostgres(log) {
  let check = await postgresAnswers();
  if (check.ok) return check;
  if (!has('pg_ctlcluster')) aptInstall(['postgresql'], log);
  startLocalCluster(log);
  for (let i = 0; i < 10 && !(check = await postgresAnswers()).ok; i++) await new Promise((r) => setTimeout(r, 1000));
  if (check.ok) return check;
  return {
    ok: false,
    reason:
      `PostgreSQL does not answer at ${TEST_POSTGRES_URL} (${check.reason}).\n` +
      `  Install and start it:  apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
      `  The tests connect as user postgres over TCP: allow it (trust for 127.0.0.1 in pg_hba.conf), or point\n` +
      `  CERTLAB_TEST_POSTGRES_URL at a server where that user may create databases.`,
  };
}

export function ensureChromium(log) {
  if (existsSync(CHROMIUM)) return { ok: true };
  aptInstall(['chromium'], log);
  if (existsSync(CHROMIUM)) return { ok: true };
  return { ok: false, reason: `Chromium is not at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium (or set CHROMIUM_PATH).` };
}

/** certmonger's scep-submit and daemon, and dbus for `dbus-run-session`: the SCEP interop tests use them. */
export const SCEP_SUBMIT = '/usr/lib/certmonger/scep-submit';
export function ensureCertmonger(log) {
  if (!existsSync(SCEP_SUBMIT) || !has('dbus-run-session')) aptInstall(['certmonger', 'dbus'], log);
  if (existsSync(SCEP_SUBMIT)) return { ok: true };
  return { ok: false, reason: `certmonger's scep-submit is not at ${SCEP_SUBMIT}: apt-get install -y certmonger dbus` };
}

export function ensureOpenssl(log) {
  if (!has('openssl')) aptInstall(['openssl'], log);
  try {
    return { ok: true, version: execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim() };
  } catch {
    return { ok: false, reason: 'The openssl command is missing: apt-get install -y openssl' };
  }
}
