import { nodeProject } from '../../vitest.shared.mts';

export default nodeProject('mdm-cloud');
