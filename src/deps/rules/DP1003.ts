import type { DepsRule } from '../rule.js';

/** In hash-checking mode pip refuses a requirement without `--hash`; outside it, a lock without hashes trusts the index. */
export const DP1003: DepsRule = {
  meta: {
    id: 'DP1003',
    title: 'Dependency without a hash',
    severity: 'medium',
    why: 'A hash ties the pin to the exact file that was reviewed; without one a re-uploaded or tampered archive installs silently, and in hash-checking mode pip refuses the whole install.',
    fix: 'Generate hashes (`pip-compile --generate-hashes`, `pip hash`), or regenerate the lock file with its hashes.',
    aliases: [],
    example: { bad: 'django==4.2.11', good: 'django==4.2.11 --hash=sha256:…' },
  },
  check(ctx) {
    const format = ctx.manifest.format;
    const requirements = format === 'requirements';
    const lock =
      format === 'poetry-lock' || format === 'uv-lock' || format === 'pipfile-lock' || format === 'package-lock';
    const why = requirements
      ? (ctx.hashMode ?? (ctx.requireHashes ? '--require-hashes' : undefined))
      : ctx.requireHashes && lock
        ? '--require-hashes'
        : undefined;
    if (why === undefined) return;
    for (const d of ctx.manifest.dependencies) {
      if (d.role === 'constraint' || d.role === 'declared' || d.hashes.length > 0) continue;
      if (d.source.type === 'path') continue; // the project's own code
      ctx.report({ message: `${d.name} has no hash (hash checking is on: ${why})`, span: d.span });
    }
  },
};
