import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import { DEFAULT_CONFIG, findConfig, loadConfig } from '../../dockerfile/config.js';
import { lintText, prepareLinter } from '../../dockerfile/linter.js';

// Manifest checkers are synchronous; the Dockerfile linter needs its shell grammar loaded once (about
// 50 ms), so whoever imports the Railway checker waits for it here, once.
await prepareLinter();

export type DockerfileLint = { ok: true; findings: readonly Finding[] } | { ok: false; error: string };

/**
 * Lints a Dockerfile the way `drydock lint` does (the nearest `.drydock.yaml` applies), synchronously.
 * An unreadable, empty or binary Dockerfile, or a broken config, comes back as an error.
 */
export function lintDockerfile(path: string): DockerfileLint {
  try {
    const text = readFileSync(path, 'utf8');
    const configPath = findConfig(dirname(path));
    const result = lintText(text, path, { config: configPath ? loadConfig(configPath) : DEFAULT_CONFIG });
    if (result.error) return { ok: false, error: result.error.message };
    return { ok: true, findings: result.findings };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, error: code ? `cannot read (${code})` : errorMessage(err) };
  }
}
