import type { AST } from 'toml-eslint-parser';
import type { Span } from '../../core/location.js';
import {
  type Dependency,
  type DependencyRole,
  type DependencySource,
  type ManifestFormat,
  type ManifestProblem,
  type ParsedManifest,
  pep503,
} from '../model.js';
import { isTomlRecord, nodeSpan, parseTomlDocument, stringContentSpan, type TomlDocument } from '../toml-tree.js';
import { Pep508Error, parsePep508 } from './pep508.js';
import { PoetryConstraintError, parsePoetryConstraint } from './poetry-constraint.js';

/**
 * `pyproject.toml`: PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
 * `[dependency-groups]`, uv's `dev-dependencies` and `constraint-dependencies`, and Poetry's
 * `[tool.poetry.dependencies]`, `dev-dependencies` and `group.<name>.dependencies` tables. `Pipfile`
 * uses the same table shapes as Poetry with PEP 440 specifiers (`"*"`, `"==1.2"`).
 */

interface Context {
  readonly path: string;
  readonly format: ManifestFormat;
  readonly text: string;
  readonly doc: TomlDocument;
  readonly dependencies: Dependency[];
  readonly problems: ManifestProblem[];
}

/** A PEP 508 string in a TOML array. */
function pep508Entry(ctx: Context, keyPath: (string | number)[], role: DependencyRole, dev: boolean): void {
  const node = ctx.doc.node(keyPath);
  if (node?.type !== 'TOMLValue' || node.kind !== 'string') return;
  const value = node.value;
  const content = stringContentSpan(node, ctx.text);
  const at = (i: number, j: number): Span | undefined =>
    content ? { start: content.start + i, end: content.start + j } : undefined;
  let parsed: ReturnType<typeof parsePep508>;
  try {
    parsed = parsePep508(value);
  } catch (e) {
    if (!(e instanceof Pep508Error)) throw e;
    ctx.problems.push({
      path: ctx.path,
      message: `invalid dependency '${value}': ${e.message}`,
      span: at(e.index, value.length) ?? nodeSpan(node),
    });
    return;
  }
  const exact = parsed.clauses.find((c) => (c.operator === '==' && !c.version.endsWith('.*')) || c.operator === '===');
  const pinSpan = exact ? at(exact.versionStart, exact.versionEnd) : undefined;
  const first = parsed.clauses[0];
  const last = parsed.clauses[parsed.clauses.length - 1];
  ctx.dependencies.push({
    ecosystem: 'pypi',
    name: parsed.name,
    key: pep503(parsed.name),
    path: ctx.path,
    format: ctx.format,
    role,
    span: nodeSpan(node),
    source: parsed.url ? urlSource(parsed.url) : { type: 'registry' },
    specifier: parsed.specifier,
    specifierText: first && last ? value.slice(first.start, last.end) : '',
    ...(exact ? { pin: { version: exact.version, ...(pinSpan ? { span: pinSpan } : {}) } } : {}),
    hashes: [],
    ...(parsed.marker !== undefined ? { marker: parsed.marker } : {}),
    ...(parsed.extras.length > 0 ? { extras: parsed.extras } : {}),
    ...(dev ? { dev: true } : {}),
  });
}

