import type { Command } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { type FixFileOutcome, fixPaths } from '../../dockerfile/fix/fix-paths.js';
import { parseDigestFlags } from '../../dockerfile/fix/resolve-images.js';
import { EXIT_ERROR, EXIT_OK, EXIT_POLICY } from '../../policy/gate.js';
import { colorDiff } from '../manifest-commands.js';
import { useColor } from '../output.js';

interface FixFlags {
  write?: boolean;
  check?: boolean;
  rules: string[];
  digest: string[];
  offline?: boolean;
  insecureRegistry: string[];
  config?: string;
  aptUpgrade: boolean;
  quiet?: boolean;
  color: boolean;
}

export function registerFix(program: Command, setExit: (code: number) => void): void {
  program
    .command('fix')
    .description('Rewrite Dockerfiles to the hardened form: prints a unified diff, or applies it with --write')
    .argument('[paths...]', 'Dockerfiles or directories to search (default: .)')
    .option('--write', 'apply the fixes to the files (atomically: temp file + rename, mode kept)')
    .option('--check', 'change nothing; exit 1 when a fix would change a file (for CI)')
    // Repeatable single-value options, not variadic ones: `--rules DD3002 Dockerfile` must not read
    // the path as a rule id.
    .option(
      '--rules <ids>',
      'run only these fixes (rule ids or peer aliases, comma-separated; repeatable)',
      collect,
      [],
    )
    .option('--digest <REF=DIGEST>', 'pin REF to DIGEST instead of asking its registry (repeatable)', collect, [])
    .option('--offline', 'ask no registry: base images are pinned only from --digest')
    .option(
      '--insecure-registry <host>',
      'allow plain HTTP for this registry (repeatable; localhost always is)',
      collect,
      [],
    )
    .option('-c, --config <file>', 'use this config instead of the nearest .drydock.yaml')
    .option('--no-apt-upgrade', 'never add apt-get upgrade -y (as requireAptUpgrade: false in the config)')
    .option('-q, --quiet', 'do not list what needs a human')
    .option('--no-color', 'never colour the diff (NO_COLOR is honoured too)')
    .addHelpText(
      'after',
      `
Examples:
  drydock fix                                   show the diff for every Dockerfile under .
  drydock fix Dockerfile --write                apply it (digests resolved from the registry)
  drydock fix . --check                         CI: exit 1 when something is left to fix
  drydock fix --rules DD3002,DL3009 --write     only these fixes
  drydock fix --offline --digest python:3.11-slim=sha256:…   pin without network

What fix cannot do safely (curl | sh, chmod 777, secrets in ENV, build tools in the final stage…)
is listed on stderr as "needs a human", with the reason.

Exit codes: 0 done (or nothing to change), 1 with --check: a fix would change a file,
2 usage or input error (a file that cannot be fixed is left untouched; the others are still fixed).`,
    )
    .action(async (paths: string[], flags: FixFlags) => {
      if (flags.write && flags.check) throw new DrydockError('usage', '--write and --check exclude each other');
      const outcomes = await fixPaths(paths, {
        ...(flags.config ? { configPath: flags.config } : {}),
        ...(flags.rules.length > 0 ? { rules: flags.rules.flatMap((r) => r.split(',')).filter(Boolean) } : {}),
        ...(flags.digest.length > 0 ? { digests: parseDigestFlags(flags.digest) } : {}),
        ...(flags.offline ? { offline: true } : {}),
        ...(flags.insecureRegistry.length > 0 ? { insecureRegistries: flags.insecureRegistry } : {}),
        ...(flags.aptUpgrade === false ? { requireAptUpgrade: false } : {}),
        write: flags.write === true,
      });
      const color = useColor(flags);
      for (const o of outcomes) report(o, flags, color);
      setExit(exitCode(outcomes, flags));
    });
}

function report(o: FixFileOutcome, flags: FixFlags, color: boolean): void {
  if (o.error) {
    const where = o.error.line === undefined ? o.error.path : `${o.error.path}:${o.error.line}:${o.error.column ?? 1}`;
    process.stderr.write(`drydock: error: ${where}: ${o.error.message}\n`);
    return;
  }
  if (flags.write) {
    if (o.written) process.stdout.write(`fixed ${o.path}: ${count(o.applied.length, 'fix', 'fixes')}\n`);
  } else if (o.diff) {
    process.stdout.write(color ? colorDiff(o.diff) : o.diff);
  }
  if (!flags.quiet) {
    for (const h of o.needsHuman) {
      process.stderr.write(`${o.path}:${h.line}:${h.column} ${h.ruleId} needs a human: ${h.reason} (${h.message})\n`);
    }
  }
  if (!o.stable) process.stderr.write(`drydock: warning: ${o.path}: the fixes did not settle after 10 passes\n`);
}

function exitCode(outcomes: readonly FixFileOutcome[], flags: FixFlags): number {
  if (outcomes.some((o) => o.error)) return EXIT_ERROR;
  if (flags.check && outcomes.some((o) => o.changed)) return EXIT_POLICY;
  return EXIT_OK;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
