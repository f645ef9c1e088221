import type { Sbom } from '../catalog/index.js';
import type { Distro, Package } from '../catalog/package.js';
import type { Location } from '../core/location.js';
import type { Severity } from '../core/severity.js';
import type { Budget } from '../policy/budget.js';
import type { FileEntry, ImageConfig } from '../sources/types.js';

/**
 * The image-check catalogue's shapes, the lint rules' model applied to a built image: one check per
 * file (`checks/DV1001.ts`) with its metadata and a test beside it, registered in `checks/index.ts`.
 * A check declares the image files it reads (Trivy's `Required`), so one streaming pass over the
 * image feeds every check; it then decides from what that pass collected.
 */

/** The checklist's sections, in report order: the guide's Verification lines first. */
export const CHECK_SECTIONS = [
  'user',
  'updates',
  'minimal',
  'vulnerabilities',
  'leftovers',
  'secrets',
  'filesystem',
  'config',
] as const;
export type CheckSection = (typeof CHECK_SECTIONS)[number];

export interface CheckMeta {
  /** Stable id, also the file name: `DV1001`. */
  readonly id: string;
  readonly title: string;
  /** How bad a failure is; failures below `--fail-on` are reported as warnings. */
  readonly severity: Severity;
  readonly section: CheckSection;
  /** One sentence: why this matters. */
  readonly why: string;
  /** One sentence: what to do in the Dockerfile instead. */
  readonly fix: string;
  /** Equivalent ids in peer tools: Dockle `CIS-DI-`/`DKL-DI-`/`DKL-LI-`, Trivy `DSxxx` and secret rule ids. */
  readonly aliases: readonly string[];
  /** The guide's Verification command this check answers without running the image. */
  readonly guide?: string;
  readonly example?: { readonly bad: string; readonly good: string };
}

/** One layer, bottom first, with the build step that made it. */
export interface LayerInfo {
  readonly index: number;
  readonly digest: string;
  /** Stored (usually compressed) size in bytes. */
  readonly size: number;
  /** The history step the layer is attributed to (`created_by`). */
  readonly createdBy?: string;
  /**
   * The steps whose file changes the layer holds: its own, plus the RUN/COPY/ADD steps before it
   * that made no layer of their own (a squashed build, e.g. `buildah bud` without --layers, puts
   * every step in one layer and attributes it to the last one, often a CMD).
   */
  readonly steps: readonly string[];
}

/** A candidate file read from a layer below the top one, whether or not the final image still shows it. */
export interface LayerFile {
  readonly entry: FileEntry;
  readonly content: Buffer;
  readonly layerIndex: number;
  /** False when a later layer deleted or replaced it: gone from the filesystem, still in the image. */
  readonly visible: boolean;
}

export interface VerifyOptions {
  /** `--max-packages`: the OS package budget (default: per distro). */
  readonly maxPackages?: number;
  /** `--max`: the vulnerability budget (default: the guide's critical=0,high=9). */
  readonly max?: Budget;
  /** `--apt-source`: mirrors (or `deb URL suite comp` lines) to ask instead of the image's own. */
  readonly aptSources?: readonly string[];
  /** The vulnerability database (default: the one `drydock db` builds); the gate is skipped without one. */
  readonly dbPath?: string;
  /** No network: checks that need a mirror are skipped. */
  readonly offline?: boolean;
  /** Where apt indexes are cached (default: drydock's cache). */
  readonly cacheDir?: string;
}

/** Everything the one pass over the image collected; checks read only this. */
export interface CheckContext {
  readonly target: string;
  readonly config: ImageConfig;
  readonly layers: readonly LayerInfo[];
  readonly distro: Distro | undefined;
  readonly packages: readonly Package[];
  /** The inventory the same pass produced (what `drydock sbom` would print). */
  readonly sbom: Sbom;
  /** Every entry of the final filesystem, by path (no leading slash). */
  readonly entries: ReadonlyMap<string, FileEntry>;
  /** Contents of the visible files some check declared (`required` or `candidates`). */
  readonly files: ReadonlyMap<string, Buffer>;
  /** Candidate files of the layers below the top one (only multi-layer images), deleted ones included. */
  readonly layerFiles: readonly LayerFile[];
  /** Candidate files not read because the content budget ran out (the evidence says so). */
  readonly candidatesSkipped: number;
  readonly options: VerifyOptions;
  /** The entry at `path` after following symlinks (every component), or undefined. */
  resolve(path: string): FileEntry | undefined;
  /** The build step (history `created_by`) of a layer digest. */
  stepOf(layer: string | undefined): string | undefined;
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One problem a check found, at a file of the image or a field of its config. */
export interface VerifyFinding {
  readonly message: string;
  /** A file in the image: path (no leading slash), line:column when known, the layer digest. */
  readonly location?: Location;
  /** A field of the image config: `config.User`, `config.Env[2]`, `history[4].created_by`. */
  readonly field?: string;
}

export interface CheckOutcome {
  readonly status: CheckStatus;
  /** The checklist line's evidence: "user appuser (uid 1000)", "118 packages (budget 150)". */
  readonly evidence: string;
  readonly findings?: readonly VerifyFinding[];
  /** Machine-readable facts behind the evidence (user and uid, the upgradable list…), for JSON. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** One image check (`checks/DVnnnn.ts`). Checks never touch the network unless their purpose is to. */
export interface VerifyCheck {
  readonly meta: CheckMeta;
  /** Visible files whose content the check reads; asked for every entry, before any byte is read. */
  required?(entry: FileEntry, config: ImageConfig): boolean;
  /**
   * Files worth reading in every layer, deleted ones included (secrets). Bounded: the runner stops
   * reading candidates once a content budget is spent and reports how many it skipped.
   */
  candidates?(entry: FileEntry): boolean;
  check(context: CheckContext): CheckOutcome | Promise<CheckOutcome>;
}

/**
 * A `dir:` root filesystem has no image config: no User, CMD or HEALTHCHECK to check. Config checks
 * skip it rather than judge the defaults of a config that does not exist.
 */
export function withoutConfig(context: CheckContext): CheckOutcome | undefined {
  if (context.layers.length > 0 || Object.keys(context.config).length > 0) return undefined;
  return { status: 'skip', evidence: 'a directory has no image config (USER, CMD, HEALTHCHECK…)' };
}

/** A finding at a file of the image (whole-file when no line is known). */
export function fileFinding(message: string, entry: Pick<FileEntry, 'path' | 'layer'>, line = 1): VerifyFinding {
  return {
    message,
    location: {
      path: entry.path,
      line,
      column: 1,
      endLine: line,
      endColumn: 1,
      ...(entry.layer ? { layer: entry.layer } : {}),
    },
  };
}

/** `12.3 MB`, `812 kB`, `5 B` (SI units, as docker and dpkg print sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** `sha256:0123456789ab…` → `0123456789ab` (docker's short form). */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return '';
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 12);
}

/** "N things" lists in evidence: the first few, then a count. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * A history step as a reader wants it: `/bin/sh -c #(nop)  COPY dir:… in /app` → `COPY dir:… in
 * /app`, build arguments (`|1 TOKEN=… `) dropped so their values are never shown, cut at 60 characters.
 */
export function buildStep(createdBy: string): string {
  const text = createdBy
    .replace(/^\|\d+ (\S+=\S* )*/, '')
    .replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
