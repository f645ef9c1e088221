import { type Header, pack } from 'tar-stream';

/** One tar entry; `content` only for files. Defaults: root-owned, mode 0644 (dirs 0755), mtime 2023-11-14. */
export interface TarEntry {
  readonly name: string;
  readonly type?: 'file' | 'directory' | 'symlink' | 'link';
  readonly content?: string | Buffer;
  /** Symlink target, or hardlink target (a path in the archive). */
  readonly linkname?: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtime?: Date;
}

export const FIXED_MTIME = new Date(1700000000 * 1000);

/**
 * Packs entries verbatim with tar-stream: names are NOT sanitised (`../x`, `/abs` survive), which
 * is the point for crafted layers. Fixed owners and times make the bytes reproducible.
 */
export async function packTar(entries: readonly TarEntry[]): Promise<Buffer> {
  const p = pack();
  const collected = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of p) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header: Partial<Header> & Pick<Header, 'name'> = {
      name: e.name,
      type,
      mode: e.mode ?? (type === 'directory' ? 0o755 : type === 'symlink' ? 0o777 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      uname: 'root',
      gname: 'root',
      mtime: e.mtime ?? FIXED_MTIME,
      ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
    };
    if (type === 'file') p.entry(header, e.content ?? '');
    else p.entry(header);
  }
  p.finalize();
  return collected;
}
