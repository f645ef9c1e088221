import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const parse = require('spdx-expression-parse') as (expression: string) => unknown;

/** True when `text` is a valid SPDX license expression (`MIT`, `GPL-2.0-only OR MIT`), per spdx-expression-parse. */
export function isSpdxExpression(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}
