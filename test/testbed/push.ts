import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec.js';

/** skopeo as the reference client: pushes test images into the local registry and reads digests back. */

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface PushOptions {
  readonly creds?: Credentials;
  /** Convert to Docker v2 schema 2 (`--format v2s2`); default: keep the source's format. */
  readonly format?: 'v2s2' | 'oci';
  /** Copy every platform of an index (`--multi-arch all`); default: skopeo's (the host platform only). */
  readonly multiArch?: boolean;
}

/** A skopeo transport reference; a bare `HOST/repo:tag` means `docker://HOST/repo:tag`. */
function transport(ref: string): string {
  return /^(docker|oci|oci-archive|docker-archive|dir|containers-storage|docker-daemon):/.test(ref)
    ? ref
    : `docker://${ref}`;
}

/** The skopeo options that keep it off the host's own auth files and let it speak plain http to 127.0.0.1. */
function isolation(dir: string): string[] {
  return [`--authfile=${join(dir, 'auth.json')}`];
}

/**
 * Copies `from` (`oci:DIR:tag`, `oci:DIR`, `oci-archive:FILE`, `docker-archive:FILE`, …) to
 * `to` (`HOST/repo:tag`, pushed over plain http) and returns the digest of the manifest (or index)
 * as pushed.
 */
export async function pushImage(from: string, to: string, options: PushOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'drydock-push-'));
  try {
    const digestFile = join(dir, 'digest');
    const args = [
      'copy',
      '--quiet',
      ...isolation(dir),
      '--dest-tls-verify=false',
      `--digestfile=${digestFile}`,
      ...(options.creds ? [`--dest-creds=${options.creds.username}:${options.creds.password}`] : []),
      ...(options.format ? ['--format', options.format] : []),
      ...(options.multiArch ? ['--multi-arch', 'all'] : []),
      transport(from),
      transport(to),
    ];
    await run('skopeo', args, { timeoutMs: 5 * 60_000 });
    return (await readFile(digestFile, 'utf8')).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface InspectRaw {
  /** sha256 of the raw manifest bytes. */
  readonly digest: string;
  readonly mediaType: string | undefined;
  readonly raw: Buffer;
}

/** `skopeo inspect --raw` (over plain http for registry refs): the manifest or index bytes and their digest. */
export async function skopeoInspectRaw(ref: string, creds?: Credentials): Promise<InspectRaw> {
  const dir = await mkdtemp(join(tmpdir(), 'drydock-inspect-'));
  try {
    const t = transport(ref);
    const args = [
      'inspect',
      '--raw',
      ...isolation(dir),
      ...(t.startsWith('docker://') ? ['--tls-verify=false'] : []),
      ...(creds ? [`--creds=${creds.username}:${creds.password}`] : []),
      t,
    ];
    const raw = (await run('skopeo', args, { timeoutMs: 60_000 })).stdout;
    const parsed = JSON.parse(raw.toString('utf8')) as { mediaType?: string };
    return { digest: `sha256:${createHash('sha256').update(raw).digest('hex')}`, mediaType: parsed.mediaType, raw };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The digest skopeo computes for `ref`'s manifest (or index), to compare with drydock's. */
export async function skopeoInspect(ref: string, creds?: Credentials): Promise<string> {
  return (await skopeoInspectRaw(ref, creds)).digest;
}
