import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { SEVERITIES } from '../../core/severity.js';
import type { DepsAuditOptions } from '../../deps/audit.js';
import { DEFAULT_FAIL_ON, gate } from '../../policy/gate.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/reporter.js';
import { parseFailOnFlag } from '../fail-on.js';
import { emit, useColor } from '../output.js';

interface AuditFlags {
  format: ReportFormat;
  output?: string;
  quiet?: boolean;
  color: boolean;
  config?: string;
  failOn?: string;
  only?: string[];
  db?: string;
  osv?: string[];
  vulns: boolean;
  requireHashes?: boolean;
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
    .option('--db <file>', 'vulnerability database for dependency pins (default: the one `drydock db` builds, if any)')
    .option('--osv <paths...>', 'import these OSV records into a temporary database for dependency pins')
    .option('--no-vulns', 'skip the known-vulnerability check of dependency pins')
    .option('--require-hashes', 'dependency pins must carry hashes (pip --require-hashes)')
    .addHelpText(
      'after',
      `
Examples:
  drydock audit                                   everything under the current directory
  drydock audit examples/migrate-platform --fail-on high
  drydock audit . --format sarif -o audit.sarif   one SARIF log for code scanning
  drydock audit . --osv osv/pypi                  dependency pins against these OSV records

Dependency pins are checked against known vulnerabilities with --db, --osv, or the default database
when \`drydock db import|update\` has built one; otherwise only pinning and hashes are checked (a note
on stderr says so).

Exit codes: 0 no finding at or above --fail-on (default ${DEFAULT_FAIL_ON}), 1 findings at or above it,
2 usage or input error.`,
    )
    .action(async (paths: string[], flags: AuditFlags) => {
      const threshold = parseFailOnFlag(flags.failOn);
      const { auditPaths } = await import('../../audit/audit-paths.js');
      const report = await auditPaths(paths, {
        deps: await depsOptions(flags),
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

async function depsOptions(flags: AuditFlags): Promise<DepsAuditOptions> {
  const common = flags.requireHashes ? { requireHashes: true } : {};
  if (!flags.vulns) return { ...common, vulnerabilities: false };
  if (flags.db) return { ...common, dbPath: flags.db };
  if (flags.osv) return { ...common, osv: flags.osv };
  const { defaultDbPath } = await import('../../vulndb/db.js');
  if (existsSync(defaultDbPath())) return common;
  process.stderr.write(
    'drydock: note: no vulnerability database: dependency pins checked for pinning only (use --osv DIR, or build one with `drydock db import`)\n',
  );
  return { ...common, vulnerabilities: false };
}
