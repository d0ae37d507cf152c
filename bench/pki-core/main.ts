import { parseArgs } from 'node:util';
import { formatTable, measure, type BenchResult } from '../harness';
import { pkiCoreCases, rawSignatureBaseline } from './cases';

/**
 * `npm run bench:pki-core`: ops/s of each pki-core operation the flows use, printed beside the
 * raw WebCrypto RSA-2048 signature rate of the same machine in the same run, as a ratio.
 * `--budget <ms>` sets the time per case (default 2000); `--json` prints the results as JSON.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { budget: { type: 'string', default: '2000' }, json: { type: 'boolean', default: false } } });
  const budget = Number(values.budget);
  const baseline = await measure(await rawSignatureBaseline(), budget);
  const results: BenchResult[] = [];
  for (const bench of await pkiCoreCases()) {
    // RSA key generation is ~6/s: give it at least a handful of samples whatever the budget.
    results.push(await measure(bench, budget, bench.name.startsWith('keygen') ? 1 : 3));
    if (!values.json) process.stderr.write(`  measured ${bench.name}\n`);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ baseline, results: results.map((r) => ({ ...r, ratio: r.opsPerSecond / baseline.opsPerSecond })) }, null, 2)}\n`);
  } else {
    process.stdout.write(`\npki-core, against the raw WebCrypto RSA-2048 SHA-256 signature rate (ratio 1.0000)\n\n${formatTable(baseline, results)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
