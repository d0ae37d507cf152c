/**
 * A small benchmark harness: each case runs for a time budget after a warm-up and reports
 * operations per second. Results are meant to be read as ratios against a baseline case
 * measured in the same run on the same machine, never as absolute numbers.
 */
export interface BenchCase {
  name: string;
  /** One operation. */
  run: () => Promise<unknown>;
  /** Operations performed per call of `run` (a batch), default 1. */
  opsPerRun?: number;
}

export interface BenchResult {
  name: string;
  opsPerSecond: number;
  samples: number;
}

export async function measure(bench: BenchCase, budgetMs: number, warmupRuns = 3): Promise<BenchResult> {
  for (let i = 0; i < warmupRuns; i++) await bench.run();
  const perRun = bench.opsPerRun ?? 1;
  let runs = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs || runs < 5) {
    await bench.run();
    runs++;
    elapsed = performance.now() - started;
  }
  return { name: bench.name, opsPerSecond: (runs * perRun * 1000) / elapsed, samples: runs * perRun };
}

export function formatTable(baseline: BenchResult, results: BenchResult[]): string {
  const rows = [baseline, ...results].map((r) => [
    r.name,
    r.opsPerSecond >= 100 ? r.opsPerSecond.toFixed(0) : r.opsPerSecond.toFixed(2),
    (r.opsPerSecond / baseline.opsPerSecond).toFixed(4),
    String(r.samples),
  ]);
  const headers = ['operation', 'ops/s', `ratio to baseline`, 'samples'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
