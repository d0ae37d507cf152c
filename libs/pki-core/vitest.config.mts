import { nodeProject } from '../../vitest.shared.mts';

export default nodeProject('pki-core');
