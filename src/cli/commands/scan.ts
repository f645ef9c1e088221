import { type Command, Option } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { isSeverity, SEVERITIES } from '../../core/severity.js';
import { parseBudget } from '../../policy/budget.js';
import { SCAN_FORMATS, type ScanFormat } from '../../report/scan-formats.js';
import { emit, useColor } from '../output.js';
import { progressReporter } from '../progress.js';
import { parsePlatformFlag } from './image.js';

interface ScanFlags {
  format: ScanFormat;
  output?: string;
  color: boolean;
  platform?: string;
  insecureRegistry?: string[];
  db?: string;
  failOn?: string;
  max?: string;
  ignoreUnfixed?: boolean;
  onlyFixed?: boolean;
  ignoreFile?: string;
  vex?: string[];
  aptUpdates?: boolean;
  aptSource?: string[];
}

/** `drydock scan TARGET`: vulnerabilities with fix status, gated by severity and budgets. */
export function registerScan(program: Command, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description('Find known vulnerabilities in an image, a directory or an SBOM, and gate on them')
    .argument(
      '<target>',
      'image (registry ref, docker-archive:, oci-archive:, oci-dir:, dir:) or an SBOM file (drydock JSON, CycloneDX, SPDX)',
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(SCAN_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically)')
    .option('--no-color', 'never colour the output')
    .option(
      '--fail-on <severity>',
      `exit 1 when a counted finding is at or above this severity (${SEVERITIES.join('|')})`,
    )
    .option(
      '--max <budget>',
      'allowed counts per severity, e.g. critical=0,high=9 (the guide: 0 critical, fewer than 10 high)',
    )
    .option('--ignore-unfixed', 'show findings without a fix but do not count them')
    .option('--only-fixed', 'hide findings without a fix')
    .option(
      '--ignore-file <file>',
      'accepted risks with reasons and expiry (default: ./.drydockignore.yaml if present)',
    )
    .option('--vex <files...>', 'OpenVEX documents: not_affected statements with a justification suppress findings')
    .option('--db <file>', 'vulnerability database (default: the one `drydock db import` builds)')
    .option('--apt-updates', "also ask the image's apt sources which security updates are pending (network)")
    .option('--apt-source <source...>', 'mirror to ask instead of the image’s own (URL or a `deb URL suite comp` line)')
    .option('--platform <os/arch[/variant]>', 'platform to pick from a multi-arch image')
    .option('--insecure-registry <host...>', 'allow plain HTTP for these registries')
    .addHelpText(
      'after',
      `
Examples:
  drydock scan python:3.11-slim-bookworm --max critical=0,high=9
  drydock scan docker-archive:app.tar --apt-updates --ignore-unfixed -f sarif -o scan.sarif
  drydock scan sbom.cdx.json --fail-on high

Exit codes: 0 the gate passed, 1 it failed (the reasons are printed), 2 the target or the database
could not be read.`,
    )
    .action(async (target: string, flags: ScanFlags) => {
      if (flags.failOn !== undefined && !isSeverity(flags.failOn)) {
        throw new DrydockError('usage', `--fail-on must be one of ${SEVERITIES.join(', ')} (got "${flags.failOn}")`);
      }
      const [{ scanTarget }, { SCAN_REPORTERS }] = await Promise.all([
        import('../../match/scan-target.js'),
        import('../../report/scan-index.js'),
      ]);
      const report = await scanTarget(target, {
        insecureRegistries: flags.insecureRegistry ?? [],
        onProgress: progressReporter(),
        ...(flags.platform ? { platform: parsePlatformFlag(flags.platform) } : {}),
        ...(flags.db ? { dbPath: flags.db } : {}),
        ...(flags.aptUpdates ? { aptUpdates: true } : {}),
        ...(flags.aptSource ? { aptSources: flags.aptSource } : {}),
        ...(flags.ignoreFile ? { ignoreFile: flags.ignoreFile } : {}),
        ...(flags.vex ? { vexFiles: flags.vex } : {}),
        policy: {
          ...(flags.failOn && isSeverity(flags.failOn) ? { failOn: flags.failOn } : {}),
          ...(flags.max ? { max: parseBudget(flags.max) } : {}),
          ...(flags.ignoreUnfixed ? { ignoreUnfixed: true } : {}),
          ...(flags.onlyFixed ? { onlyFixed: true } : {}),
        },
      });
      emit(SCAN_REPORTERS[flags.format].render(report, { color: useColor(flags) }), flags);
      setExit(report.verdict.exitCode);
    });
}
