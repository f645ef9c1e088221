import type { KubernetesRule } from '../rule-kit.js';
import { DK1001 } from './DK1001.js';
import { DK1002 } from './DK1002.js';
import { DK1003 } from './DK1003.js';
import { DK1004 } from './DK1004.js';
import { DK1005 } from './DK1005.js';
import { DK1006 } from './DK1006.js';
import { DK1007 } from './DK1007.js';
import { DK1008 } from './DK1008.js';
import { DK1009 } from './DK1009.js';
import { DK1010 } from './DK1010.js';
import { DK1011 } from './DK1011.js';
import { DK1012 } from './DK1012.js';
import { DK1013 } from './DK1013.js';
import { DK1014 } from './DK1014.js';
import { DK2001 } from './DK2001.js';
import { DK2002 } from './DK2002.js';
import { DK2003 } from './DK2003.js';
import { DK2004 } from './DK2004.js';
import { DK2005 } from './DK2005.js';
import { DK2006 } from './DK2006.js';
import { DK2007 } from './DK2007.js';
import { DK3001 } from './DK3001.js';
import { DK3002 } from './DK3002.js';
import { DK3003 } from './DK3003.js';
import { DK4001 } from './DK4001.js';
import { DK4002 } from './DK4002.js';
import { DK4003 } from './DK4003.js';
import { DK4004 } from './DK4004.js';
import { DK5001 } from './DK5001.js';
import { DK5002 } from './DK5002.js';

/** Every Kubernetes rule, sorted by id (the explicit registry: no file-system scanning). */
export const RULES: readonly KubernetesRule[] = [
  DK1001,
  DK1002,
  DK1003,
  DK1004,
  DK1005,
  DK1006,
  DK1007,
  DK1008,
  DK1009,
  DK1010,
  DK1011,
  DK1012,
  DK1013,
  DK1014,
  DK2001,
  DK2002,
  DK2003,
  DK2004,
  DK2005,
  DK2006,
  DK2007,
  DK3001,
  DK3002,
  DK3003,
  DK4001,
  DK4002,
  DK4003,
  DK4004,
  DK5001,
  DK5002,
];
