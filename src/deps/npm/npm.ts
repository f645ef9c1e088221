import semver from 'semver';
import type { Span } from '../../core/location.js';
import {
  type JsonNode,
  jsonSpan,
  jsonStringContent,
  member,
  members,
  parseJsonTree,
  stringValue,
} from '../json-tree.js';
import type { Dependency, DependencySource, IndexSetting, ManifestProblem, ParsedManifest } from '../model.js';

/**
 * npm manifests: `package.json` (`dependencies`, `devDependencies`, `optionalDependencies`; peer ranges
 * are the consumer's business) and `package-lock.json` / `npm-shrinkwrap.json` (lockfileVersion 2 and 3
 * list every installed path in `packages`; version 1 nests a `dependencies` tree).
 */

const DEPENDENCY_FIELDS = [
  ['dependencies', false],
  ['devDependencies', true],
  ['optionalDependencies', false],
] as const;

interface NpmSpec {
  readonly name: string;
  readonly source: DependencySource;
  /** The node-semver range ('' = anything, including dist-tags such as `latest`). */
  readonly range: string;
  readonly exact?: string;
  /** Where the exact version starts inside the spec string. */
  readonly exactOffset?: number;
}

/** What a package.json value asks for, in npm-package-arg's terms (registry range, alias, git, URL, path). */
export function readNpmSpec(name: string, spec: string): NpmSpec {
  const s = spec.trim();
  if (s.startsWith('npm:')) {
    const body = s.slice(4);
    const at = body.lastIndexOf('@');
    if (at > 0) {
      const inner = readNpmSpec(body.slice(0, at), body.slice(at + 1));
      const offset = spec.indexOf(body) + at + 1;
      return inner.exactOffset !== undefined ? { ...inner, exactOffset: inner.exactOffset + offset } : inner;
    }
    return { name: body, source: { type: 'registry' }, range: '' };
  }
  if (/^(file|link|workspace|portal):/.test(s) || /^(\.{1,2}\/|\/|~\/)/.test(s)) {
    return { name, source: { type: 'path', path: s }, range: '' };
  }
  if (/^(git\+|git:\/\/|github:|gitlab:|bitbucket:|gist:)/.test(s) || /^[^@\s/:]+\/[^\s/:]+(#.*)?$/.test(s)) {
    const hash = s.indexOf('#');
    const ref = hash === -1 ? undefined : s.slice(hash + 1);
    return { name, source: ref ? { type: 'vcs', url: s, ref } : { type: 'vcs', url: s }, range: '' };
  }
  if (/^https?:\/\//.test(s)) return { name, source: { type: 'url', url: s }, range: '' };
  const exact = semver.valid(s);
  if (exact !== null) {
    const lead = spec.length - spec.trimStart().length + (s.length - s.replace(/^[=v\s]+/, '').length);
    return { name, source: { type: 'registry' }, range: s, exact, exactOffset: lead };
  }
  if (s === '' || s === '*' || s === 'x' || s === 'X' || semver.validRange(s) === null) {
    // Anything else that is not a range is a dist-tag (`latest`, `next`): whatever it points at today.
    return { name, source: { type: 'registry' }, range: '' };
  }
  return { name, source: { type: 'registry' }, range: s };
}

export function parsePackageJson(path: string, text: string): ParsedManifest {
  const problems: ManifestProblem[] = [];
  const dependencies: Dependency[] = [];
  const root = parseJsonTree(path, text, problems);
  if (root && root.type !== 'object')
    problems.push({ path, message: 'package.json is not a JSON object', span: jsonSpan(root) });
  for (const [field, dev] of DEPENDENCY_FIELDS) {
    const table = member(root, field);
    if (table && table.type !== 'object') {
      problems.push({ path, message: `"${field}" is not an object`, span: jsonSpan(table) });
      continue;
    }
    for (const [name, valueNode, prop] of members(table)) {
      const value = stringValue(valueNode);
      if (value === undefined) {
        problems.push({ path, message: `"${field}.${name}" is not a string`, span: jsonSpan(valueNode) });
        continue;
      }
      const spec = readNpmSpec(name, value);
      const content = jsonStringContent(valueNode, text);
      const pinSpan: Span | undefined =
        spec.exact !== undefined && spec.exactOffset !== undefined && content
          ? { start: content.start + spec.exactOffset, end: content.start + spec.exactOffset + spec.exact.length }
          : undefined;
      const exactText = pinSpan ? text.slice(pinSpan.start, pinSpan.end) : undefined;
      dependencies.push({
        ecosystem: 'npm',
        name,
        key: spec.name,
        path,
        format: 'package-json',
        role: 'declared',
        span: jsonSpan(prop),
        source: spec.source,
        specifier: spec.range,
        specifierText: value,
        ...(spec.exact !== undefined
          ? { pin: { version: spec.exact, ...(pinSpan && exactText === spec.exact ? { span: pinSpan } : {}) } }
          : {}),
        hashes: [],
        ...(dev ? { dev: true } : {}),
      });
    }
  }
  return { path, format: 'package-json', text, dependencies, problems, indexes: [] };
}

/** The package a `packages` key installs: the part after the last `node_modules/`. */
function nameFromKey(key: string): string | undefined {
  const i = key.lastIndexOf('node_modules/');
  if (i === -1) return undefined;
  const name = key.slice(i + 'node_modules/'.length);
  return name === '' ? undefined : name;
}

export function parsePackageLock(path: string, text: string): ParsedManifest {
  const problems: ManifestProblem[] = [];
  const dependencies: Dependency[] = [];
  const indexes: IndexSetting[] = [];
  const root = parseJsonTree(path, text, problems);
  if (root && root.type !== 'object')
    problems.push({ path, message: 'package-lock is not a JSON object', span: jsonSpan(root) });
  const add = (name: string, versionNode: JsonNode | undefined, entry: JsonNode, key: string, direct: boolean) => {
    const version = stringValue(versionNode);
    if (!versionNode || version === undefined) {
      problems.push({ path, message: `"${key}" has no version`, span: jsonSpan(entry) });
      return;
    }
    let realName = name;
    let realVersion = version;
    let offset = 0;
    if (version.startsWith('npm:')) {
      const at = version.lastIndexOf('@');
      realName = version.slice(4, at);
      realVersion = version.slice(at + 1);
      offset = at + 1;
    }
    const resolved = stringValue(member(entry, 'resolved'));
    const resolvedNode = member(entry, 'resolved');
    if (resolved?.startsWith('http://') && resolvedNode) {
      indexes.push({ option: 'resolved', value: resolved, span: jsonSpan(resolvedNode) });
    }
    if (semver.valid(realVersion) === null) return; // a git, file or link dependency: nothing to look up
    const content = jsonStringContent(versionNode, text);
    const integrity = stringValue(member(entry, 'integrity'));
    dependencies.push({
      ecosystem: 'npm',
      name: realName,
      key: realName,
      path,
      format: 'package-lock',
      role: 'locked',
      span: jsonSpan(versionNode),
      source: resolved && /^git/.test(resolved) ? { type: 'vcs', url: resolved } : { type: 'registry' },
      specifier: realVersion,
      specifierText: version,
      pin: { version: realVersion, ...(content ? { span: { start: content.start + offset, end: content.end } } : {}) },
      hashes: integrity ? integrity.split(/\s+/) : [],
      ...(member(entry, 'dev')?.value === true ? { dev: true } : {}),
      ...(direct ? { direct: true } : {}),
    });
  };
  const packages = member(root, 'packages');
  if (packages?.type === 'object') {
    const top = member(packages, '');
    const directNames = new Set(DEPENDENCY_FIELDS.flatMap(([field]) => members(member(top, field)).map(([n]) => n)));
    for (const [key, entry] of members(packages)) {
      if (key === '' || entry.type !== 'object' || member(entry, 'link')?.value === true) continue;
      const keyName = nameFromKey(key);
      if (keyName === undefined) continue; // a workspace folder: the project's own code
      const name = stringValue(member(entry, 'name')) ?? keyName;
      add(name, member(entry, 'version'), entry, key, key === `node_modules/${keyName}` && directNames.has(keyName));
    }
  } else {
    const walk = (deps: JsonNode | undefined, depth: number, prefix: string) => {
      if (depth > 256) return;
      for (const [name, entry] of members(deps)) {
        if (entry.type !== 'object') continue;
        add(name, member(entry, 'version'), entry, `${prefix}${name}`, depth === 0);
        walk(member(entry, 'dependencies'), depth + 1, `${prefix}${name}/`);
      }
    };
    walk(member(root, 'dependencies'), 0, '');
  }
  return { path, format: 'package-lock', text, dependencies, problems, indexes };
}
