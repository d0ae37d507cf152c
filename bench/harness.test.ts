import { describe, expect, it } from 'vitest';
import { formatTable, measure } from './harness';

describe('bench harness', () => {
  it('counts every operation of a batch and keeps measuring until the budget is spent', async () => {
    let calls = 0;
    const sut = await measure({ name: 'batch', opsPerRun: 10, run: async () => void calls++ }, 20, 2);
    expect(sut.samples).toBe((calls - 2) * 10);
    expect(sut.samples).toBeGreaterThanOrEqual(50);
    expect(sut.opsPerSecond).toBeGreaterThan(0);
  });

  it('prints each result as a ratio to the baseline measured in the same run', () => {
    const table = formatTable({ name: 'baseline', opsPerSecond: 2000, samples: 10 }, [{ name: 'issue', opsPerSecond: 50, samples: 5 }]);
    const [, , baselineRow, issueRow] = table.split('\n');
    expect(baselineRow).toMatch(/^baseline\s+2000\s+1\.0000\s+10$/);
    expect(issueRow).toMatch(/^issue\s+50\.00\s+0\.0250\s+5$/);
  });
});
