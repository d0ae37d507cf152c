import { nodeProject } from '../../vitest.shared.mts';

export default nodeProject('device-agent');
