import type { DepsRule } from '../rule.js';
import { DP1001 } from './DP1001.js';
import { DP1002 } from './DP1002.js';
import { DP1003 } from './DP1003.js';
import { DP1004 } from './DP1004.js';
import { DP1005 } from './DP1005.js';
import { DP1006 } from './DP1006.js';

/** Every dependency rule, sorted by id. */
export const DEPS_RULES: readonly DepsRule[] = [DP1001, DP1002, DP1003, DP1004, DP1005, DP1006];
