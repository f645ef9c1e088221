import type { Readable } from 'node:stream';

/**
 * The image-access stage: where image bytes come from. A Source resolves to an Image (manifest,
 * config, layers); a FileView gives later stages the final filesystem, streaming only the files
 * they ask for. Catalogers (SBOM), verify and scan see only these types, never a registry or a tar.
 */

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/** An OCI content descriptor. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The parts of an OCI/Docker image config drydock reads. */
export interface ImageConfig {
  readonly architecture?: string;
  readonly os?: string;
  readonly variant?: string;
  readonly created?: string;
  readonly config?: {
    readonly User?: string;
    readonly Env?: readonly string[];
    readonly Entrypoint?: readonly string[] | null;
    readonly Cmd?: readonly string[] | null;
    readonly WorkingDir?: string;
    readonly ExposedPorts?: Readonly<Record<string, object>>;
    readonly Volumes?: Readonly<Record<string, object>>;
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly StopSignal?: string;
    readonly Healthcheck?: {
      readonly Test?: readonly string[];
      readonly Interval?: number;
      readonly Timeout?: number;
      readonly Retries?: number;
    };
  };
  readonly rootfs?: { readonly type: string; readonly diff_ids: readonly string[] };
  readonly history?: readonly {
    readonly created?: string;
    readonly created_by?: string;
    readonly comment?: string;
    readonly empty_layer?: boolean;
  }[];
}

/** One filesystem layer, bottom first. */
export interface Layer {
  /** Digest of the blob as stored (compressed), or of the tar for docker-archive/dir sources. */
  readonly digest: string;
  /** Digest of the uncompressed tar (rootfs.diff_ids), when known. */
  readonly diffId?: string;
  readonly mediaType: string;
  /** Stored size in bytes. */
  readonly size: number;
  /**
   * The uncompressed tar stream. The stored bytes are checked against `digest` while streaming;
   * a mismatch or truncation makes the stream fail with a DrydockError.
   */
  open(): Promise<Readable>;
}

/** A resolved image: one platform's manifest, its config and layers. */
export interface Image {
  /** How the user named it, normalised: `registry:docker.io/library/python:3.11`, `docker-archive:/x.tar`. */
  readonly source: string;
  /** Digest of the index or manifest list the platform was picked from, if any. */
  readonly indexDigest?: string;
  /** Digest of the platform manifest (for docker-archive: of the config, as Docker reports it). */
  readonly manifestDigest?: string;
  readonly manifestMediaType?: string;
  readonly configDigest?: string;
  readonly config: ImageConfig;
  readonly platform?: Platform;
  readonly layers: readonly Layer[];
}

export interface ResolveOptions {
  /** Wanted platform; default: the host's. */
  readonly platform?: Platform;
}

/** Where image bytes come from: a registry, a `docker save` tar, an OCI layout or archive, a rootfs. */
export interface Source {
  /** `registry:…`, `docker-archive:…`, `oci-archive:…`, `oci-dir:…`, `dir:…`. */
  describe(): string;
  resolve(options?: ResolveOptions): Promise<Image>;
}

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

/** A file of the final (squashed) filesystem. */
export interface FileEntry {
  /** Normalised POSIX path, no leading slash (`etc/os-release`). */
  readonly path: string;
  readonly type: EntryType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** Symlink or hardlink target as recorded (hardlinks: a path in the image). */
  readonly linkTarget?: string;
  /** Digest of the layer that last wrote this path; undefined for a `dir:` rootfs. */
  readonly layer?: string;
}

/**
 * What a consumer needs from the filesystem (Trivy's analyzers declare `Required(path, info)`):
 * asked for every visible entry before any byte is read; only entries answered `true` have their
 * content read, everything else is skipped without buffering.
 */
export type Required = (entry: FileEntry) => boolean;

export interface FileView {
  /**
   * One pass over the final filesystem. `visit` gets every visible entry (whiteouts applied);
   * `content` is given for regular files that `required` accepted (hardlinks to them included).
   */
  walk(required: Required, visit: (entry: FileEntry, content?: Buffer) => void | Promise<void>): Promise<void>;
}
