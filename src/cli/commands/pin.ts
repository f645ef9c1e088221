import { type Command, Option } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { EXIT_ERROR, EXIT_OK, EXIT_POLICY } from '../../policy/gate.js';
import { useColor } from '../output.js';

interface PinFlags {
  dryRun?: boolean;
  check?: boolean;
  lock?: boolean;
  lockFile?: string;
  offline?: boolean;
  format: 'text' | 'json';
  color: boolean;
  insecureRegistry?: string[];
  concurrency?: string;
}

/** Options `pin` and `update` share: registry access, lock file, output. */
export function registryOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--lock-file <file>', 'the lock file (ref → digest, resolvedAt)', 'drydock.lock')
    .option('--insecure-registry <host...>', 'allow plain HTTP for these registries (localhost is always allowed)')
    .option('--concurrency <n>', 'distinct tags resolved at once (default 4)')
    .option('--no-color', 'never colour the output');
}

export function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new DrydockError('usage', `--concurrency must be an integer from 1 to 64 (got "${text}")`);
  }
  return n;
}

/** Prints resolution and file errors as one line each (hints once) on stderr. */
export function printErrors(run: import('../../pin/pin-paths.js').PinRun, wrote: boolean): void {
  const hints = new Set<string>();
  for (const w of run.skippedFiles)
    process.stderr.write(`drydock: warning: ${w.path}: not valid YAML (${w.message}): skipped\n`);
  for (const e of run.fileErrors) process.stderr.write(`drydock: error: ${e.path}: ${e.message}\n`);
  for (const e of run.plan.errors) {
    process.stderr.write(`drydock: ${e.toLine()}\n`);
    if (e.hint) hints.add(e.hint);
  }
  for (const h of hints) process.stderr.write(`hint: ${h}\n`);
  if (!wrote && (run.fileErrors.length > 0 || run.plan.errors.length > 0)) {
    process.stderr.write('drydock: no file was changed\n');
  }
}

/** `drydock pin [PATH…]`: add the digest of its tag to every image reference. */
export function registerPin(program: Command, setExit: (code: number) => void): void {
  registryOptions(
    program
      .command('pin')
      .description(
        'Pin every image reference (Dockerfile, Compose, Kubernetes, ECS, GitHub Actions, GitLab CI) to the digest of its tag',
      )
      .argument('[paths...]', 'files or directories to search (default: .)')
      .option('--dry-run', 'print a unified diff of what would change; change nothing')
      .option('--check', 'change nothing; exit 1 when any reference is not pinned yet')
      .option('--lock', 'record every resolved digest in the lock file')
      .option('--offline', 'take digests from the lock file only (no registry access)'),
  )
    .addHelpText(
      'after',
      `
References become name:tag@sha256:… (the tag is kept; the digest is the multi-arch index digest when
the tag names an index). References already pinned, templated values (\${VAR}, {{ }}, \${{ }}) and
images built from ARGs without defaults are never touched. FROM \${BASE} is pinned at ARG BASE's default.

Examples:
  drydock pin                                   pin everything under the current directory
  drydock pin Dockerfile k8s/ --dry-run         show the diff only
  drydock pin --lock && git add drydock.lock    pin and record digests for offline CI
  drydock pin --offline                         pin from drydock.lock, no network
  drydock pin --check .                         CI gate: exit 1 when something is unpinned

Exit codes: 0 done, 1 (--check) something is not pinned, 2 a file or a registry error (nothing written).`,
    )
    .action(async (paths: string[], flags: PinFlags) => {
      const { pinPaths } = await import('../../pin/pin-paths.js');
      const { renderJson, renderOutcomes } = await import('../../pin/render.js');
      const concurrency = parseConcurrency(flags.concurrency);
      const run = await pinPaths(paths, {
        insecureRegistries: flags.insecureRegistry ?? [],
        lockPath: flags.lockFile ?? 'drydock.lock',
        write: !flags.dryRun && !flags.check,
        ...(flags.lock ? { writeLock: true } : {}),
        ...(flags.offline ? { offline: true } : {}),
        ...(concurrency ? { concurrency } : {}),
      });
      if (flags.dryRun && flags.format === 'text') {
        const { unifiedDiff } = await import('../../pin/unified-diff.js');
        process.stdout.write(unifiedDiff(run.plan.files));
      } else if (flags.format === 'json') process.stdout.write(renderJson(run));
      else process.stdout.write(renderOutcomes(run, { color: useColor(flags), verb: 'pin' }));
      printErrors(run, run.written.length > 0);
      if (run.plan.errors.length > 0 || run.fileErrors.length > 0) setExit(EXIT_ERROR);
      else if (flags.check && run.plan.files.some((f) => f.outcomes.some((o) => o.status === 'pinned')))
        setExit(EXIT_POLICY);
      else setExit(EXIT_OK);
    });
}

/** `pin`, `update` and `init ci`: registered together so the CLI wires them with one call. */
export async function registerPinCommands(program: Command, setExit: (code: number) => void): Promise<void> {
  registerPin(program, setExit);
  const [{ registerUpdate }, { registerInit }] = await Promise.all([import('./update.js'), import('./init.js')]);
  registerUpdate(program, setExit);
  registerInit(program, setExit);
}
