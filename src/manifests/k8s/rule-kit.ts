import type { Node } from 'yaml';
import type { Fix } from '../../core/finding.js';
import type { TextEdit } from '../../core/text-edit.js';
import type { ManifestFile } from '../manifest-file.js';
import type { ManifestRule, PssLevel } from '../rule.js';
import { YamlEditor, type YamlValue } from '../yaml-edits.js';
import type { MapNode } from '../yaml-nodes.js';
import type { Container, Workload } from './subjects.js';

/** A Kubernetes rule sees one workload (pod spec + containers) at a time. */
export type KubernetesRule = ManifestRule<Workload>;

/** The suffix every PSS finding carries, so the level shows in any output format. */
export function pssTag(level: PssLevel): string {
  return ` (PSS ${level})`;
}

const editors = new WeakMap<ManifestFile, YamlEditor>();

/** One editor per parsed text: the style (indent, JSON, line breaks) is detected once. */
export function editorFor(file: ManifestFile): YamlEditor {
  let editor = editors.get(file);
  if (!editor) {
    editor = new YamlEditor(file.text);
    editors.set(file, editor);
  }
  return editor;
}

export function fixOf(description: string, edit: TextEdit | undefined): Fix | undefined {
  return edit ? { description, edits: [edit] } : undefined;
}

/** A fix that sets `path` (created as needed) under `map`. */
export function setFix(
  file: ManifestFile,
  map: MapNode,
  path: readonly string[],
  value: YamlValue,
  description: string,
): Fix | undefined {
  return fixOf(description, editorFor(file).setIn(map, path, value));
}

/** A fix that sets `securityContext.<path>` on a container (the guide puts hardening there). */
export function containerSecurityFix(
  file: ManifestFile,
  c: Container,
  path: readonly string[],
  value: YamlValue,
  description: string,
): Fix | undefined {
  return setFix(file, c.node, ['securityContext', ...path], value, description);
}

/** A fix that replaces one scalar node's value. */
export function scalarFix(
  file: ManifestFile,
  node: Node,
  value: string | number | boolean,
  description: string,
): Fix | undefined {
  const editor = editorFor(file);
  return 'value' in node
    ? fixOf(description, editor.setScalar(node as Parameters<YamlEditor['setScalar']>[0], value))
    : undefined;
}
