import { type Command, Option } from 'commander';
import { SEVERITIES, type Severity } from '../../core/severity.js';
import { DEFAULT_CONFIG, findConfig, loadConfig } from '../../dockerfile/config.js';
import { lintPaths } from '../../dockerfile/lint-paths.js';
import { RULES } from '../../dockerfile/rules/index.js';
import { DEFAULT_FAIL_ON, EXIT_OK, gate } from '../../policy/gate.js';
import { REPORTERS } from '../../report/index.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/reporter.js';
import { severityFlag } from '../fail-on.js';
import { emit, useColor } from '../output.js';
import { renderRuleList } from './rule-list.js';

interface LintFlags {
  format: ReportFormat;
  output?: string;
  quiet?: boolean;
  color: boolean;
  config?: string;
  failOn?: string;
  only?: string[];
  listRules?: boolean;
  stdinFilename?: string;
}

export function registerLint(program: Command, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description('Check Dockerfiles against the container security guide and peer rule sets')
    .argument('[paths...]', 'Dockerfiles or directories to search (default: .); - reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-q, --quiet', 'only findings: no source excerpts, no summary')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option('-c, --config <file>', 'use this config instead of the nearest .drydock.yaml')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above this severity (${SEVERITIES.join('|')})`)
    .option('--only <rules...>', 'run only these rules (drydock ids or peer aliases such as DL3008, DS002)')
    .option('--stdin-filename <name>', 'name to report for stdin')
    .option('--list-rules', 'print the rule catalogue and exit')
    .addHelpText(
      'after',
      `
Examples:
  drydock lint                               lint every Dockerfile under the current directory
  drydock lint Dockerfile --fail-on high     fail only on high and critical findings
  drydock lint . --format sarif -o lint.sarif
  cat Dockerfile | drydock lint -            read from stdin
  drydock lint --list-rules                  the rule catalogue with peer aliases

Exit codes: 0 no finding at or above --fail-on (default ${DEFAULT_FAIL_ON}), 1 findings at or above it,
2 usage or input error (unreadable, binary or empty file, bad config).`,
    )
    .action(async (paths: string[], flags: LintFlags) => {
      if (flags.listRules) {
        emit(renderRuleList(RULES, flags.format), flags);
        setExit(EXIT_OK);
        return;
      }
      const report = await lintPaths(paths, {
        ...(flags.config ? { configPath: flags.config } : {}),
        ...(flags.only ? { only: flags.only.flatMap((o) => o.split(',')).filter(Boolean) } : {}),
        ...(flags.stdinFilename ? { stdinName: flags.stdinFilename } : {}),
      });
      const threshold = resolveFailOn(flags, paths);
      const out = REPORTERS[flags.format].render(report, { color: useColor(flags), quiet: flags.quiet ?? false });
      emit(out, flags);
      setExit(gate(report, threshold).exitCode);
    });
}

function resolveFailOn(flags: LintFlags, paths: readonly string[]): Severity {
  const given = severityFlag(flags.failOn);
  if (given !== undefined) return given;
  const configPath = flags.config ?? findConfig(paths[0] && paths[0] !== '-' ? paths[0] : '.');
  const config = configPath ? loadConfig(configPath) : DEFAULT_CONFIG;
  return config.failOn ?? DEFAULT_FAIL_ON;
}
