import { type Command, Option } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { isSeverity, SEVERITIES } from '../../core/severity.js';
import { parseBudget } from '../../policy/budget.js';
import { emit, useColor } from '../output.js';
import { progressReporter } from '../progress.js';
import { parsePlatformFlag } from './image.js';

const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
type Format = (typeof FORMATS)[number];

interface VerifyFlags {
  format: Format;
  output?: string;
  color: boolean;
  platform?: string;
  insecureRegistry?: string[];
  maxPackages?: string;
  max?: string;
  aptSource?: string[];
  db?: string;
  failOn?: string;
  only?: string[];
  skip?: string[];
  offline?: boolean;
  listChecks?: boolean;
}

/** `drydock verify IMAGE`: the guide's Verification section, proven from the image without running it. */
export function registerVerify(program: Command, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description('Prove a built image meets the guide: non-root, nothing upgradable, minimal, no secrets')
    .argument('[image]', 'image (registry ref, docker-archive:, oci-archive:, oci-dir:, dir:)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically)')
    .option('--no-color', 'never colour the output')
    .option('--max-packages <n>', 'OS package budget (default: per base, e.g. 150 for Debian and Ubuntu)')
    .option('--max <budget>', 'vulnerability budget per severity (default critical=0,high=9, the guide’s)')
    .option(
      '--apt-source <source...>',
      'mirror to ask for upgrades instead of the image’s own (URL or a `deb URL suite comp` line; for Alpine, apk repository URLs)',
    )
    .option(
      '--db <file>',
      'vulnerability database (default: the one `drydock db` builds; the gate is skipped without one)',
    )
    .option(
      '--fail-on <severity>',
      `failed checks below this severity are warnings (${SEVERITIES.join('|')}; default low)`,
    )
    .option('--only <check...>', 'run only these checks (ids, or peer aliases such as CIS-DI-0001)')
    .option('--skip <check...>', 'do not run these checks')
    .option('--offline', 'never ask a mirror (the upgradable check is skipped)')
    .option('--list-checks', 'print the check catalogue (-f json for machines)')
    .option('--platform <os/arch[/variant]>', 'platform to pick from a multi-arch image')
    .option('--insecure-registry <host...>', 'allow plain HTTP for these registries')
    .addHelpText(
      'after',
      `
Examples:
  drydock verify registry:ghcr.io/acme/app:1.4.2
  drydock verify oci-dir:build/oci:app --max-packages 120 --max critical=0,high=5
  drydock verify docker-archive:app.tar -f sarif -o verify.sarif
  drydock verify --list-checks

Exit codes: 0 every check passed (or was skipped), 1 a check failed, 2 the image could not be read
or a check could not decide (e.g. the mirror did not answer).`,
    )
    .action(async (target: string | undefined, flags: VerifyFlags) => {
      const [{ CHECKS }, { renderCheckList }] = await Promise.all([
        import('../../verify/checks/index.js'),
        import('../../verify/check-list.js'),
      ]);
      if (flags.listChecks) {
        emit(renderCheckList(CHECKS, flags.format === 'json' ? 'json' : 'text'), flags);
        return;
      }
      if (!target)
        throw new DrydockError('usage', 'verify needs an image', { hint: 'drydock verify IMAGE (or --list-checks)' });
      if (flags.failOn !== undefined && !isSeverity(flags.failOn)) {
        throw new DrydockError('usage', `--fail-on must be one of ${SEVERITIES.join(', ')} (got "${flags.failOn}")`);
      }
      let maxPackages: number | undefined;
      if (flags.maxPackages !== undefined) {
        if (!/^\d+$/.test(flags.maxPackages))
          throw new DrydockError('usage', `--max-packages takes a number (got "${flags.maxPackages}")`);
        maxPackages = Number(flags.maxPackages);
      }
      const pick = (ids: readonly string[], flag: string) => {
        const wanted = new Set(ids.map((i) => i.toUpperCase()));
        const hits = CHECKS.filter(
          (c) => wanted.has(c.meta.id) || c.meta.aliases.some((a) => wanted.has(a.toUpperCase())),
        );
        const known = new Set(CHECKS.flatMap((c) => [c.meta.id, ...c.meta.aliases.map((a) => a.toUpperCase())]));
        const unknown = [...wanted].filter((w) => !known.has(w));
        if (unknown.length > 0)
          throw new DrydockError('usage', `${flag}: no such check: ${unknown.join(', ')}`, {
            hint: 'drydock verify --list-checks',
          });
        return hits;
      };
      let checks = flags.only ? pick(flags.only, '--only') : [...CHECKS];
      if (flags.skip) {
        const skipped = new Set(pick(flags.skip, '--skip'));
        checks = checks.filter((c) => !skipped.has(c));
      }
      const [{ verifyImage }, { VERIFY_REPORTERS }] = await Promise.all([
        import('../../verify/verify-image.js'),
        import('../../verify/report/index.js'),
      ]);
      const report = await verifyImage(target, {
        checks,
        insecureRegistries: flags.insecureRegistry ?? [],
        onProgress: progressReporter(),
        ...(flags.platform ? { platform: parsePlatformFlag(flags.platform) } : {}),
        ...(maxPackages === undefined ? {} : { maxPackages }),
        ...(flags.max ? { max: parseBudget(flags.max) } : {}),
        ...(flags.aptSource ? { aptSources: flags.aptSource } : {}),
        ...(flags.db ? { dbPath: flags.db } : {}),
        ...(flags.failOn && isSeverity(flags.failOn) ? { failOn: flags.failOn } : {}),
        ...(flags.offline ? { offline: true } : {}),
      });
      emit(VERIFY_REPORTERS[flags.format].render(report, { color: useColor(flags) }), flags);
      setExit(report.verdict.exitCode);
    });
}
