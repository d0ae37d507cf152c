#!/usr/bin/env node
// `npm start`: build what is stale, run every certlab process under one supervisor, wait until
// each is healthy, then print the console URL and the admin login. Ctrl-C stops them all.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, styleText } from 'node:util';
import { formatLogLine } from './log-format.mjs';
import { platformServices, ROOT } from './platform.mjs';

const { values: args } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'log-format': { type: 'string', default: process.env.CERTLAB_LOG_FORMAT ?? 'pretty' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(`Usage: npm start [-- --skip-build] [--data-dir DIR] [--log-format pretty|json]

Builds what is stale, starts the CA, the connector and the MDM cloud, waits for their health
checks and prints the console URL and admin login. Environment:
  DATABASE_URL            use PostgreSQL instead of the embedded PGlite database in .data/
  CLOUD_PORT, DEVICE_PORT, CONNECTOR_PORT, CA_PORT   override 3000, 3443, 3100, 3200
  CERTLAB_ADMIN_PASSWORD  the first administrator's password (otherwise one is generated)`);
  process.exit(0);
}

const dataDir = resolve(args['data-dir'] ?? process.env.CERTLAB_DATA_DIR ?? join(ROOT, '.data'));
const services = platformServices();
const say = (text) => process.stdout.write(`${styleText('bold', 'certlab')} ${text}\n`);

if (!args['skip-build']) build();
checkBuilt();
await checkPortsFree();

const children = new Map();
let stopping = false;

process.on('SIGINT', () => stopAll('interrupted'));
process.on('SIGTERM', () => stopAll('terminated'));

try {
  await startInOrder();
  printBanner();
} catch (err) {
  say(styleText('red', `start-up failed: ${err.message}`));
  await stopAll('start-up failed', 1);
}

/** Starts each service once the services it names in `after` are healthy; independent ones start together. */
async function startInOrder() {
  const healthy = new Map();
  const startOne = (service) => {
    if (!healthy.has(service.name)) {
      healthy.set(
        service.name,
        (async () => {
          await Promise.all(service.after.map((name) => startOne(services.find((s) => s.name === name))));
          if (stopping) throw new Error('stopped');
          children.set(service.name, launch(service));
          await waitHealthy(service);
        })(),
      );
    }
    return healthy.get(service.name);
  };
  await Promise.all(services.map(startOne));
}

function build() {
  say('building what changed (nx run-many -t build)…');
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=stream'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) {
    say(styleText('red', 'the build failed; nothing was started.'));
    process.exit(result.status ?? 1);
  }
}

/**
 * Refuses to start when a port is taken, typically by a certlab already running: otherwise the
 * health checks would find the old services answering and call the new platform ready.
 */
async function checkPortsFree() {
  const { createServer } = await import('node:net');
  const taken = [];
  for (const service of services) {
    for (const port of service.ports) {
      const free = await new Promise((resolve) => {
        const probe = createServer()
          .once('error', () => resolve(false))
          .once('listening', () => probe.close(() => resolve(true)))
          .listen(port, process.env.HOST ?? '127.0.0.1');
      });
      if (!free) taken.push(`${port} (${service.name})`);
    }
  }
  if (taken.length > 0) {
    say(styleText('red', `port ${taken.join(', ')} already in use — is certlab already running? Stop it, or choose other ports (CLOUD_PORT, DEVICE_PORT, CONNECTOR_PORT, CA_PORT, CA_TLS_PORT).`));
    process.exit(1);
  }
}

function checkBuilt() {
  const missing = services.filter((s) => !existsSync(join(ROOT, s.main)));
  if (missing.length > 0) {
    say(styleText('red', `not built: ${missing.map((s) => s.main).join(', ')}. Run without --skip-build.`));
    process.exit(1);
  }
}

function launch(service) {
  const child = spawn(process.execPath, [join(ROOT, service.main)], {
    cwd: ROOT,
    env: { ...process.env, ...service.env, CERTLAB_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = styleText(service.color, service.name.padEnd(10));
  const relay = (stream) => {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        const shown = line && formatLogLine(line, args['log-format']);
        if (shown) process.stdout.write(`${prefix} ${shown}\n`);
      }
    });
  };
  relay(child.stdout);
  relay(child.stderr);
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (stopping) return;
    // A crash is reported once and loudly; the others keep running so the cause can be inspected.
    say(styleText('red', `${service.name} stopped unexpectedly (${signal ?? `exit code ${code}`}). The other services keep running; fix the cause above and run npm start again.`));
    if (children.size === 0) process.exit(1);
  });
  return child;
}

async function waitHealthy(service, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(service.name)) throw new Error(`${service.name} exited before it became healthy`);
    try {
      const res = await fetch(`${service.url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${service.name} was not healthy at ${service.url}/api/health within ${timeoutMs / 1000} s`);
}

function printBanner() {
  const cloud = services.find((s) => s.name === 'mdm-cloud');
  const username = process.env.CERTLAB_ADMIN_USERNAME ?? 'admin';
  const passwordFile = join(dataDir, 'mdm-cloud', 'initial-admin-password');
  const password = process.env.CERTLAB_ADMIN_PASSWORD
    ? '(the value of CERTLAB_ADMIN_PASSWORD)'
    : existsSync(passwordFile)
      ? readFileSync(passwordFile, 'utf8').trim()
      : '(set when this database was created; not stored)';
  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`;
  const rows = [
    ['Console', styleText(['bold', 'underline'], `${cloud.url}/`)],
    ['Admin login', `${username} / ${password}`],
    ...services.map((s) => [s.name, `${s.url}  ${styleText('green', 'healthy')}`]),
    ['Database', database],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${styleText(['bold', 'green'], 'certlab is ready')}\n`);
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
  process.stdout.write(`\nPress Ctrl-C to stop every service.\n\n`);
}

async function stopAll(reason, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  say(`${reason}: stopping ${[...children.keys()].join(', ') || 'nothing'}…`);
  const exits = [...children.values()].map((child) => new Promise((r) => child.once('exit', r)));
  for (const child of children.values()) child.kill('SIGTERM');
  const killer = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 10_000);
  await Promise.all(exits);
  clearTimeout(killer);
  say('stopped.');
  process.exit(exitCode);
}
