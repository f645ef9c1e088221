import type { FileError, Finding } from '../../core/finding.js';
import { imageBaseName, parseImageRef } from '../../core/image-ref.js';
import { fixUntilStable, type TextEdit } from '../../core/text-edit.js';
import { ManifestFile } from '../manifest-file.js';
import { runManifestRules } from '../run-rules.js';
import { combineInsertions, YamlEditor, type YamlValue } from '../yaml-edits.js';
import { asMap, asSeq, booleanOf, type MapNode, stringOf, valueAt } from '../yaml-nodes.js';
import { DEFAULT_APP_UID } from './rules/DK2004.js';
import { RULES } from './rules/index.js';
import { effective } from './security-context.js';
import { type Container, describeContainer, type Workload, workloadsOf } from './subjects.js';

export interface HardenOptions {
  /** UID written as `runAsUser` where `runAsNonRoot: true` is added and no UID is set (the guide: 1000). */
  readonly user?: number;
}

export interface HardenResult {
  readonly path: string;
  readonly original: string;
  /** The hardened text (the original when it does not parse). */
  readonly text: string;
  readonly changed: boolean;
  /** What harden added beyond the rules' own fixes, one sentence each (shown to the user). */
  readonly notes: readonly string[];
  /** Findings left after hardening: rules without an automatic fix (hostPath, resources, images…). */
  readonly remaining: readonly Finding[];
  /** Syntax errors: a file that does not parse is never rewritten. */
  readonly errors: readonly FileError[];
  /** False when fixes still changed the text after the last pass (a bug: reported, not hidden). */
  readonly stable: boolean;
}

/**
 * Paths an image writes to at run time, which a read-only root file system would break; each gets an
 * emptyDir. /tmp for every image; the rest from the official images' documentation (nginx's cache
 * and pid file, the databases' data and socket directories).
 */
const WRITABLE_PATHS: readonly { readonly image: RegExp; readonly paths: readonly string[] }[] = [
  { image: /^nginx(-unprivileged)?$/, paths: ['/var/cache/nginx', '/var/run'] },
  { image: /^(httpd|apache2?)$/, paths: ['/usr/local/apache2/logs'] },
  { image: /^redis(-stack)?$/, paths: ['/data'] },
  { image: /^postgres(ql)?$/, paths: ['/var/run/postgresql', '/var/lib/postgresql/data'] },
  { image: /^(mysql|mariadb)$/, paths: ['/var/lib/mysql', '/var/run/mysqld'] },
  { image: /^mongo(db)?$/, paths: ['/data/db', '/data/configdb'] },
  { image: /^rabbitmq$/, paths: ['/var/lib/rabbitmq'] },
];

/** What the writable-path table says a container's image needs, /tmp first. */
export function writablePaths(image: string | undefined): string[] {
  const paths = ['/tmp'];
  const parsed = image ? parseImageRef(image.trim()) : undefined;
  if (parsed?.ok) {
    const base = imageBaseName(parsed.ref);
    for (const entry of WRITABLE_PATHS) if (entry.image.test(base)) paths.push(...entry.paths);
  }
  return paths;
}

/** A container, found again in every re-parse by its position (harden never adds or removes containers). */
interface ContainerKey {
  readonly workload: number;
  readonly group: Container['group'];
  readonly index: number;
}

interface MountPlan {
  readonly key: ContainerKey;
  readonly volume: string;
  readonly path: string;
}

interface Plan {
  readonly mounts: readonly MountPlan[];
  /** Containers that get `runAsUser` because harden adds `runAsNonRoot: true` and no UID is set. */
  readonly users: readonly ContainerKey[];
  readonly notes: readonly string[];
}

/**
 * Applies every Kubernetes fix until stable (the rules' own TextEdits, merged where several rules add
 * to the same map), plus what no single rule can do: an emptyDir for each path a container writes to
 * when its root file system becomes read-only, and a numeric `runAsUser` beside a new
 * `runAsNonRoot: true` (the kubelet cannot verify a named image USER). Comments, key order, quoting,
 * indentation and JSON-ness are kept: every change is a text edit.
 */
