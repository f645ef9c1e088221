import { DrydockError } from '../core/errors.js';
import { isSeverity, SEVERITIES, type Severity } from '../core/severity.js';
import { DEFAULT_FAIL_ON } from '../policy/gate.js';

/** `--fail-on SEVERITY` as every report command reads it (default: the gate's default). */
export function parseFailOnFlag(value: string | undefined): Severity {
  if (value === undefined) return DEFAULT_FAIL_ON;
  const v = value.toLowerCase();
  if (!isSeverity(v))
    throw new DrydockError('usage', `--fail-on must be one of ${SEVERITIES.join(', ')} (got "${value}")`);
  return v;
}
