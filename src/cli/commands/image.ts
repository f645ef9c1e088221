import { mkdirSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { EXIT_OK } from '../../policy/gate.js';
import { describeImage, renderImageJson, renderImageText } from '../../report/image-inspect.js';
import type { OpenSourceOptions, Platform } from '../../sources/index.js';
import { emit } from '../output.js';
import { progressReporter } from '../progress.js';

interface ImageFlags {
  platform?: string;
  format: 'text' | 'json';
  output?: string;
  insecureRegistry?: string[];
  to?: string;
}

const TARGET_HELP = `
Targets:
  python:3.11-slim                   a registry reference (registry: prefix optional)
  docker-archive:img.tar             \`docker save\` output (gzip-compressed too)
  oci-archive:img.tar                an OCI image layout in a tar
  oci-dir:DIR[:tag|@sha256:…]        an OCI image layout directory
  dir:PATH                           an unpacked root filesystem
Without a prefix, an existing path is detected by its content; anything else is a registry reference.`;

/** `drydock image inspect|save`: read any image without a Docker engine. */
export function registerImage(program: Command, setExit: (code: number) => void): void {
  const image = program
    .command('image')
    .description('Inspect or copy images from registries, archives, layouts or a rootfs');
  const common = (cmd: Command) =>
    cmd
      .option('--platform <os/arch[/variant]>', 'platform to pick from a multi-arch image (default: this host)')
      .option('--insecure-registry <host...>', 'allow plain HTTP for these registries (localhost is always allowed)');
  common(
    image
      .command('inspect')
      .description(
        'Digests, platform, size, config (user, env, entrypoint, ports, labels, healthcheck), layers and history',
      )
      .argument('<target>', 'image to read')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('-o, --output <file>', 'write to a file (atomically)')
      .addHelpText(
        'after',
        `${TARGET_HELP}\n\nExamples:\n  drydock image inspect python:3.11-slim-bookworm --platform linux/arm64\n  drydock image inspect docker-archive:app.tar -f json`,
      ),
  ).action(async (target: string, flags: ImageFlags) => {
    // Image access pulls in the registry client and layer codecs: loaded only when a command needs them.
    const { openSource } = await import('../../sources/index.js');
    const source = await openSource(target, sourceOptions(flags));
    const resolved = await source.resolve(flags.platform ? { platform: parsePlatformFlag(flags.platform) } : {});
    const d = describeImage(resolved);
    emit(flags.format === 'json' ? renderImageJson(d) : renderImageText(d), flags);
    setExit(EXIT_OK);
  });
  common(
    image
      .command('save')
      .description('Copy an image into an OCI layout directory (for air-gapped transfer)')
      .argument('<target>', 'image to read')
      .requiredOption('--to <oci-dir:DIR>', 'destination OCI layout directory')
      .addHelpText(
        'after',
        `${TARGET_HELP}\n\nExample:\n  drydock image save python:3.11-slim --to oci-dir:./python-layout`,
      ),
  ).action(async (target: string, flags: ImageFlags) => {
    const to = flags.to ?? '';
    if (!to.startsWith('oci-dir:') || to.length <= 'oci-dir:'.length) {
      throw new DrydockError('usage', `--to must be oci-dir:DIR (got "${to}")`);
    }
    const dir = to.slice('oci-dir:'.length);
    mkdirSync(dir, { recursive: true });
    const { saveImage } = await import('../../sources/index.js');
    const saved = await saveImage(target, dir, {
      ...sourceOptions(flags),
      ...(flags.platform ? { platform: parsePlatformFlag(flags.platform) } : {}),
    });
    process.stderr.write(`saved ${saved.manifestDigest} (${saved.blobs} blobs) to ${dir}\n`);
    setExit(EXIT_OK);
  });
}

function sourceOptions(flags: ImageFlags): OpenSourceOptions {
  return {
    insecureRegistries: flags.insecureRegistry ?? [],
    onProgress: progressReporter(),
  };
}

export function parsePlatformFlag(text: string): Platform {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new DrydockError('usage', `--platform must be os/arch[/variant], e.g. linux/arm64 (got "${text}")`);
  }
  const [os = '', architecture = '', variant] = parts;
  return variant ? { os, architecture, variant } : { os, architecture };
}
