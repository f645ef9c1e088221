import { DrydockError } from '../core/errors.js';
import { isSeverity, SEVERITIES, type Severity } from '../core/severity.js';
import { DEFAULT_FAIL_ON } from '../policy/gate.js';

/** `--fail-on SEVERITY` as every report command reads it (default: the gate's default). */
export function parseFailOnFlag(value: string | undefined): Severity {
  return severityFlag(value) ?? DEFAULT_FAIL_ON;
}

/** `--fail-on SEVERITY`, case-insensitive; undefined when the flag is absent (the caller picks a default). */
export function severityFlag(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (!isSeverity(v))
    throw new DrydockError('usage', `--fail-on must be one of ${SEVERITIES.join(', ')} (got "${value}")`);
  return v;
}
