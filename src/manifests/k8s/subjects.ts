import { isMap, type Node } from 'yaml';
import type { Span } from '../../core/location.js';
import type { ManifestFile } from '../manifest-file.js';
import {
  asMap,
  asSeq,
  booleanOf,
  keySpanOf,
  type MapNode,
  nodeAt,
  pairOf,
  spanOf,
  stringOf,
  valueAt,
} from '../yaml-nodes.js';

/**
 * The unit Kubernetes rules look at: one pod spec (a Pod, or the pod template of a controller) with
 * its containers. Pod-level fields (host namespaces, volumes, sysctls) are judged once per pod;
 * container-level ones once per container, through the inheritance helpers in security-context.ts.
 */
export interface Workload {
  /** `Deployment`, `CronJob`, `Pod`… */
  readonly kind: string;
  /** `metadata.name` of the resource (`<unnamed>` when absent). */
  readonly name: string;
  /** The resource's map (a `List` item is its own resource). */
  readonly resource: MapNode;
  /** The pod spec: `spec` of a Pod, `spec.template.spec` of a Deployment, … */
  readonly podSpec: MapNode;
  /** Keys from the resource to the pod spec (`['spec', 'template', 'spec']`), for messages and edits. */
  readonly podSpecPath: readonly string[];
  /** Where a finding about a missing pod-level field points: the key that holds the pod spec. */
  readonly podSpecKey: Span;
  /** The pod's metadata (the template's for controllers): AppArmor and seccomp annotations live there. */
  readonly podMetadata: MapNode | undefined;
  readonly podSecurityContext: MapNode | undefined;
  readonly containers: readonly Container[];
  /** ServiceAccounts defined in the same file, by name: their `automountServiceAccountToken` counts. */
  readonly serviceAccounts: ReadonlyMap<string, MapNode>;
}

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  readonly workload: Workload;
  readonly group: ContainerGroup;
  readonly index: number;
  /** `name` of the container (`#N` when absent). */
  readonly name: string;
  readonly node: MapNode;
  readonly securityContext: MapNode | undefined;
}

/** Where the pod spec lives in each workload kind. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);

export const CONTAINER_GROUPS: readonly ContainerGroup[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Every Kubernetes resource map of a file: each document's root, and the items of `List` kinds. */
export function resourcesOf(file: ManifestFile): MapNode[] {
  const out: MapNode[] = [];
  const visit = (node: unknown, depth: number) => {
    const map = asMap(node);
    if (!map || depth > 4) return;
    const kind = stringOf(valueAt(map, 'kind'));
    const items = asSeq(valueAt(map, 'items'));
    if (kind !== undefined && /List$/.test(kind) && items) {
      for (const item of items.items) visit(item, depth + 1);
      return;
    }
    out.push(map);
  };
  for (const doc of file.documents) visit(doc.contents, 0);
  return out;
}

/** The workloads (pod specs with containers) of a parsed manifest file, in file order. */
export function workloadsOf(file: ManifestFile): Workload[] {
  const resources = resourcesOf(file);
  const serviceAccounts = new Map<string, MapNode>();
  for (const r of resources) {
    if (stringOf(valueAt(r, 'kind')) !== 'ServiceAccount') continue;
    const name = stringOf(nodeAt(r, ['metadata', 'name']));
    if (name) serviceAccounts.set(name, r);
  }
  const out: Workload[] = [];
  for (const resource of resources) {
    const kind = stringOf(valueAt(resource, 'kind'));
    const path = kind === undefined ? undefined : POD_SPEC_PATHS[kind];
    if (!kind || !path) continue;
    const podSpec = asMap(nodeAt(resource, path));
    if (!podSpec) continue;
    const parent = asMap(nodeAt(resource, path.slice(0, -1))) ?? resource;
    const podSpecKey = keySpanOf(parent, path.at(-1) ?? 'spec') ?? spanOf(podSpec);
    const metadataPath = kind === 'Pod' ? ['metadata'] : [...path.slice(0, -1), 'metadata'];
    const workload: Workload & { containers: Container[] } = {
      kind,
      name: stringOf(nodeAt(resource, ['metadata', 'name'])) ?? '<unnamed>',
      resource,
      podSpec,
      podSpecPath: path,
      podSpecKey,
      podMetadata: asMap(nodeAt(resource, metadataPath)),
      podSecurityContext: asMap(valueAt(podSpec, 'securityContext')),
      containers: [],
      serviceAccounts,
    };
    for (const group of CONTAINER_GROUPS) {
      const seq = asSeq(valueAt(podSpec, group));
      if (!seq) continue;
      seq.items.forEach((item, index) => {
        const node = asMap(item);
        if (!node) return;
        workload.containers.push({
          workload,
          group,
          index,
          name: stringOf(valueAt(node, 'name')) ?? `#${index + 1}`,
          node,
          securityContext: asMap(valueAt(node, 'securityContext')),
        });
      });
    }
    out.push(workload);
  }
  return out;
}

/** `container "app" of Deployment "web"`: how messages name a container. */
export function describeContainer(c: Container): string {
  const what =
    c.group === 'initContainers'
      ? 'init container'
      : c.group === 'ephemeralContainers'
        ? 'ephemeral container'
        : 'container';
  return `${what} "${c.name}" of ${c.workload.kind} "${c.workload.name}"`;
}

export function describeWorkload(w: Workload): string {
  return `${w.kind} "${w.name}"`;
}

/** The dotted path of the pod spec, for messages: `spec.template.spec`. */
export function podSpecPathText(w: Workload): string {
  return w.podSpecPath.join('.');
}

/**
 * Where to point when a container lacks a field: its `securityContext` key when it has one (for
 * security fields), else its `name` key, else the container's first line.
 */
export function containerAnchor(c: Container, preferSecurityContext = true): Span {
  if (preferSecurityContext) {
    const sc = keySpanOf(c.node, 'securityContext');
    if (sc) return sc;
  }
  return keySpanOf(c.node, 'name') ?? startSpan(c.node);
}

function startSpan(node: Node): Span {
  const s = spanOf(node).start;
  return { start: s, end: s };
}

/** A pair's value when it is a real (non-null) node. */
export function presentValue(map: MapNode | undefined, key: string): Node | undefined {
  const v = valueAt(map, key);
  if (!v) return undefined;
  if (!isMap(v) && stringOf(v) === undefined && booleanOf(v) === undefined && !asSeq(v)) return undefined;
  return v;
}

export function hasKey(map: MapNode | undefined, key: string): boolean {
  return pairOf(map, key) !== undefined;
}