export function hardenKubernetes(text: string, path: string, options: HardenOptions = {}): HardenResult {
  const first = new ManifestFile(path, text);
  if (first.errors.length > 0) {
    return { path, original: text, text, changed: false, notes: [], remaining: [], errors: first.errors, stable: true };
  }
  const uid = options.user ?? DEFAULT_APP_UID;
  const plan = planStructure(workloadsOf(first), uid);
  const fixable = RULES.filter((r) => r.meta.fixable && !r.meta.optional);
  const result = fixUntilStable(text, (current) => {
    const file = new ManifestFile(path, current);
    if (file.errors.length > 0) return [];
    const workloads = workloadsOf(file);
    // Structural edits first: a container's whole guide block wins over the rules' one-key insertions.
    const groups: (readonly TextEdit[])[] = structuralEdits(new YamlEditor(current), workloads, plan, uid);
    const findings = runManifestRules(file, workloads, fixable).sort(
      (a, b) => guideRank(a.ruleId) - guideRank(b.ruleId),
    );
    groups.push(...findings.flatMap((f) => (f.fix ? [f.fix.edits] : [])));
    return combineInsertions(groups);
  });
  const final = new ManifestFile(path, result.text);
  const remaining =
    final.errors.length > 0
      ? []
      : runManifestRules(
          final,
          workloadsOf(final),
          RULES.filter((r) => !r.meta.optional),
        );
  return {
    path,
    original: text,
    text: result.text,
    changed: result.text !== text,
    notes: plan.notes,
    remaining,
    errors: final.errors,
    stable: result.stable,
  };
}

/** Decides once, on the original text, which containers get emptyDirs and a runAsUser. */
function planStructure(workloads: readonly Workload[], uid: number): Plan {
  const mounts: MountPlan[] = [];
  const users: ContainerKey[] = [];
  const notes: string[] = [];
  workloads.forEach((w, wi) => {
    const taken = new Set(volumeNames(w.podSpec));
    const needing = w.containers.filter(
      (c) => booleanOf(valueAt(c.securityContext, 'readOnlyRootFilesystem')) !== true,
    );
    for (const c of w.containers) {
      const key: ContainerKey = { workload: wi, group: c.group, index: c.index };
      if (needing.includes(c)) {
        const mounted = mountPaths(c.node);
        for (const dir of writablePaths(stringOf(valueAt(c.node, 'image')))) {
          if (mounted.some((m) => dir === m || dir.startsWith(`${m}/`))) continue;
          const volume = uniqueName(volumeBase(c, dir, needing.length), taken);
          taken.add(volume);
          mounts.push({ key, volume, path: dir });
          notes.push(
            `${describeContainer(c)}: added emptyDir volume "${volume}" at ${dir}, because its root file system becomes read-only`,
          );
        }
      }
      const nonRoot = effective(c, 'runAsNonRoot');
      if (nonRoot === undefined && effective(c, 'runAsUser') === undefined) {
        users.push(key);
        notes.push(
          `${describeContainer(c)}: added runAsUser: ${uid} beside runAsNonRoot: true (the kubelet can only verify a numeric user); use the image's own UID if it differs`,
        );
      }
    }
  });
  return { mounts, users, notes };
}

