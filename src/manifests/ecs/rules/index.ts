import type { ManifestRule } from '../../rule.js';
import type { EcsContainer } from '../subjects.js';
import { DE1001 } from './DE1001.js';
import { DE1002 } from './DE1002.js';
import { DE1003 } from './DE1003.js';
import { DE2001 } from './DE2001.js';
import { DE2002 } from './DE2002.js';
import { DE2003 } from './DE2003.js';
import { DE2004 } from './DE2004.js';
import { DE3001 } from './DE3001.js';
import { DE3002 } from './DE3002.js';
import { DE3003 } from './DE3003.js';
import { DE4001 } from './DE4001.js';
import { DE5001 } from './DE5001.js';
import { DE6001 } from './DE6001.js';
import { DE6002 } from './DE6002.js';

/**
 * Every ECS rule, sorted by id. Themes: DE1xxx privilege and filesystem (privileged,
 * readonlyRootFilesystem and its writable paths), DE2xxx user, capabilities and init, DE3xxx host
 * namespaces, DE4xxx secrets, DE5xxx image pinning, DE6xxx task plumbing (EFS transit, roles).
 */
export const ECS_RULES: readonly ManifestRule<EcsContainer>[] = [
  DE1001,
  DE1002,
  DE1003,
  DE2001,
  DE2002,
  DE2003,
  DE2004,
  DE3001,
  DE3002,
  DE3003,
  DE4001,
  DE5001,
  DE6001,
  DE6002,
];
