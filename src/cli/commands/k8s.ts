import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import pc from 'picocolors';
import { DrydockError } from '../../core/errors.js';
import { isSeverity, SEVERITIES, type Severity } from '../../core/severity.js';
import { DEFAULT_FAIL_ON, EXIT_ERROR, EXIT_OK, EXIT_POLICY, gate } from '../../policy/gate.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/reporter.js';
import { emit, useColor, writeFileAtomic } from '../output.js';

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

/** `drydock k8s check|harden`: Pod Security Standards and the guide's hardening for Kubernetes YAML/JSON. */
export function registerK8s(program: Command, setExit: (code: number) => void): void {
  const k8s = program
    .command('k8s')
    .description('Check and harden Kubernetes manifests (Pod Security Standards baseline and restricted, the guide)');

  k8s
    .command('check')
    .description('Report every Pod Security Standards and hardening gap, with line, column and PSS level')
    .argument('[paths...]', 'manifests (YAML or JSON, multi-document, List) or directories (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-q, --quiet', 'only findings: no source excerpts, no summary')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above this severity (${SEVERITIES.join('|')})`)
    .option('--only <rules...>', 'run only these rules: DK ids or peer aliases (KSV017, CKV_K8S_20, runAsPrivileged…)')
    .addHelpText(
      'after',
      `
Examples:
  drydock k8s check deploy/                      every manifest under deploy/
  drydock k8s check app.yaml --fail-on high      fail only on high and critical findings
  drydock k8s check k8s/ --only KSV012 KSV014    just these peer checks
  drydock k8s check k8s/ -f sarif -o k8s.sarif

Suppress a finding with a comment on the line above (or at the end of the line):
  # drydock-ignore=DK1007 the log shipper reads /var/log

Exit codes: 0 no finding at or above --fail-on (default ${DEFAULT_FAIL_ON}), 1 findings at or above it,
2 usage or input error (a file that does not parse is reported as file:line:col: reason).`,
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      const threshold = parseFailOn(flags.failOn);
      const [{ checkManifestPaths }, { kubernetesChecker }, { REPORTERS }] = await Promise.all([
        import('../../manifests/check-paths.js'),
        import('../../manifests/k8s/index.js'),
        import('../../report/index.js'),
      ]);
      const only = flags.only?.flatMap((o) => o.split(',')).filter(Boolean);
      const report = checkManifestPaths(paths, [kubernetesChecker], only ? { only } : {});
      emit(REPORTERS[flags.format].render(report, { color: useColor(flags), quiet: flags.quiet ?? false }), flags);
      setExit(gate(report, threshold).exitCode);
    });

  k8s
    .command('harden')
    .description('Rewrite manifests to the hardened form with minimal edits: prints a diff, or applies it')
    .argument('<paths...>', 'manifests or directories')
    .option('--write', 'apply the changes to the files (atomically)')
    .option('-o, --output <file>', 'write the hardened manifest to FILE (one input file only)')
    .option('--check', 'change nothing; exit 1 when harden would change a file (for CI)')
    .option('--user <uid>', 'runAsUser to add where runAsNonRoot: true is added and no UID is set', '1000')
    .option('-q, --quiet', 'do not list what harden added or what needs a human')
    .option('--no-color', 'never colour the diff (NO_COLOR is honoured too)')
    .addHelpText(
      'after',
      `
Examples:
  drydock k8s harden deploy.yaml                 show the diff
  drydock k8s harden deploy.yaml --write         apply it in place
  drydock k8s harden deploy.yaml -o deploy.secure.yaml
  drydock k8s harden k8s/ --check                CI: exit 1 when something is left to harden

harden adds the guide's securityContext (runAsNonRoot, runAsUser, readOnlyRootFilesystem,
allowPrivilegeEscalation: false, capabilities drop ALL, seccomp RuntimeDefault), turns off privileged
mode, unconfined profiles and the automatic service account token, and mounts an emptyDir where a
read-only root file system would break a writable path (/tmp, nginx's cache, database directories).
Comments, key order, quoting and JSON stay as they are. What needs a human (hostPath, host namespaces,
resources, image digests, secrets in env) is listed on stderr.

Exit codes: 0 done (or nothing to change), 1 with --check: harden would change a file,
2 usage or input error (a file that does not parse is never rewritten).`,
    )
    .action(async (paths: string[], flags: HardenFlags) => {
      if ([flags.write, flags.output, flags.check].filter(Boolean).length > 1) {
        throw new DrydockError('usage', '--write, --output and --check exclude each other');
      }
      const user = Number(flags.user ?? '1000');
      if (!Number.isInteger(user) || user < 1) {
        throw new DrydockError('usage', `--user must be a non-zero numeric UID (got "${flags.user}")`);
      }
      const [{ expandPaths }, { isManifestCandidate }, { kubernetesChecker }, { hardenKubernetes }, { unifiedDiff }] =
        await Promise.all([
          import('../../core/walk-files.js'),
          import('../../manifests/check-paths.js'),
          import('../../manifests/k8s/index.js'),
          import('../../manifests/k8s/harden.js'),
          import('../../core/unified-diff.js'),
        ]);
      const named = new Set(paths);
      const files = expandPaths(paths, isManifestCandidate);
      if (flags.output && files.length !== 1) {
        throw new DrydockError('usage', `--output takes exactly one input file (got ${files.length})`);
      }
      const color = useColor(flags, process.stdout);
      let failed = false;
      let changed = false;
      for (const path of files) {
        const text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
        if (!kubernetesChecker.claims(path, text)) {
          if (named.has(path)) {
            process.stderr.write(`drydock: error: ${path}: not a Kubernetes manifest (no apiVersion and kind)\n`);
            failed = true;
          }
          continue;
        }
        const result = hardenKubernetes(text, path, { user });
        if (result.errors.length > 0) {
          for (const e of result.errors)
            process.stderr.write(`drydock: error: ${e.path}:${e.line ?? 1}:${e.column ?? 1}: ${e.message}\n`);
          failed = true;
          continue;
        }
        changed ||= result.changed;
        if (flags.output) writeFileAtomic(flags.output, result.text);
        else if (flags.write) {
          if (result.changed) {
            writeFileAtomic(path, result.text);
            process.stdout.write(`hardened ${path}\n`);
          }
        } else if (!flags.check) {
          const diff = unifiedDiff(path, result.original, result.text);
          process.stdout.write(color ? colorDiff(diff) : diff);
        }
        if (!flags.quiet) {
          for (const note of result.notes) process.stderr.write(`${path}: note: ${note}\n`);
          for (const f of result.remaining) {
            process.stderr.write(
              `${path}:${f.location.line}:${f.location.column} ${f.ruleId} needs a human: ${f.message}\n`,
            );
          }
        }
        if (!result.stable)
          process.stderr.write(`drydock: warning: ${path}: the fixes did not settle after 10 passes\n`);
      }
      setExit(failed ? EXIT_ERROR : flags.check && changed ? EXIT_POLICY : EXIT_OK);
    });
}

function parseFailOn(value: string | undefined): Severity {
  if (value === undefined) return DEFAULT_FAIL_ON;
  const v = value.toLowerCase();
  if (!isSeverity(v))
    throw new DrydockError('usage', `--fail-on must be one of ${SEVERITIES.join(', ')} (got "${value}")`);
  return v;
}

function colorDiff(diff: string): string {
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
