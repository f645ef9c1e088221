import { jsonSpan, jsonStringContent, member, members, parseJsonTree, stringValue } from '../json-tree.js';
import {
  type Dependency,
  type DependencySource,
  type IndexSetting,
  type ManifestFormat,
  type ManifestProblem,
  type ParsedManifest,
  pep503,
} from '../model.js';
import { isTomlRecord, nodeSpan, parseTomlDocument, stringContentSpan } from '../toml-tree.js';

/**
 * Python lock files: every entry is an exact resolved version. The version's span is kept so findings
 * point at it, but the fix is the lock tool's (an edited version without new hashes and metadata would
 * be a broken lock), so each entry says which command regenerates it.
 */

function lockedDependency(
  fields: Omit<Dependency, 'ecosystem' | 'key' | 'role' | 'specifier' | 'specifierText'> & { version: string },
): Dependency {
  const { version, ...rest } = fields;
  return {
    ...rest,
    ecosystem: 'pypi',
    key: pep503(fields.name),
    role: 'locked',
    specifier: `==${version}`,
    specifierText: version,
  };
}

function tomlLock(
  path: string,
  text: string,
  format: ManifestFormat,
  describe: (
    pkg: Record<string, unknown>,
    index: number,
  ) => { skip?: boolean; hashes: string[]; source?: DependencySource; dev?: boolean },
  fixBlocker: (name: string) => string,
): ParsedManifest {
  const problems: ManifestProblem[] = [];
  const dependencies: Dependency[] = [];
  const doc = parseTomlDocument(path, text, problems);
  const packages = doc?.value.package;
  if (doc && packages !== undefined && !Array.isArray(packages)) {
    problems.push({ path, message: '`package` is not an array of tables' });
  }
  if (doc && Array.isArray(packages)) {
    packages.forEach((pkg, i) => {
      if (!isTomlRecord(pkg)) return;
      const tableNode = doc.node(['package', i, 'name']);
      const { name, version } = pkg;
      if (typeof name !== 'string' || name === '') {
        problems.push({
          path,
          message: `package #${i + 1} has no name`,
          ...(tableNode ? { span: nodeSpan(tableNode) } : {}),
        });
        return;
      }
      const info = describe(pkg, i);
      if (info.skip) return;
      if (typeof version !== 'string' || version === '') return; // a dynamic-version local project
      const versionNode = doc.node(['package', i, 'version']);
      const pinSpan = stringContentSpan(versionNode, text);
      dependencies.push(
        lockedDependency({
          name,
          version,
          path,
          format,
          span: versionNode ? nodeSpan(versionNode) : tableNode ? nodeSpan(tableNode) : { start: 0, end: 0 },
          source: info.source ?? { type: 'registry' },
          pin: { version, ...(pinSpan ? { span: pinSpan } : {}) },
          hashes: info.hashes,
          ...(info.dev ? { dev: true } : {}),
          fixBlocker: fixBlocker(name),
        }),
      );
    });
  }
  return { path, format, text, dependencies, problems, indexes: [] };
}

function hashesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((f) => (isTomlRecord(f) && typeof f.hash === 'string' ? [f.hash] : []));
}

function lockSource(source: unknown): DependencySource | undefined {
  if (!isTomlRecord(source)) return undefined;
  if (typeof source.git === 'string') return { type: 'vcs', url: source.git };
  if (source.type === 'git' && typeof source.url === 'string') {
    const ref = typeof source.resolved_reference === 'string' ? source.resolved_reference : undefined;
    return ref ? { type: 'vcs', url: source.url, ref } : { type: 'vcs', url: source.url };
  }
  if (typeof source.path === 'string') return { type: 'path', path: source.path };
  if (typeof source.directory === 'string') return { type: 'path', path: source.directory };
  if (source.type === 'directory' || source.type === 'file') return { type: 'path', path: String(source.url ?? '') };
  if (typeof source.url === 'string' && source.type === 'url') return { type: 'url', url: source.url };
  return undefined;
}

