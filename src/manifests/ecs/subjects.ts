import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Span } from '../../core/location.js';
import type { ManifestFile } from '../manifest-file.js';
import { YamlEditor } from '../yaml-edits.js';
import { asMap, asSeq, type MapNode, pairOf, type SeqNode, stringOf } from '../yaml-nodes.js';

export interface EcsFixOptions {
  /** The user written into containers that set none, or replace root (`"1000"` by default). */
  readonly user?: string;
}

export const DEFAULT_ECS_USER = '1000';

/** One container definition and the task definition around it. */
export interface EcsContainer {
  /** The container's `name`, or `#1`, `#2`… when it has none. */
  readonly name: string;
  readonly map: MapNode;
  /** Where a missing field is reported: the container's `name` entry, else the start of its object. */
  readonly anchor: Span;
  /** The task definition (CloudFormation: its `Properties`); undefined for a bare array of containers. */
  readonly task: MapNode | undefined;
  /** CloudFormation spells every key in PascalCase (`ReadonlyRootFilesystem`). */
  readonly cloudFormation: boolean;
  readonly file: ManifestFile;
  /** Minimal-edit writer over this file's text (one per file): JSON stays JSON. */
  readonly editor: YamlEditor;
  readonly fixUser: string;
}

/**
 * The task definitions of a file: a `register-task-definition` input (`containerDefinitions` at the
 * top), a `describe-task-definition` output (`{"taskDefinition": {…}}`), `AWS::ECS::TaskDefinition`
 * resources of a CloudFormation template (JSON or YAML), or a bare array of container definitions
 * (Terraform's `container_definitions` file, Copilot/CDK exports).
 */
export function ecsContainers(file: ManifestFile, options: EcsFixOptions = {}): EcsContainer[] {
  const editor = new YamlEditor(file.text);
  const fixUser = options.user ?? DEFAULT_ECS_USER;
  const out: EcsContainer[] = [];
  const addTask = (task: MapNode | undefined, containers: SeqNode | undefined, cloudFormation: boolean) => {
    if (!containers) return;
    containers.items.forEach((item, i) => {
      const map = asMap(item);
      if (!map) return;
      const nameKey = cloudFormation ? 'Name' : 'name';
      const name = stringOf(map.get(nameKey, true)) ?? `#${i + 1}`;
      const start = map.range?.[0] ?? 0;
      const anchor = spanOfPair(pairOf(map, nameKey)) ?? { start, end: start + 1 };
      out.push({ name, map, anchor, task, cloudFormation, file, editor, fixUser });
    });
  };
  for (const document of file.documents) {
    const root = document.contents;
    const seq = asSeq(root);
    if (seq) {
      addTask(undefined, seq, false);
      continue;
    }
    const map = asMap(root);
    if (!map) continue;
    if (pairOf(map, 'containerDefinitions')) addTask(map, asSeq(pairOf(map, 'containerDefinitions')?.value), false);
    const wrapped = asMap(pairOf(map, 'taskDefinition')?.value);
    if (wrapped) addTask(wrapped, asSeq(pairOf(wrapped, 'containerDefinitions')?.value), false);
    const resources = asMap(pairOf(map, 'Resources')?.value);
    for (const resource of resources?.items ?? []) {
      if (!isPair(resource)) continue;
      const body = asMap(resource.value);
      if (stringOf(body?.get('Type', true)) !== 'AWS::ECS::TaskDefinition') continue;
      const properties = asMap(pairOf(body, 'Properties')?.value);
      addTask(properties, asSeq(pairOf(properties, 'ContainerDefinitions')?.value), true);
    }
  }
  return out;
}

function spanOfPair(pair: Pair<unknown, unknown> | undefined): Span | undefined {
  const key = pair?.key as Node | undefined;
  if (!key?.range) return undefined;
  const end = (pair?.value as Node | undefined)?.range?.[1] ?? key.range[1];
  return { start: key.range[0], end };
}

/** A key as the subject spells it: `readonlyRootFilesystem` or CloudFormation's `ReadonlyRootFilesystem`. */
export function ecsKey(subject: Pick<EcsContainer, 'cloudFormation'>, key: string): string {
  if (!subject.cloudFormation) return key;
  if (key === 'efsVolumeConfiguration') return 'EFSVolumeConfiguration';
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** A pair of a container or task map, by its API (camelCase) name. */
export function ecsPair(
  subject: EcsContainer,
  map: MapNode | undefined,
  key: string,
): Pair<unknown, unknown> | undefined {
  return pairOf(map, ecsKey(subject, key));
}

export function ecsValue(subject: EcsContainer, map: MapNode | undefined, key: string): Node | undefined {
  const v = ecsPair(subject, map, key)?.value;
  return v && typeof v === 'object' && 'range' in (v as object) ? (v as Node) : undefined;
}

/**
 * A plain value with keys spelled for the subject (deep): `{capabilities: {drop: ['ALL']}}` becomes
 * `{Capabilities: {Drop: ['ALL']}}` in CloudFormation.
 */
export function ecsShape<T>(subject: Pick<EcsContainer, 'cloudFormation'>, value: T): T {
  if (!subject.cloudFormation || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => ecsShape(subject, v)) as T;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [ecsKey(subject, k), ecsShape(subject, v)]),
  ) as T;
}

/** YAML/JSON boolean, also CloudFormation's string booleans (`"true"`). */
export function ecsBoolean(node: unknown): boolean | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/** The string items of a sequence node, with their nodes. */
export function stringItems(node: unknown): { value: string; node: Node }[] {
  if (!isSeq(node)) return [];
  const out: { value: string; node: Node }[] = [];
  for (const item of node.items) {
    const s = stringOf(item);
    if (s !== undefined) out.push({ value: s, node: item as Node });
  }
  return out;
}

/** The maps of a sequence node. */
export function mapItems(node: unknown): MapNode[] {
  if (!isSeq(node)) return [];
  return node.items.filter((i) => isMap(i)) as MapNode[];
}
