import { basename, extname } from 'node:path';
import { isDockerfileName } from '../dockerfile/discover.js';
import { Dockerfile } from '../dockerfile/parse/dockerfile.js';
import { ManifestFile } from '../manifests/manifest-file.js';
import { asMap, stringOf, valueAt } from '../manifests/yaml-nodes.js';
import { findComposeReferences } from './find-compose.js';
import { findDockerfileReferences } from './find-dockerfile.js';
import { findEcsReferences } from './find-ecs.js';
import { findGithubActionsReferences } from './find-github-actions.js';
import { findGitlabCiReferences } from './find-gitlab-ci.js';
import { findKubernetesReferences } from './find-kubernetes.js';
import type { FileReferences, ImageReference, ReferenceFileKind } from './image-reference.js';

/** One finder per YAML/JSON kind (the Dockerfile has its own parser): an explicit registry. */
const MANIFEST_FINDERS: Readonly<
  Record<Exclude<ReferenceFileKind, 'dockerfile'>, (f: ManifestFile) => ImageReference[]>
> = {
  compose: findComposeReferences,
  ecs: findEcsReferences,
  'github-actions': findGithubActionsReferences,
  'gitlab-ci': findGitlabCiReferences,
  kubernetes: findKubernetesReferences,
};

const YAML_OR_JSON = new Set(['.yml', '.yaml', '.json']);

/** The kind a file name alone decides (Dockerfiles, workflows, .gitlab-ci.yml); else undefined. */
export function kindByName(path: string): ReferenceFileKind | undefined {
  const name = basename(path);
  if (isDockerfileName(name)) return 'dockerfile';
  const posix = path.replaceAll('\\', '/');
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(posix)) return 'github-actions';
  if (/(^|\.)gitlab-ci\.ya?ml$/.test(name)) return 'gitlab-ci';
  return undefined;
}

/** True for files worth parsing when a directory is searched. */
export function mayHoldReferences(path: string): boolean {
  return kindByName(path) !== undefined || YAML_OR_JSON.has(extname(path).toLowerCase());
}

/** The kind of a parsed YAML/JSON file, from its content. */
export function kindByContent(file: ManifestFile): ReferenceFileKind | undefined {
  const roots = file.documents.map((d) => asMap(d.contents)).filter((r) => r !== undefined);
  if (roots.some(isEcs)) return 'ecs';
  if (roots.some((r) => stringOf(valueAt(r, 'apiVersion')) && stringOf(valueAt(r, 'kind')))) return 'kubernetes';
  if (roots.some((r) => asMap(valueAt(r, 'jobs')) && valueAt(r, 'on') !== undefined)) return 'github-actions';
  if (roots.some((r) => asMap(valueAt(r, 'services')))) return 'compose';
  return undefined;
}

function isEcs(root: NonNullable<ReturnType<typeof asMap>>): boolean {
  if (valueAt(root, 'containerDefinitions')) return true;
  if (valueAt(asMap(valueAt(root, 'taskDefinition')), 'containerDefinitions')) return true;
  const resources = asMap(valueAt(root, 'Resources'));
  return (resources?.items ?? []).some(
    (item) => stringOf(valueAt(asMap(item.value), 'Type')) === 'AWS::ECS::TaskDefinition',
  );
}

/**
 * Every image reference in one file. The kind comes from `kind`, else the file name, else the
 * content; `undefined` when the file is none of the kinds drydock knows.
 */
export function findReferences(path: string, text: string, kind?: ReferenceFileKind): FileReferences | undefined {
  const k = kind ?? kindByName(path);
  if (k === 'dockerfile') {
    const file = new Dockerfile(path, text);
    return { path, kind: k, text, references: findDockerfileReferences(file), problems: [] };
  }
  if (k === undefined && !YAML_OR_JSON.has(extname(path).toLowerCase())) return undefined;
  const file = new ManifestFile(path, text);
  const detected = k ?? kindByContent(file);
  if (detected === undefined || detected === 'dockerfile') return undefined;
  return {
    path,
    kind: detected,
    text,
    references: MANIFEST_FINDERS[detected](file),
    problems: file.errors.map((e) => ({
      location: { path, line: e.line ?? 1, column: e.column ?? 1, endLine: e.line ?? 1, endColumn: e.column ?? 1 },
      message: e.message,
    })),
  };
}