/** poetry.lock: `[[package]]` with `files = [{file, hash}]` (or the old `[metadata.files]` table). */
export function parsePoetryLock(path: string, text: string): ParsedManifest {
  // Locks written before Poetry 1.2 keep the hashes in `[metadata.files]`, keyed by package name.
  let legacyFiles: Record<string, unknown> | undefined;
  if (/^\[metadata\.files\]/m.test(text)) {
    const meta = parseTomlDocument(path, text, [])?.value.metadata;
    if (isTomlRecord(meta) && isTomlRecord(meta.files)) legacyFiles = meta.files;
  }
  return tomlLock(
    path,
    text,
    'poetry-lock',
    (pkg) => {
      const source = lockSource(pkg.source);
      return {
        hashes: hashesOf(pkg.files ?? legacyFiles?.[String(pkg.name)]),
        ...(source ? { source } : {}),
        ...(pkg.category === 'dev' ? { dev: true } : {}),
      };
    },
    (name) => `poetry.lock is generated: run \`poetry update ${name}\``,
  );
}

/** uv.lock: the project itself and workspace members (`virtual`/`editable` sources) are not dependencies. */
export function parseUvLock(path: string, text: string): ParsedManifest {
  return tomlLock(
    path,
    text,
    'uv-lock',
    (pkg) => {
      const source = pkg.source;
      if (isTomlRecord(source) && ('virtual' in source || 'editable' in source)) return { skip: true, hashes: [] };
      const sdist = isTomlRecord(pkg.sdist) && typeof pkg.sdist.hash === 'string' ? [pkg.sdist.hash] : [];
      const src = lockSource(source);
      return { hashes: [...sdist, ...hashesOf(pkg.wheels)], ...(src ? { source: src } : {}) };
    },
    (name) => `uv.lock is generated: run \`uv lock --upgrade-package ${name}\``,
  );
}

/** Pipfile.lock: `default`/`develop` maps of `{version: "==1.2.3", hashes: [...]}`; `_meta.sources` are the indexes. */
export function parsePipfileLock(path: string, text: string): ParsedManifest {
  const problems: ManifestProblem[] = [];
  const dependencies: Dependency[] = [];
  const indexes: IndexSetting[] = [];
  const root = parseJsonTree(path, text, problems);
  if (root && root.type !== 'object')
    problems.push({ path, message: 'Pipfile.lock is not a JSON object', span: jsonSpan(root) });
  if (root?.type === 'object') {
    for (const section of ['default', 'develop'] as const) {
      for (const [name, entry, prop] of members(member(root, section))) {
        const versionNode = member(entry, 'version');
        const raw = stringValue(versionNode);
        const git = stringValue(member(entry, 'git'));
        const ref = stringValue(member(entry, 'ref'));
        const localPath = stringValue(member(entry, 'path')) ?? stringValue(member(entry, 'file'));
        const source: DependencySource = git
          ? ref
            ? { type: 'vcs', url: git, ref }
            : { type: 'vcs', url: git }
          : localPath
            ? { type: 'path', path: localPath }
            : { type: 'registry' };
        if (raw === undefined && source.type === 'registry') continue;
        const version = raw?.replace(/^===?/, '').trim();
        const content = jsonStringContent(versionNode, text);
        const prefix = raw !== undefined ? raw.length - raw.replace(/^===?\s*/, '').length : 0;
        const hashes = member(entry, 'hashes');
        dependencies.push({
          ecosystem: 'pypi',
          name,
          key: pep503(name),
          path,
          format: 'pipfile-lock',
          role: 'locked',
          span: versionNode ? jsonSpan(versionNode) : jsonSpan(prop),
          source,
          specifier: version ? `==${version}` : '',
          specifierText: raw ?? '',
          ...(version
            ? { pin: { version, ...(content ? { span: { start: content.start + prefix, end: content.end } } : {}) } }
            : {}),
          hashes: (hashes?.children ?? []).flatMap((h) => (typeof h.value === 'string' ? [h.value] : [])),
          ...(section === 'develop' ? { dev: true } : {}),
          fixBlocker: `Pipfile.lock is generated: run \`pipenv upgrade ${name}\``,
        });
      }
    }
    const sources = member(member(root, '_meta'), 'sources');
    for (const s of sources?.children ?? []) {
      const url = member(s, 'url');
      const value = stringValue(url);
      if (url && value) indexes.push({ option: 'source.url', value, span: jsonSpan(url) });
      if (member(s, 'verify_ssl')?.value === false && url && value) {
        indexes.push({ option: 'verify_ssl', value, span: jsonSpan(member(s, 'verify_ssl') ?? url) });
      }
    }
  }
  return { path, format: 'pipfile-lock', text, dependencies, problems, indexes };
}
