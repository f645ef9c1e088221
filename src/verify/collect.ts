import { catalogView, type Sbom, sbomSourceOf } from '../catalog/index.js';
import type { CatalogWarning } from '../catalog/package.js';
import { resolveSymlinks } from '../sources/file-view.js';
import { fileViewOf, type OpenSourceOptions, openSource } from '../sources/index.js';
import type { FileEntry, FileView, Image, ImageConfig, Platform } from '../sources/types.js';
import { isAccountFile } from './accounts.js';
import type { LayerFile, LayerInfo, VerifyCheck } from './check.js';
import { LayerTap } from './layer-tap.js';

/**
 * The one pass over an image that feeds every check: the source is opened and resolved, the
 * squashed filesystem is walked once by the SBOM catalogers (`catalogView`, unchanged) through a
 * view that also records every entry and reads the files the checks declared; the layers below the
 * top one are teed to a second tar parser for the checks' candidates (deleted files included).
 */

/** Candidate contents read per pass (visible and per-layer each): enough for any app's config files. */
export const CANDIDATE_BUDGET_BYTES = 64 * 1024 * 1024;

export interface CollectOptions extends OpenSourceOptions {
  readonly platform?: Platform;
  readonly candidateBudget?: number;
}

export interface CollectedImage {
  readonly sbom: Sbom;
  readonly config: ImageConfig;
  readonly layers: readonly LayerInfo[];
  readonly entries: ReadonlyMap<string, FileEntry>;
  readonly files: ReadonlyMap<string, Buffer>;
  readonly layerFiles: readonly LayerFile[];
  readonly candidatesSkipped: number;
  /** Problems that did not stop the pass (a catalog warning, a layer the tap could not parse). */
  readonly warnings: readonly CatalogWarning[];
}

export async function collectImage(
  target: string,
  checks: readonly VerifyCheck[],
  options: CollectOptions = {},
): Promise<CollectedImage> {
  const source = await openSource(target, options);
  const image: Image = await source.resolve(options.platform ? { platform: options.platform } : {});
  const config = image.config;
  const budget = options.candidateBudget ?? CANDIDATE_BUDGET_BYTES;
  const candidateChecks = checks.filter((c) => c.candidates);
  const isCandidate = (e: FileEntry) => candidateChecks.some((c) => c.candidates?.(e) === true);
  // The account files always: the report's header says who the image runs as, whatever checks ran.
  const isRequired = (e: FileEntry) => isAccountFile(e) || checks.some((c) => c.required?.(e, config) === true);

  // The top layer's files are all visible (the squashed walk reads them); only lower layers can hide one.
  const top = image.layers.length - 1;
  const tap =
    candidateChecks.length > 0 && image.layers.length > 1
      ? new LayerTap({ want: isCandidate, maxBytes: budget, layers: (i) => i < top })
      : undefined;
  const view = fileViewOf(source, tap ? tap.wrap(image) : image);

  const entries = new Map<string, FileEntry>();
  const files = new Map<string, Buffer>();
  let candidateBytes = 0;
  let candidatesSkipped = 0;
  /** Candidates over budget are visited without content; remember them to tell required from skipped. */
  const overBudget = new Set<string>();
  const recording: FileView = {
    walk(required, visit) {
      const wants = (e: FileEntry) => {
        if (required(e) || isRequired(e)) return true;
        if (!isCandidate(e)) return false;
        if (candidateBytes + e.size > budget) {
          overBudget.add(e.path);
          return false;
        }
        candidateBytes += e.size;
        return true;
      };
      return view.walk(wants, async (entry, content) => {
        entries.set(entry.path, entry);
        if (content !== undefined && (isRequired(entry) || isCandidate(entry))) files.set(entry.path, content);
        if (overBudget.has(entry.path)) candidatesSkipped++;
        await visit(entry, content);
      });
    },
  };
  const catalog = await catalogView(recording);
  await tap?.settled();

  const layers = layerInfo(image);
  const layerFiles: LayerFile[] = (tap?.files ?? []).map((f) => ({
    ...f,
    visible: entries.get(f.entry.path)?.layer === f.entry.layer && entries.get(f.entry.path)?.type === 'file',
  }));
  const warnings: CatalogWarning[] = [
    ...catalog.warnings,
    ...(tap?.errors ?? []).map((e) => ({ path: e.layer, message: `layer not read for secrets: ${e.message}` })),
  ];
  const sbom: Sbom = {
    target: source.describe(),
    source: sbomSourceOf(source, image),
    distro: catalog.distro,
    packages: catalog.packages,
    warnings: catalog.warnings,
  };
  return {
    sbom,
    config,
    layers,
    entries,
    files,
    layerFiles,
    candidatesSkipped: candidatesSkipped + (tap?.skipped ?? 0),
    warnings,
  };
}

/** Layers bottom first with the history step that made each (empty_layer steps made none). */
function layerInfo(image: Image): LayerInfo[] {
  const made: { createdBy?: string; steps: string[] }[] = [];
  let pending: string[] = [];
  for (const h of image.config.history ?? []) {
    const by = h.created_by ?? '';
    if (h.empty_layer === true) {
      if (changesFiles(by)) pending.push(by);
      continue;
    }
    made.push({
      ...(by ? { createdBy: by } : {}),
      steps: changesFiles(by) || pending.length === 0 ? [...pending, by].filter(Boolean) : pending,
    });
    pending = [];
  }
  return image.layers.map((l, index) => {
    const step = made[index];
    return {
      index,
      digest: l.digest,
      size: l.size,
      ...(step?.createdBy ? { createdBy: step.createdBy } : {}),
      steps: step?.steps ?? [],
    };
  });
}

/** RUN, COPY and ADD change files; `#(nop)` metadata steps (CMD, ENV, EXPOSE…) do not. */
function changesFiles(createdBy: string): boolean {
  return createdBy !== '' && (!createdBy.includes('#(nop)') || /#\(nop\)\s*(ADD|COPY)\b/.test(createdBy));
}

/** `resolve` for a check context: symlinks followed through the recorded entries. */
export function resolverOf(entries: ReadonlyMap<string, FileEntry>): (path: string) => FileEntry | undefined {
  return (path: string) => {
    const resolved = resolveSymlinks(entries, path.replace(/^\/+/, ''));
    return resolved === undefined ? undefined : resolved === '' ? rootEntry(entries) : entries.get(resolved);
  };
}

function rootEntry(entries: ReadonlyMap<string, FileEntry>): FileEntry {
  return entries.get('') ?? { path: '', type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
}
