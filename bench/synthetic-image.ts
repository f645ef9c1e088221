// A large synthetic docker-archive for the memory benchmark, written by streaming (never held in
// memory): layer 1 holds `bytes` of incompressible files, layer 2 a small dpkg status and one
// dist-info METADATA. The layer tar is streamed straight into the outer archive: its size is known
// up front (tar framing is fixed), its digest is computed on the way and written into the config,
// which follows it in the archive.
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Header, type Pack, pack } from 'tar-stream';

const BLOCK = 512;
const FILE_BYTES = 4 * 2 ** 20;
const CHUNK = 2 ** 20;
const MTIME = new Date(1700000000 * 1000);

export const SYNTHETIC_DPKG_PACKAGES = ['base-files', 'libc6', 'zlib1g'] as const;

/** What a tar-stream entry (a streamx Writable) offers: write with backpressure. */
interface ChunkSink {
  write(chunk: Buffer): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

interface Member {
  readonly name: string;
  readonly size: number;
  /** Writes exactly `size` bytes. */
  readonly write: (w: ChunkSink) => Promise<void>;
}

const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
/** Size of a ustar archive of these members (names under 100 bytes: no pax headers) with its end marker. */
const tarSize = (members: readonly Member[]) => members.reduce((s, m) => s + BLOCK + padded(m.size), 0) + 2 * BLOCK;

function header(name: string, size: number): Partial<Header> & Pick<Header, 'name'> {
  return { name, size, mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', mtime: MTIME, type: 'file' };
}

async function write(w: ChunkSink, chunk: Buffer): Promise<void> {
  if (!w.write(chunk)) await new Promise<void>((resolve) => w.once('drain', resolve));
}

/** Adds members one after another, each with backpressure (tar-stream takes one entry at a time). */
async function fill(p: Pack, members: readonly Member[]): Promise<void> {
  for (const m of members) await add(p, m);
  p.finalize();
}

/** One member, without finalizing the archive. */
async function add(p: Pack, m: Member): Promise<void> {
  let done!: () => void;
  let failed!: (e: Error) => void;
  const written = new Promise<void>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const entry = p.entry(header(m.name, m.size), (err) => (err ? failed(err) : done()));
  await m.write(entry);
  entry.end(undefined); // streamx types want an argument; undefined writes nothing
  await written;
}

const bytesMember = (name: string, content: Buffer): Member => ({
  name,
  size: content.length,
  write: (w) => write(w, content),
});

/** Deterministic incompressible bytes: AES-128-CTR keystream seeded by the file index. */
function randomMember(name: string, size: number, seed: number): Member {
  return {
    name,
    size,
    write: async (w) => {
      const iv = Buffer.alloc(16);
      iv.writeUInt32BE(seed, 0);
      const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), iv);
      const zeros = Buffer.alloc(CHUNK);
      for (let left = size; left > 0; left -= CHUNK) {
        await write(w, cipher.update(left >= CHUNK ? zeros : zeros.subarray(0, left)));
      }
    },
  };
}

/** A tar member whose content is the tar of `members`, streamed, with its sha256 reported when done. */
function layerMember(name: string, members: readonly Member[], onDigest: (d: string) => void): Member {
  const size = tarSize(members);
  return {
    name,
    size,
    write: async (w) => {
      const inner = pack();
      const hash = createHash('sha256');
      let seen = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          seen += chunk.length;
          cb(null, chunk);
        },
      });
      // The outer entry is ended by `fill`, not by the pipe.
      const piped = pipeline(inner, tap, async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) await write(w, chunk);
      });
      await Promise.all([fill(inner, members), piped]);
      if (seen !== size) throw new Error(`synthetic layer ${name}: ${seen} bytes, expected ${size}`);
      onDigest(`sha256:${hash.digest('hex')}`);
    },
  };
}

function dpkgStatus(): string {
  return SYNTHETIC_DPKG_PACKAGES.map(
    (p) =>
      `Package: ${p}\nStatus: install ok installed\nPriority: required\nArchitecture: amd64\nVersion: 1.0-1\nDescription: synthetic ${p}\n`,
  ).join('\n');
}

/**
 * Writes `dir/synthetic.docker.tar` with about `bytes` of incompressible file content in layer 1;
 * returns its path. Takes a few seconds per GB (disk speed).
 */
export async function writeSyntheticArchive(dir: string, bytes: number): Promise<string> {
  const path = join(dir, 'synthetic.docker.tar');
  const big: Member[] = [];
  for (let i = 0, left = bytes; left > 0; i++, left -= FILE_BYTES) {
    big.push(randomMember(`opt/data/blob-${String(i).padStart(5, '0')}.bin`, Math.min(FILE_BYTES, left), i));
  }
  const small: Member[] = [
    bytesMember('var/lib/dpkg/status', Buffer.from(dpkgStatus())),
    bytesMember(
      'usr/lib/python3/dist-packages/demo-1.0.dist-info/METADATA',
      Buffer.from('Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n'),
    ),
  ];
  const diffIds: string[] = [];
  const layers = [
    layerMember('layer1/layer.tar', big, (d) => {
      diffIds[0] = d;
    }),
    layerMember('layer2/layer.tar', small, (d) => {
      diffIds[1] = d;
    }),
  ];
  const outer = pack();
  const written = pipeline(outer, createWriteStream(path));
  for (const layer of layers) await add(outer, layer);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: MTIME.toISOString(),
      config: { Cmd: ['sh'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
    }),
  );
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  await fill(outer, [
    bytesMember(configName, config),
    bytesMember(
      'manifest.json',
      Buffer.from(
        JSON.stringify([
          { Config: configName, RepoTags: ['drydock-bench/synthetic:latest'], Layers: layers.map((l) => l.name) },
        ]),
      ),
    ),
  ]);
  await written;
  return path;
}
