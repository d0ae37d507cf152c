import { nodeProject } from '../vitest.shared.mts';

export default nodeProject('bench', { include: ['*.test.ts', '*/**/*.test.ts'] });
