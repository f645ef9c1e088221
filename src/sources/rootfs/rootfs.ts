import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { DrydockError, errorMessage } from '../../core/errors.js';
import type { EntryType, FileEntry, FileView, Image, Required, Source } from '../types.js';

/**
 * `dir:PATH`: an unpacked root filesystem read straight from disk. Nothing is ever followed: every
 * entry is `lstat`ed, directories are descended only when they are real directories, files are
 * opened with O_NOFOLLOW and checked to be the inode that was listed. A symlink inside the rootfs
 * is reported as a symlink; callers resolve it through the view (`resolveSymlinks`, clamped at the
 * root), never through the host's filesystem, so `etc/passwd -> /etc/passwd` cannot read the host.
 *
 * The image has no layers and an empty config: `view()` gives the filesystem.
 */
export class DirSource implements Source {
  readonly root: string;

  constructor(root: string) {
    this.root = root.length > 1 ? root.replace(/\/+$/, '') : root;
  }

  describe(): string {
    return `dir:${this.root}`;
  }

  async resolve(): Promise<Image> {
    let st: Stats;
    try {
      st = await lstat(this.root);
    } catch (err) {
      throw new DrydockError(
        'io',
        `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}`,
        {
          where: this.describe(),
          cause: err,
        },
      );
    }
    if (!st.isDirectory()) throw new DrydockError('input', 'not a directory', { where: this.describe() });
    return { source: this.describe(), config: {}, layers: [] };
  }

  view(options?: RootfsOptions): RootfsView {
    return new RootfsView(this.root, options);
  }
}

export interface RootfsOptions {
  /** Top-level directories listed but not descended (a live `/` has kernel filesystems there). */
  readonly skip?: readonly string[];
}

export interface RootfsStats {
  visible: number;
  contentFiles: number;
  contentBytes: number;
  /** Entries that vanished, changed type or could not be read during the walk. */
  unreadable: number;
}

const DEFAULT_SKIP = ['proc', 'sys', 'dev'];

export class RootfsView implements FileView {
  readonly root: string;
  readonly stats: RootfsStats = { visible: 0, contentFiles: 0, contentBytes: 0, unreadable: 0 };
  private readonly skip: ReadonlySet<string>;

  constructor(root: string, options: RootfsOptions = {}) {
    this.root = root === '/' ? '' : root.replace(/\/+$/, '');
    this.skip = new Set(options.skip ?? DEFAULT_SKIP);
  }

  async walk(required: Required, visit: (entry: FileEntry, content?: Buffer) => void | Promise<void>): Promise<void> {
    Object.assign(this.stats, { visible: 0, contentFiles: 0, contentBytes: 0, unreadable: 0 });
    // Depth first, names sorted: the same tree always walks in the same order.
    const stack: string[] = [''];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      let names: string[];
      try {
        names = await readdir(this.host(dir));
      } catch {
        this.stats.unreadable++;
        continue;
      }
      names.sort();
      const subdirs: string[] = [];
      for (const name of names) {
        const path = dir === '' ? name : `${dir}/${name}`;
        let st: Stats;
        try {
          st = await lstat(this.host(path));
        } catch {
          this.stats.unreadable++;
          continue;
        }
        const type = typeOf(st);
        let linkTarget: string | undefined;
        if (type === 'symlink') {
          try {
            linkTarget = await readlink(this.host(path));
          } catch {
            this.stats.unreadable++;
            continue;
          }
        }
        const entry: FileEntry = {
          path,
          type,
          mode: st.mode & 0o7777,
          uid: st.uid,
          gid: st.gid,
          size: type === 'file' ? st.size : 0,
          ...(linkTarget === undefined ? {} : { linkTarget }),
        };
        this.stats.visible++;
        if (type === 'dir' && !(dir === '' && this.skip.has(name))) subdirs.push(path);
        // Asked for every entry (the FileView contract); only regular files get content.
        const wanted = required(entry);
        if (type === 'file' && wanted) {
          const content = await this.read(path, st);
          if (content === undefined) this.stats.unreadable++;
          else {
            this.stats.contentFiles++;
            this.stats.contentBytes += content.length;
          }
          await visit(content === undefined ? entry : { ...entry, size: content.length }, content);
        } else await visit(entry);
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as string);
    }
  }

  private host(path: string): string {
    return path === '' ? this.root || '/' : `${this.root}/${path}`;
  }

  /** O_NOFOLLOW plus an inode check: a file swapped for a symlink after lstat is not read. */
  private async read(path: string, listed: Stats): Promise<Buffer | undefined> {
    let fh: Awaited<ReturnType<typeof open>> | undefined;
    try {
      fh = await open(this.host(path), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      const st = await fh.stat();
      if (!st.isFile() || st.ino !== listed.ino || st.dev !== listed.dev) return undefined;
      return await fh.readFile();
    } catch {
      return undefined;
    } finally {
      await fh?.close();
    }
  }
}

function typeOf(st: Stats): EntryType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  return 'other';
}