/** The edits still missing for the plan in the current text: one group per insertion. */
function structuralEdits(editor: YamlEditor, workloads: readonly Workload[], plan: Plan, uid: number): TextEdit[][] {
  const groups: TextEdit[][] = [];
  const find = (key: ContainerKey) =>
    workloads[key.workload]?.containers.find((c) => c.group === key.group && c.index === key.index);
  const byContainer = new Map<Container, MountPlan[]>();
  for (const m of plan.mounts) {
    const c = find(m.key);
    if (!c) continue;
    byContainer.set(c, [...(byContainer.get(c) ?? []), m]);
  }
  for (const [c, wanted] of byContainer) {
    const missing = wanted.filter((m) => !mountPaths(c.node).includes(m.path));
    const seq = asSeq(valueAt(c.node, 'volumeMounts'));
    const items = missing.map((m) => ({ name: m.volume, mountPath: m.path }));
    if (items.length === 0) continue;
    if (seq) for (const item of items) groups.push([editor.appendItem(seq, item)]);
    else groups.push([editor.insertPair(c.node, 'volumeMounts', items)]);
  }
  const byWorkload = new Map<Workload, string[]>();
  for (const m of plan.mounts) {
    const w = workloads[m.key.workload];
    if (!w || volumeNames(w.podSpec).includes(m.volume)) continue;
    byWorkload.set(w, [...(byWorkload.get(w) ?? []), m.volume]);
  }
  for (const [w, names] of byWorkload) {
    const seq = asSeq(valueAt(w.podSpec, 'volumes'));
    const items = names.map((name) => ({ name, emptyDir: {} }));
    if (seq) for (const item of items) groups.push([editor.appendItem(seq, item)]);
    else groups.push([editor.insertPair(w.podSpec, 'volumes', items)]);
  }
  for (const key of plan.users) {
    const c = find(key);
    if (!c || effective(c, 'runAsUser') !== undefined) continue;
    const block = c.securityContext && c.securityContext.items.length > 0 ? undefined : guideBlock(c, uid);
    const edit = block
      ? editor.setIn(c.node, ['securityContext'], block)
      : editor.setIn(c.node, ['securityContext', 'runAsUser'], uid);
    if (edit) groups.unshift([edit]);
  }
  return groups;
}

/** The order the guide writes a container's securityContext in; rule fixes are merged in this order. */
const GUIDE_ORDER = ['DK2003', 'DK3001', 'DK2002', 'DK2006', 'DK2005'];

function guideRank(ruleId: string): number {
  const i = GUIDE_ORDER.indexOf(ruleId);
  return i < 0 ? GUIDE_ORDER.length : i;
}

/**
 * The guide's securityContext for a container that has none, in the guide's order: what the pod
 * already provides (runAsNonRoot, seccomp) is left to the pod.
 */
function guideBlock(c: Container, uid: number): YamlValue {
  const block: Record<string, YamlValue> = {};
  if (effective(c, 'runAsNonRoot') === undefined) block.runAsNonRoot = true;
  block.runAsUser = uid;
  block.readOnlyRootFilesystem = true;
  block.allowPrivilegeEscalation = false;
  block.capabilities = { drop: ['ALL'] };
  if (effective(c, 'seccompProfile') === undefined) block.seccompProfile = { type: 'RuntimeDefault' };
  return block;
}

function volumeNames(podSpec: MapNode): string[] {
  return (asSeq(valueAt(podSpec, 'volumes'))?.items ?? []).flatMap((v) => {
    const name = stringOf(valueAt(asMap(v), 'name'));
    return name ? [name] : [];
  });
}

function mountPaths(container: MapNode): string[] {
  return (asSeq(valueAt(container, 'volumeMounts'))?.items ?? []).flatMap((m) => {
    const path = stringOf(valueAt(asMap(m), 'mountPath'))?.replace(/\/+$/, '');
    return path ? [path || '/'] : [];
  });
}

/** `tmp`, `nginx-cache`…; prefixed with the container name when several containers need one. */
function volumeBase(c: Container, dir: string, containersNeeding: number): string {
  const tail = dir.split('/').filter(Boolean).slice(-2).join('-') || 'root';
  const base = containersNeeding > 1 ? `${c.name}-${tail}` : tail;
  // Volume names are DNS-1123 labels.
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'writable'
  );
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 60)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