function urlSource(url: string): DependencySource {
  if (/^(git|hg|svn|bzr)\+/i.test(url)) {
    const path = /^[^:]+:\/\/[^/]*(\/[^?#]*)?/.exec(url)?.[1] ?? '';
    const at = path.lastIndexOf('@');
    return at === -1 ? { type: 'vcs', url } : { type: 'vcs', url, ref: path.slice(at + 1) };
  }
  if (/^file:/i.test(url)) return { type: 'path', path: url };
  return { type: 'url', url };
}

function pep508Array(ctx: Context, keyPath: string[], role: DependencyRole, dev: boolean): void {
  const node = ctx.doc.node(keyPath);
  if (!node) return;
  if (node.type !== 'TOMLArray') {
    ctx.problems.push({
      path: ctx.path,
      message: `${keyPath.join('.')} is not an array of strings`,
      span: nodeSpan(node),
    });
    return;
  }
  node.elements.forEach((_, i) => {
    pep508Entry(ctx, [...keyPath, i], role, dev);
  });
}

/**
 * A Poetry or Pipfile dependency table: `name = "constraint"`, `name = { version = "…", … }`, or an
 * array of such tables (one per marker).
 */
function dependencyTable(ctx: Context, keyPath: string[], dev: boolean, syntax: 'poetry' | 'pep440'): void {
  const table = valueAt(ctx.doc.value, keyPath);
  if (table === undefined) return;
  if (!isTomlRecord(table)) {
    ctx.problems.push({ path: ctx.path, message: `${keyPath.join('.')} is not a table` });
    return;
  }
  for (const [name, value] of Object.entries(table)) {
    if (name === 'python' && syntax === 'poetry') continue; // the interpreter, not a package
    const entries = Array.isArray(value)
      ? value.map((v, i) => ({ v, p: [...keyPath, name, i] }))
      : [{ v: value, p: [...keyPath, name] }];
    for (const { v, p } of entries) tableEntry(ctx, name, v, p, dev, syntax);
  }
}

function tableEntry(
  ctx: Context,
  name: string,
  value: unknown,
  keyPath: (string | number)[],
  dev: boolean,
  syntax: 'poetry' | 'pep440',
): void {
  const declNode = ctx.doc.node(keyPath);
  const span = declNode ? nodeSpan(declNode) : { start: 0, end: 0 };
  let versionText: string | undefined;
  let versionNode: AST.TOMLContentNode | undefined;
  let source: DependencySource = { type: 'registry' };
  let marker: string | undefined;
  let extras: string[] | undefined;
  if (typeof value === 'string') {
    versionText = value;
    versionNode = declNode;
  } else if (isTomlRecord(value)) {
    if (typeof value.version === 'string') {
      versionText = value.version;
      versionNode = ctx.doc.node([...keyPath, 'version']);
    }
    if (typeof value.git === 'string') {
      const ref = [value.rev, value.tag, value.branch, value.ref].find((r) => typeof r === 'string') as
        | string
        | undefined;
      source = ref ? { type: 'vcs', url: value.git, ref } : { type: 'vcs', url: value.git };
    } else if (typeof value.path === 'string') source = { type: 'path', path: value.path };
    else if (typeof value.file === 'string') source = { type: 'path', path: value.file };
    else if (typeof value.url === 'string') source = { type: 'url', url: value.url };
    if (typeof value.markers === 'string') marker = value.markers;
    if (Array.isArray(value.extras)) extras = value.extras.filter((e): e is string => typeof e === 'string');
  } else {
    ctx.problems.push({ path: ctx.path, message: `dependency ${name} is neither a version string nor a table`, span });
    return;
  }
  let specifier = '';
  let exact: string | undefined;
  if (versionText !== undefined && source.type === 'registry') {
    if (syntax === 'poetry') {
      try {
        const c = parsePoetryConstraint(versionText);
        specifier = c.alternatives.join(' || ');
        exact = c.exact;
      } catch (e) {
        if (!(e instanceof PoetryConstraintError)) throw e;
        ctx.problems.push({
          path: ctx.path,
          message: `dependency ${name}: ${e.message}`,
          span: versionNode ? nodeSpan(versionNode) : span,
        });
        return;
      }
    } else {
      const text = versionText.trim();
      specifier = text === '*' ? '' : text;
      const m = /^(===|==)\s*([^,\s]+)$/.exec(text);
      if (m?.[2] && !m[2].endsWith('.*')) exact = m[2];
    }
  }
  let pinSpan: Span | undefined;
  if (exact !== undefined && versionNode && versionText !== undefined) {
    const content = stringContentSpan(versionNode, ctx.text);
    const offset = versionText.lastIndexOf(exact);
    if (content && offset !== -1)
      pinSpan = { start: content.start + offset, end: content.start + offset + exact.length };
  }
  ctx.dependencies.push({
    ecosystem: 'pypi',
    name,
    key: pep503(name),
    path: ctx.path,
    format: ctx.format,
    role: 'declared',
    span,
    source,
    specifier,
    specifierText: versionText ?? '',
    ...(exact !== undefined ? { pin: { version: exact, ...(pinSpan ? { span: pinSpan } : {}) } } : {}),
    hashes: [],
    ...(marker !== undefined ? { marker } : {}),
    ...(extras && extras.length > 0 ? { extras } : {}),
    ...(dev ? { dev: true } : {}),
  });
}

function valueAt(root: unknown, keyPath: readonly string[]): unknown {
  let v: unknown = root;
  for (const k of keyPath) {
    if (!isTomlRecord(v)) return undefined;
    v = v[k];
  }
  return v;
}

export function parsePyproject(path: string, text: string): ParsedManifest {
  const problems: ManifestProblem[] = [];
  const dependencies: Dependency[] = [];
  const doc = parseTomlDocument(path, text, problems);
  if (doc) {
    const ctx: Context = { path, format: 'pyproject', text, doc, dependencies, problems };
    pep508Array(ctx, ['project', 'dependencies'], 'declared', false);
    const optional = valueAt(doc.value, ['project', 'optional-dependencies']);
    if (isTomlRecord(optional)) {
      for (const group of Object.keys(optional))
        pep508Array(ctx, ['project', 'optional-dependencies', group], 'declared', false);
    }
    const groups = valueAt(doc.value, ['dependency-groups']);
    if (isTomlRecord(groups)) {
      // `{include-group = "x"}` entries are tables, not strings: pep508Entry skips them.
      for (const group of Object.keys(groups)) pep508Array(ctx, ['dependency-groups', group], 'declared', true);
    }
    pep508Array(ctx, ['tool', 'uv', 'dev-dependencies'], 'declared', true);
    pep508Array(ctx, ['tool', 'uv', 'constraint-dependencies'], 'constraint', false);
    dependencyTable(ctx, ['tool', 'poetry', 'dependencies'], false, 'poetry');
    dependencyTable(ctx, ['tool', 'poetry', 'dev-dependencies'], true, 'poetry');
    const poetryGroups = valueAt(doc.value, ['tool', 'poetry', 'group']);
    if (isTomlRecord(poetryGroups)) {
      for (const group of Object.keys(poetryGroups)) {
        dependencyTable(ctx, ['tool', 'poetry', 'group', group, 'dependencies'], group !== 'main', 'poetry');
      }
    }
  }
  return { path, format: 'pyproject', text, dependencies, problems, indexes: [] };
}

export function parsePipfile(path: string, text: string): ParsedManifest {
  const problems: ManifestProblem[] = [];
  const dependencies: Dependency[] = [];
  const indexes: ParsedManifest['indexes'][number][] = [];
  const doc = parseTomlDocument(path, text, problems);
  if (doc) {
    const ctx: Context = { path, format: 'pipfile', text, doc, dependencies, problems };
    dependencyTable(ctx, ['packages'], false, 'pep440');
    dependencyTable(ctx, ['dev-packages'], true, 'pep440');
    const sources = doc.value.source;
    if (Array.isArray(sources)) {
      sources.forEach((s, i) => {
        const url = isTomlRecord(s) ? s.url : undefined;
        const node = ctx.doc.node(['source', i, 'url']);
        if (typeof url === 'string' && node) indexes.push({ option: 'source.url', value: url, span: nodeSpan(node) });
      });
    }
  }
  return { path, format: 'pipfile', text, dependencies, problems, indexes };
}
