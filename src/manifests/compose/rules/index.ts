import type { ManifestRule } from '../../rule.js';
import type { ComposeService } from '../subjects.js';
import { DC1001 } from './DC1001.js';
import { DC1002 } from './DC1002.js';
import { DC1003 } from './DC1003.js';
import { DC2001 } from './DC2001.js';
import { DC2002 } from './DC2002.js';
import { DC2003 } from './DC2003.js';
import { DC2004 } from './DC2004.js';
import { DC2005 } from './DC2005.js';
import { DC2006 } from './DC2006.js';
import { DC2007 } from './DC2007.js';
import { DC3001 } from './DC3001.js';
import { DC3002 } from './DC3002.js';
import { DC3003 } from './DC3003.js';
import { DC3004 } from './DC3004.js';
import { DC4001 } from './DC4001.js';
import { DC4002 } from './DC4002.js';
import { DC5001 } from './DC5001.js';

/**
 * Every compose rule, sorted by id. Themes: DC1xxx host access (privileged, runtime socket, host
 * paths), DC2xxx the guide's hardening block (user, read_only, tmpfs, capabilities, no-new-privileges,
 * confinement), DC3xxx host namespaces, DC4xxx secrets, DC5xxx image pinning.
 */
export const COMPOSE_RULES: readonly ManifestRule<ComposeService>[] = [
  DC1001,
  DC1002,
  DC1003,
  DC2001,
  DC2002,
  DC2003,
  DC2004,
  DC2005,
  DC2006,
  DC2007,
  DC3001,
  DC3002,
  DC3003,
  DC3004,
  DC4001,
  DC4002,
  DC5001,
];
