import type { Command } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { EXIT_OK } from '../../policy/gate.js';
import { formatBytes } from '../../report/image-inspect.js';
import { BlobCache, cacheRoot } from '../../sources/blob-cache.js';

/** `drydock cache info|prune`: the blob cache every command shares. */
export function registerCache(program: Command, setExit: (code: number) => void): void {
  const cache = program.command('cache').description('Show or trim the image blob cache ($XDG_CACHE_HOME/drydock)');
  cache
    .command('info')
    .description('Where the cache is and how much it holds')
    .option('-f, --format <format>', 'text or json', 'text')
    .action((flags: { format: string }) => {
      const info = new BlobCache().info();
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ root: cacheRoot(), ...info }, null, 2)}\n`);
      else process.stdout.write(`${info.dir}\n${info.blobs} blobs, ${formatBytes(info.bytes)}\n`);
      setExit(EXIT_OK);
    });
  cache
    .command('prune')
    .description('Delete least recently used blobs until the cache fits a size (default: empty it)')
    .option('--max-size <size>', 'keep at most this much, e.g. 2GiB, 500MB, 0', '0')
    .action((flags: { maxSize: string }) => {
      const max = parseSize(flags.maxSize);
      const r = new BlobCache().prune(max);
      process.stdout.write(`removed ${r.removed} blobs, freed ${formatBytes(r.freed)}\n`);
      setExit(EXIT_OK);
    });
}

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)?$/i.exec(text.trim());
  if (!m) throw new DrydockError('usage', `--max-size: cannot read "${text}" as a size (e.g. 500MB, 2GiB)`);
  const units: Record<string, number> = {
    b: 1,
    kb: 1e3,
    kib: 1024,
    mb: 1e6,
    mib: 1024 ** 2,
    gb: 1e9,
    gib: 1024 ** 3,
    tb: 1e12,
    tib: 1024 ** 4,
  };
  return Math.floor(Number(m[1]) * (units[(m[2] ?? 'b').toLowerCase()] ?? 1));
}
