import { type Command, Option } from 'commander';
import { SEVERITIES } from '../../core/severity.js';
import type { DepsAuditOptions } from '../../deps/audit.js';
import { parseBudget } from '../../policy/budget.js';
import { EXIT_ERROR, EXIT_OK, EXIT_POLICY } from '../../policy/gate.js';
import { REPORTERS } from '../../report/index.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/reporter.js';
import { severityFlag } from '../fail-on.js';
import { emit, useColor, writeFileAtomic } from '../output.js';

interface DepsFlags {
  format: ReportFormat;
  output?: string;
  quiet?: boolean;
  color: boolean;
  failOn?: string;
  max?: string;
  ignoreUnfixed?: boolean;
  db?: string;
  osv?: string[];
  vulns: boolean;
  requireHashes?: boolean;
}

interface DepsFixFlags {
  write?: boolean;
  db?: string;
  osv?: string[];
}

function auditOptions(flags: {
  db?: string;
  osv?: string[];
  vulns?: boolean;
  requireHashes?: boolean;
}): DepsAuditOptions {
  return {
    ...(flags.db ? { dbPath: flags.db } : {}),
    ...(flags.osv ? { osv: flags.osv } : {}),
    ...(flags.vulns === false ? { vulnerabilities: false } : {}),
    ...(flags.requireHashes ? { requireHashes: true } : {}),
  };
}

/** `drydock deps [PATH…]` and `drydock deps fix [PATH…] [--write]`. */
export function registerDeps(program: Command, setExit: (code: number) => void): void {
  const deps = program
    .command('deps')
    .description('Audit Python and npm dependency files: pinning, hashes, index transport, known vulnerabilities')
    .argument('[paths...]', 'dependency files or directories to search (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-q, --quiet', 'only findings: no source excerpts, no summary')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding is at or above this severity (${SEVERITIES.join('|')}; default low)`,
    )
    .option('--max <budget>', 'allowed vulnerable pins per severity, e.g. critical=0,high=9')
    .option('--ignore-unfixed', 'vulnerable pins with no known fix are shown but do not fail the gate')
    .option('--db <file>', 'vulnerability database (default: the one `drydock db import|update` builds)')
    .option(
      '--osv <paths...>',
      'import these OSV records (directory, files or all.zip) into a temporary database instead',
    )
    .option('--no-vulns', 'skip the known-vulnerability check (no database needed)')
    .option('--require-hashes', 'every requirement and lock entry must carry a hash (pip --require-hashes)')
    .addHelpText(
      'after',
      `
Reads requirements*.txt (with -r/-c includes), pyproject.toml (PEP 621, PEP 735, uv, Poetry), Pipfile,
Pipfile.lock, poetry.lock, uv.lock, package.json and package-lock.json / npm-shrinkwrap.json.

Rules: DP1001 not pinned, DP1002 loosely pinned, DP1003 no hash (hash-checking mode or --require-hashes),
DP1004 pinned version with known vulnerabilities (the smallest fixed version the other constraints allow),
DP1005 packages fetched without TLS, DP1006 --extra-index-url (dependency confusion).

Examples:
  drydock deps                                audit every dependency file under the current directory
  drydock deps requirements.txt --osv ./osv/pypi
  drydock deps . --max critical=0,high=9 -f sarif -o deps.sarif
  drydock deps fix                            show the pin upgrades as a diff
  drydock deps fix --write                    apply them

Exit codes: 0 no finding at or above --fail-on (default low) and within --max, 1 otherwise,
2 usage or input error (a file that does not parse, an include cycle, no database).`,
    )
    .action(async (paths: string[], flags: DepsFlags) => {
      const failOn = severityFlag(flags.failOn);
      const max = flags.max ? parseBudget(flags.max) : undefined;
      const [{ auditDependencies }, { gateDeps }] = await Promise.all([
        import('../../deps/audit.js'),
        import('../../deps/gate.js'),
      ]);
      const report = await auditDependencies(paths, auditOptions(flags));
      const out = REPORTERS[flags.format].render(report, { color: useColor(flags), quiet: flags.quiet ?? false });
      emit(out, flags);
      const verdict = gateDeps(report, {
        ...(failOn ? { failOn, failOnGiven: true } : {}),
        ...(max ? { max } : {}),
        ...(flags.ignoreUnfixed ? { ignoreUnfixed: true } : {}),
      });
      if (verdict.exitCode === EXIT_POLICY && max) {
        for (const reason of verdict.reasons) process.stderr.write(`drydock: gate: ${reason}\n`);
      }
      setExit(verdict.exitCode);
    });

  deps
    .command('fix')
    .description('Raise vulnerable pins to the smallest fixed version (a diff, or --write)')
    .argument('[paths...]', 'dependency files or directories to search (default: .)')
    .option('--write', 'rewrite the files (atomically) instead of printing a diff')
    .option('--db <file>', 'vulnerability database (default: the one `drydock db import|update` builds)')
    .option('--osv <paths...>', 'import these OSV records into a temporary database instead')
    .addHelpText(
      'after',
      `
Only exact pins in requirements files, pyproject.toml, Pipfile and package.json are edited, in place:
comments, spacing, extras and markers stay as they are. Lock files, pins with --hash values and files
that do not parse completely are never changed; what is left is listed with the command to run.

Exit codes: 0 nothing to change or --write applied the changes, 1 the diff is not empty (CI: "pins
are stale"), 2 a file could not be read or parsed, or no database.`,
    )
    .action(async (paths: string[], _flags: DepsFixFlags, command: Command) => {
      // `--db`/`--osv` after `fix` may land on the parent `deps` command: take them from either.
      const flags = command.optsWithGlobals<DepsFixFlags>();
      const [{ auditDependencies }, { fixedFileContent, planDependencyFixes, renderFixDiff }] = await Promise.all([
        import('../../deps/audit.js'),
        import('../../deps/fix.js'),
      ]);
      const report = await auditDependencies(paths, auditOptions(flags));
      const plan = planDependencyFixes(report);
      for (const e of report.errors) {
        const where = e.line !== undefined ? `${e.path}:${e.line}:${e.column ?? 1}` : e.path;
        process.stderr.write(`drydock: error: ${where}: ${e.message}\n`);
      }
      for (const s of plan.skipped) process.stderr.write(`drydock: ${s.path}: ${s.reason}\n`);
      for (const f of plan.unfixed) {
        process.stderr.write(`drydock: not fixed: ${f.location.path}:${f.location.line}: ${f.message}\n`);
      }
      if (flags.write) {
        for (const f of plan.files) {
          writeFileAtomic(f.path, fixedFileContent(f));
          process.stdout.write(`fixed ${f.path} (${f.fixed.length} pin${f.fixed.length === 1 ? '' : 's'})\n`);
        }
      } else {
        process.stdout.write(renderFixDiff(plan));
      }
      if (report.errors.length > 0) setExit(EXIT_ERROR);
      else setExit(!flags.write && plan.files.length > 0 ? EXIT_POLICY : EXIT_OK);
    });
}
