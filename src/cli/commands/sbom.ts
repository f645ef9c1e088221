import { type Command, Option } from 'commander';
import { EXIT_OK } from '../../policy/gate.js';
import { SBOM_FORMATS, type SbomFormat } from '../../report/sbom-formats.js';
import { VERSION } from '../../version.js';
import { emit } from '../output.js';
import { progressReporter } from '../progress.js';
import { parsePlatformFlag } from './image.js';

interface SbomFlags {
  format: SbomFormat;
  output?: string;
  platform?: string;
  insecureRegistry?: string[];
  quiet?: boolean;
}

/** `drydock sbom TARGET`: every installed package, in a table or as CycloneDX 1.6 / SPDX 2.3 JSON. */
export function registerSbom(program: Command, setExit: (code: number) => void): void {
  program
    .command('sbom')
    .description('List every installed package (dpkg, apk, rpm, Python, npm) in an image or directory')
    .argument('<target>', 'registry reference, docker-archive:FILE, oci-archive:FILE, oci-dir:DIR or dir:PATH')
    .addOption(new Option('-f, --format <format>', 'output format').choices(SBOM_FORMATS).default('table'))
    .option('-o, --output <file>', 'write to a file (atomically)')
    .option('--platform <os/arch[/variant]>', 'platform to pick from a multi-arch image (default: this host)')
    .option('--insecure-registry <host...>', 'allow plain HTTP for these registries (localhost is always allowed)')
    .option('-q, --quiet', 'do not print cataloguing warnings on stderr')
    .addHelpText(
      'after',
      `
Examples:
  drydock sbom python:3.11-slim-bookworm
  drydock sbom docker-archive:app.tar -f cyclonedx -o app.cdx.json
  drydock sbom dir:/mnt/rootfs -f spdx

Warnings (a malformed database, bad UTF-8) name the file and go to stderr; the other packages are
still listed. Exit codes: 0 done, 2 the target could not be read.`,
    )
    .action(async (target: string, flags: SbomFlags) => {
      const [{ catalogTarget }, { SBOM_REPORTERS }] = await Promise.all([
        import('../../catalog/index.js'),
        import('../../report/sbom-index.js'),
      ]);
      const sbom = await catalogTarget(target, {
        insecureRegistries: flags.insecureRegistry ?? [],
        onProgress: progressReporter(),
        ...(flags.platform ? { platform: parsePlatformFlag(flags.platform) } : {}),
      });
      if (!flags.quiet && flags.format !== 'table') {
        for (const w of sbom.warnings)
          process.stderr.write(`drydock: warning: ${w.path}${w.line ? `:${w.line}` : ''}: ${w.message}\n`);
      }
      emit(SBOM_REPORTERS[flags.format].render(sbom, { name: 'drydock', version: VERSION }), flags);
      setExit(EXIT_OK);
    });
}
