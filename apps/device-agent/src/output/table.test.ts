import { describe, expect, it } from 'vitest';
import { renderTable } from './table';

describe('renderTable', () => {
  it('pads every column to its widest cell', () => {
    const sut = renderTable(['service', 'status'], [['ca', 'healthy'], ['mdm-cloud', 'unreachable']]);
    expect(sut).toBe(['service    status', '---------  -----------', 'ca         healthy', 'mdm-cloud  unreachable', ''].join('\n'));
  });

  it('prints only the header and rule for no rows', () => {
    expect(renderTable(['a'], [])).toBe('a\n-\n');
  });
});
