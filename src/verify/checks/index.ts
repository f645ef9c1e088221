import type { VerifyCheck } from '../check.js';
import { DV1001 } from './DV1001.js';
import { DV1002 } from './DV1002.js';
import { DV2001 } from './DV2001.js';
import { DV3001 } from './DV3001.js';
import { DV3002 } from './DV3002.js';
import { DV3003 } from './DV3003.js';
import { DV4001 } from './DV4001.js';
import { DV4002 } from './DV4002.js';
import { DV4003 } from './DV4003.js';
import { DV4004 } from './DV4004.js';
import { DV5001 } from './DV5001.js';
import { DV5002 } from './DV5002.js';
import { DV6001 } from './DV6001.js';
import { DV6002 } from './DV6002.js';
import { DV6003 } from './DV6003.js';
import { DV7001 } from './DV7001.js';
import { DV7002 } from './DV7002.js';
import { DV7003 } from './DV7003.js';
import { DV7004 } from './DV7004.js';
import { DV8001 } from './DV8001.js';

/** Every image check, sorted by id. Adding one: its file, its test, its line here. */
export const CHECKS: readonly VerifyCheck[] = [
  DV1001,
  DV1002,
  DV2001,
  DV3001,
  DV3002,
  DV3003,
  DV4001,
  DV4002,
  DV4003,
  DV4004,
  DV5001,
  DV5002,
  DV6001,
  DV6002,
  DV6003,
  DV7001,
  DV7002,
  DV7003,
  DV7004,
  DV8001,
];
