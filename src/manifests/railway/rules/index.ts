import type { ManifestRule } from '../../rule.js';
import type { RailwayConfig } from '../subjects.js';
import { DR1001 } from './DR1001.js';
import { DR1002 } from './DR1002.js';
import { DR1003 } from './DR1003.js';
import { DR2001 } from './DR2001.js';
import { DR2002 } from './DR2002.js';

/** Every Railway rule, sorted by id: DR1xxx what is built (the Dockerfile), DR2xxx how it is run. */
export const RAILWAY_RULES: readonly ManifestRule<RailwayConfig>[] = [DR1001, DR1002, DR1003, DR2001, DR2002];
