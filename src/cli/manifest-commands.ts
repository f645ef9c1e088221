import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import pc from 'picocolors';
import { DrydockError } from '../core/errors.js';
import { SEVERITIES } from '../core/severity.js';
import type { HardenOutcome } from '../manifests/harden-loop.js';
import type { ManifestKindChecker } from '../manifests/kind-checker.js';
import { DEFAULT_FAIL_ON, EXIT_ERROR, EXIT_OK, EXIT_POLICY, gate } from '../policy/gate.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/reporter.js';
import { parseFailOnFlag } from './fail-on.js';
import { emit, useColor, writeFileAtomic } from './output.js';

interface CheckFlags {
  format: ReportFormat;
  output?: string;
  quiet?: boolean;
  color: boolean;
  failOn?: string;
  only?: string[];
}

interface HardenFlags {
  write?: boolean;
  output?: string;
  check?: boolean;
  user?: string;
  quiet?: boolean;
  color: boolean;
}

/** What every deployment kind's command shares: `drydock <kind> check` and `drydock <kind> harden`. */
export interface ManifestCommandSpec {
  readonly name: string;
  readonly description: string;
  /** Loaded only when the command runs, so `drydock lint` never pays for manifest code. */
  readonly load: () => Promise<{
    readonly checker: ManifestKindChecker;
    readonly harden?: (text: string, path: string, options: { user: string }) => HardenOutcome;
  }>;
  readonly checkExamples: string;
  readonly hardenExamples?: string;
  /** What harden adds, for its help text. */
  readonly hardenSummary?: string;
  readonly notRecognised: string;
  /** Help text of `harden --user` (the kinds differ: compose and ECS take names, Kubernetes a UID). */
  readonly userHelp?: string;
}

/** `drydock <kind> check PATH…` and (when the kind has one) `drydock <kind> harden PATH…`. */
export function registerManifestCommands(
  program: Command,
  setExit: (code: number) => void,
  spec: ManifestCommandSpec,
): void {
  const command = program.command(spec.name).description(spec.description);
  command
    .command('check')
    .description(`Report every hardening gap in ${spec.name} files, with line and column`)
    .argument('[paths...]', 'files or directories (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-q, --quiet', 'only findings: no source excerpts, no summary')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above this severity (${SEVERITIES.join('|')})`)
    .option('--only <rules...>', 'run only these rules (drydock ids or peer aliases)')
    .addHelpText(
      'after',
      `
Examples:
${spec.checkExamples}

Exit codes: 0 no finding at or above --fail-on (default ${DEFAULT_FAIL_ON}), 1 findings at or above it,
2 usage or input error (a file that does not parse is reported as file:line:col: reason).`,
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      const threshold = parseFailOnFlag(flags.failOn);
      const [{ checkManifestPaths }, { checker }, { REPORTERS }] = await Promise.all([
        import('../manifests/check-paths.js'),
        spec.load(),
        import('../report/index.js'),
      ]);
      const only = flags.only?.flatMap((o) => o.split(',')).filter(Boolean);
      const report = checkManifestPaths(paths, [checker], only ? { only } : {});
      emit(REPORTERS[flags.format].render(report, { color: useColor(flags), quiet: flags.quiet ?? false }), flags);
      setExit(gate(report, threshold).exitCode);
    });

  if (!spec.hardenExamples) return;
  command
    .command('harden')
    .description('Rewrite files to the hardened form with minimal edits: prints a diff, or applies it')
    .argument('<paths...>', 'files or directories; - reads stdin')
    .option('--write', 'apply the changes to the files (atomically)')
    .option('-o, --output <file>', 'write the hardened file to FILE (one input file only)')
    .option('--check', 'change nothing; exit 1 when harden would change a file (for CI)')
    .option(
      '--user <user>',
      spec.userHelp ?? 'user to set where none (or root) is set: UID, UID:GID or a name the image has',
      '1000',
    )
    .option('-q, --quiet', 'do not list what harden changed or what needs a human')
    .option('--no-color', 'never colour the diff (NO_COLOR is honoured too)')
    .addHelpText(
      'after',
      `
Examples:
${spec.hardenExamples}

${spec.hardenSummary ?? ''}

Exit codes: 0 done (or nothing to change), 1 with --check: harden would change a file,
2 usage or input error (a file that does not parse is never rewritten).`,
    )
    .action(async (paths: string[], flags: HardenFlags) => {
      if ([flags.write, flags.output, flags.check].filter(Boolean).length > 1) {
        throw new DrydockError('usage', '--write, --output and --check exclude each other');
      }
      const user = (flags.user ?? '1000').trim();
      if (!/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/.test(user) || /^(root|0+)(:|$)/.test(user)) {
        throw new DrydockError('usage', `--user must be a non-root UID, UID:GID or user name (got "${flags.user}")`);
      }
      const [{ expandPaths }, { isManifestCandidate }, { checker, harden }, { unifiedDiff }] = await Promise.all([
        import('../core/walk-files.js'),
        import('../manifests/check-paths.js'),
        spec.load(),
        import('../core/unified-diff.js'),
      ]);
      if (!harden) return;
      const named = new Set(paths);
      const files = expandPaths(paths, (p) => isManifestCandidate(basename(p)));
      if (flags.output && files.length !== 1) {
        throw new DrydockError('usage', `--output takes exactly one input file (got ${files.length})`);
      }
      const color = useColor(flags, process.stdout);
      let failed = false;
      let changed = false;
      for (const path of files) {
        const text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
        if (!checker.claims(path, text)) {
          if (named.has(path)) {
            process.stderr.write(`drydock: error: ${path}: ${spec.notRecognised}\n`);
            failed = true;
          }
          continue;
        }
        const result = harden(text, path, { user });
        if (result.errors.length > 0) {
          for (const e of result.errors) {
            process.stderr.write(`drydock: error: ${e.path}:${e.line ?? 1}:${e.column ?? 1}: ${e.message}\n`);
          }
          failed = true;
          continue;
        }
        const fileChanged = result.text !== result.original;
        changed ||= fileChanged;
        if (flags.output) writeFileAtomic(flags.output, result.text);
        else if (flags.write) {
          if (fileChanged) {
            writeFileAtomic(path, result.text);
            process.stdout.write(`hardened ${path}\n`);
          }
        } else if (!flags.check) {
          const diff = unifiedDiff(path, result.original, result.text);
          process.stdout.write(color ? colorDiff(diff) : diff);
        }
        if (!flags.quiet) {
          for (const m of result.messages) process.stderr.write(`${path}: ${m}\n`);
          for (const f of result.remaining) {
            process.stderr.write(
              `${path}:${f.location.line}:${f.location.column} ${f.ruleId} needs a human: ${f.message}\n`,
            );
          }
        }
        if (result.stable === false) {
          process.stderr.write(`drydock: warning: ${path}: the fixes did not settle after 10 passes\n`);
        }
      }
      setExit(failed ? EXIT_ERROR : flags.check && changed ? EXIT_POLICY : EXIT_OK);
    });
}

export function colorDiff(diff: string): string {
  const c = pc.createColors(true);
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return c.bold(line);
      if (line.startsWith('+')) return c.green(line);
      if (line.startsWith('-')) return c.red(line);
      if (line.startsWith('@@')) return c.cyan(line);
      return line;
    })
    .join('\n');
}
