import { type HardenResult, hardenWith } from '../harden-loop.js';
import { checkComposeText } from './index.js';
import { COMPOSE_RULES } from './rules/index.js';
import type { ComposeFixOptions } from './subjects.js';

/**
 * The secure compose file: every service gets the guide's block (non-root `user`, `read_only: true`
 * with a tmpfs for /tmp and the paths its image writes, `cap_drop: [ALL]`,
 * `security_opt: [no-new-privileges:true]`) and `privileged: false`, as minimal text edits that keep
 * comments, key order, quoting and indentation. What needs a person (socket mounts, host namespaces,
 * secrets to move, digests to pin) is left and listed in `remaining`.
 */
export function hardenCompose(text: string, path: string, options: ComposeFixOptions = {}): HardenResult {
  const rules = COMPOSE_RULES.filter((r) => !r.meta.optional);
  return hardenWith(path, text, (t) => checkComposeText(t, path, rules, options));
}
