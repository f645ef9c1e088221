import type { Rule } from '../rule.js';
import { DD3002 } from './DD3002.js';

/** Every rule, sorted by id. Adding a rule: its file, its test, its line here, its docs page. */
export const RULES: readonly Rule[] = [DD3002];
