import { type Command, Option } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { isSeverity, SEVERITIES, type Severity } from '../../core/severity.js';
import { DEFAULT_FAIL_ON, gate } from '../../policy/gate.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/reporter.js';
import { emit, useColor } from '../output.js';

interface AuditFlags {
  format: ReportFormat;
  output?: string;
  quiet?: boolean;
  color: boolean;
  config?: string;
  failOn?: string;
  only?: string[];
}

export function registerAudit(program: Command, setExit: (code: number) => void): void {
  program
    .command('audit')
    .description('Check a repository: Dockerfiles, Kubernetes, ECS, compose and Railway files in one report')
    .argument('[paths...]', 'directories or files to audit (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-q, --quiet', 'per-file counts only, no finding lines')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option('-c, --config <file>', 'a .drydock.yaml for the Dockerfile rules instead of the nearest one')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above this severity (${SEVERITIES.join('|')})`)
    .option('--only <rules...>', 'run only these rules (drydock ids or peer aliases: DL3008, KSV017, CKV_K8S_20…)')
    .addHelpText(
      'after',
      `
Examples:
  drydock audit                                   everything under the current directory
  drydock audit examples/migrate-platform --fail-on high
  drydock audit . --format sarif -o audit.sarif   one SARIF log for code scanning

Exit codes: 0 no finding at or above --fail-on (default ${DEFAULT_FAIL_ON}), 1 findings at or above it,
2 usage or input error.`,
    )
    .action(async (paths: string[], flags: AuditFlags) => {
      const threshold = parseFailOn(flags.failOn);
      const { auditPaths } = await import('../../audit/audit-paths.js');
      const report = await auditPaths(paths, {
        ...(flags.config ? { configPath: flags.config } : {}),
        ...(flags.only ? { only: flags.only.flatMap((o) => o.split(',')).filter(Boolean) } : {}),
      });
      const options = { color: useColor(flags), quiet: flags.quiet ?? false };
      let out: string;
      if (flags.format === 'text') {
        const { renderAuditText } = await import('../../report/audit-text.js');
        out = renderAuditText(report, options);
      } else {
        const { REPORTERS } = await import('../../report/index.js');
        out = REPORTERS[flags.format].render(report, options);
      }
      emit(out, flags);
      setExit(gate(report, threshold).exitCode);
    });
}

function parseFailOn(value: string | undefined): Severity {
  if (value === undefined) return DEFAULT_FAIL_ON;
  const v = value.toLowerCase();
  if (!isSeverity(v))
    throw new DrydockError('usage', `--fail-on must be one of ${SEVERITIES.join(', ')} (got "${value}")`);
  return v;
}
