import { nodeProject } from '../../vitest.shared.mts';

export default nodeProject('service-kit');
