import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** The shared real rpmdbs (see ../shared/data/pkgdb/SOURCE.md); undefined when ../shared is absent. */
export function sharedRpmDb(rel: string): string | undefined {
  const path = join(import.meta.dirname, '../../../../../shared/data/pkgdb/rpm', rel);
  return existsSync(path) ? path : undefined;
}

export const hasRpm = (() => {
  try {
    execFileSync('rpm', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export const SKIP_NO_RPM = 'the rpm CLI is not installed (apt-get install -y rpm): no independent oracle';

/**
 * The independent oracle: `rpm --dbpath COPY -qa`, one `NAME EPOCH VERSION-RELEASE ARCH SOURCERPM`
 * line per package, gpg-pubkey keys left out, sorted. rpm may create files in its dbpath, so it
 * reads a private copy, never the shared fixture.
 */
export function rpmQueryAll(dbFile: string, backend: 'sqlite' | 'bdb_ro'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-rpmq-'));
  try {
    copyFileSync(dbFile, join(dir, basename(dbFile)));
    const out = execFileSync(
      'rpm',
      [
        '--define',
        `_db_backend ${backend}`,
        '--dbpath',
        dir,
        '-qa',
        '--qf',
        '%{NAME} %{EPOCHNUM} %{VERSION}-%{RELEASE} %{ARCH} %{SOURCERPM}\\n',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return out
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('gpg-pubkey '))
      .sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A package as an oracle line (`rpm -qa --qf` format above). */
export function oracleLine(p: {
  name: string;
  version: string;
  metadata: { epoch?: number; arch?: string; sourceName?: string; sourceVersion?: string };
}): string {
  const m = p.metadata;
  const srpm = m.sourceName ? `${m.sourceName}-${m.sourceVersion ?? p.version}.src.rpm` : '(none)';
  return `${p.name} ${m.epoch ?? 0} ${p.version} ${m.arch ?? '(none)'} ${srpm}`;
}

/** A CatalogFile for a host file read into memory, at an image path. */
export function fileAt(path: string, content: Buffer, layer?: string) {
  return {
    entry: { path, type: 'file' as const, mode: 0o644, uid: 0, gid: 0, size: content.length, ...(layer ? { layer } : {}) },
    content,
  };
}

/** A minimal well-formed header: region 63 + the given string tags, built by hand. */
export function makeHeader(tags: [number, string][], { region = true } = {}): Buffer {
  const data: Buffer[] = [];
  const entries: [number, number, number, number][] = [];
  let size = 0;
  for (const [tag, value] of tags) {
    const bytes = Buffer.from(`${value}\0`, 'utf8');
    entries.push([tag, 6, size, 1]);
    data.push(bytes);
    size += bytes.length;
  }
  if (region) {
    const il = entries.length + 1;
    const trailer = Buffer.alloc(16);
    trailer.writeInt32BE(63, 0);
    trailer.writeUInt32BE(7, 4);
    trailer.writeInt32BE(-il * 16, 8);
    trailer.writeUInt32BE(16, 12);
    entries.unshift([63, 7, size, 16]);
    data.push(trailer);
    size += 16;
  }
  const head = Buffer.alloc(8 + entries.length * 16);
  head.writeUInt32BE(entries.length, 0);
  head.writeUInt32BE(size, 4);
  entries.forEach(([tag, type, offset, count], i) => {
    head.writeInt32BE(tag, 8 + i * 16);
    head.writeUInt32BE(type, 12 + i * 16);
    head.writeInt32BE(offset, 16 + i * 16);
    head.writeUInt32BE(count, 20 + i * 16);
  });
  return Buffer.concat([head, ...data]);
}
