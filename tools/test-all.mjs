#!/usr/bin/env node
// `npm test`: every suite of certlab in one command, ending with one line `N passed, N failed`
// over all of them. Order: build, lint, typecheck, unit tests,
// integration tests against PostgreSQL (and PGlite), then Playwright against the started platform.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, styleText } from 'node:util';
import { ROOT } from './platform.mjs';
import { ensureCertmonger, ensureChromium, ensureOpenssl, ensurePostgres } from './prerequisites.mjs';

const SUITES = ['lint', 'build', 'typecheck', 'unit', 'integration', 'e2e'];
const { values: args } = parseArgs({ options: { only: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } });
if (args.help) {
  console.log(`Usage: npm test [-- --only SUITE …]   suites: ${SUITES.join(', ')}`);
  process.exit(0);
}
const selected = new Set(args.only ?? SUITES);
const RESULTS = join(ROOT, '.test-results');
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
const log = (text) => process.stdout.write(`${styleText('bold', '[test]')} ${text}\n`);
const results = [];

function run(cmd, cmdArgs, extraEnv = {}) {
  log(styleText('gray', `$ ${cmd} ${cmdArgs.join(' ')}`));
  return spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit', env: { ...env, ...extraEnv } }).status ?? 1;
}

/** A check that is one pass or one fail, like lint. */
function check(name, cmd, cmdArgs) {
  const status = run(cmd, cmdArgs);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, note: status === 0 ? '' : `exit code ${status}` });
  return status === 0;
}

/** A suite that reports its own counts; a non-zero exit with no failed test is one failure more (a file that did not load). */
function counted(name, status, counts) {
  const failed = counts.failed + (status !== 0 && counts.failed === 0 ? 1 : 0);
  results.push({ name, passed: counts.passed, failed, skipped: counts.skipped, note: status !== 0 && counts.failed === 0 ? `exit code ${status} with no failed test` : '' });
}

function vitestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function vitest(name, filterArgs) {
  const out = join(RESULTS, `${name}.json`);
  const status = run('npx', ['vitest', 'run', ...filterArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  counted(name, status, vitestCounts(out));
}

function unmet(name, reason) {
  log(styleText('red', reason));
  results.push({ name, passed: 0, failed: 1, note: 'prerequisite missing' });
}

// Build first: type-aware lint rules need the libraries' declarations in dist/ to see their types.
let built = true;
if (['build', 'e2e', 'lint'].some((s) => selected.has(s))) built = check('build', 'npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=stream']);
if (selected.has('lint')) check('lint', 'npx', ['eslint', '.']);
if (selected.has('typecheck')) check('typecheck', 'npx', ['nx', 'run-many', '-t', 'typecheck', '--outputStyle=stream']);

const openssl = ensureOpenssl(log);
if (!openssl.ok) log(styleText('red', openssl.reason));

if (selected.has('unit')) vitest('unit', ['--exclude', '**/*.int.test.ts']);

if (selected.has('integration')) {
  const pg = await ensurePostgres(log);
  const certmonger = ensureCertmonger(log);
  if (!certmonger.ok) log(styleText('red', certmonger.reason));
  if (pg.ok) vitest('integration', ['.int.test.ts']);
  else unmet('integration', pg.reason);
}

if (selected.has('e2e')) {
  const chromium = ensureChromium(log);
  if (!chromium.ok) unmet('e2e', chromium.reason);
  else if (!built) unmet('e2e', 'the build failed, so the platform cannot start for the e2e suite');
  else {
    const status = run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']);
    const file = join(RESULTS, 'e2e.json');
    const stats = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).stats : undefined;
    counted('e2e', status, { passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0), failed: stats?.unexpected ?? 0, skipped: stats?.skipped ?? 0 });
  }
}

const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + (r.skipped ?? 0) }), { passed: 0, failed: 0, skipped: 0 });
process.stdout.write('\nSummary\n');
for (const r of results) {
  const mark = r.failed > 0 ? styleText('red', 'FAIL') : styleText('green', 'ok  ');
  process.stdout.write(`  ${mark} ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? `  (${r.note})` : ''}\n`);
}
process.stdout.write(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`);
process.exit(total.failed > 0 || results.length === 0 ? 1 : 0);
