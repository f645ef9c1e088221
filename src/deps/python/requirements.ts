import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Span } from '../../core/location.js';
import { MappedText } from '../mapped-text.js';
import {
  type Dependency,
  type DependencyRole,
  type DependencySource,
  type IndexSetting,
  type ManifestProblem,
  type ParsedManifest,
  pep503,
} from '../model.js';
import { readManifestText } from '../read-text.js';
import { Pep508Error, parseMarkerText, parsePep508 } from './pep508.js';
import { OptionError, type OptionValue, parsePipOptions } from './pip-options.js';

/**
 * pip requirements files, read the way `pip._internal.req.req_file` reads them: physical lines joined
 * at a trailing `\` (not after a comment line), comments cut at a `#` that starts the line or follows
 * whitespace, `${VAR}` expanded from the environment, the line split into requirement and options at
 * the first word starting with `-`, options parsed like optparse, the requirement like
 * `install_req_from_line` (URLs, paths, wheels, `name @ url`, PEP 508). `-r`/`-c` includes are followed
 * relative to the including file; cycles are errors.
 */

export interface RequirementsOptions {
  /** Environment for `${VAR}` (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** An `-r`/`-c` line: what it names and where. */
export interface RequirementsInclude {
  readonly target: string;
  readonly constraint: boolean;
  /** The option and its value on the including line. */
  readonly span: Span;
}

export interface ParsedRequirementsFile extends ParsedManifest {
  readonly includes: readonly RequirementsInclude[];
  /** Read as a constraints file (`-c`): its lines limit versions and install nothing. */
  readonly constraint: boolean;
}

/** pip's VCS schemes (`vcs.all_schemes`). */
const VCS_SCHEMES = new Set([
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
  'bzr+file',
  'git+http',
  'git+https',
  'git+ssh',
  'git+git',
  'git+file',
  'git',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn',
  'svn+ssh',
  'svn+http',
  'svn+https',
  'svn+svn',
  'svn+file',
]);
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp']);
const ARCHIVE = /\.(whl|tar\.gz|tgz|tar|zip|tar\.bz2|tbz|tar\.xz|txz|tlz|tar\.lz|tar\.lzma)$/i;
/** The wheel file name (`Wheel.wheel_file_re`). */
const WHEEL = /^(?<name>[^\s-]+?)-(?<ver>[^\s-]*?)(-\d[^-]*?)?-[^\s-]+?-[^\s-]+?-[^\s-]+?\.whl$/i;
/** `COMMENT_RE`: a `#` at the start of the line or after whitespace starts a comment. */
const COMMENT = /(^|\s+)#.*$/;
const ENV_VAR = /\$\{([A-Z0-9_]+)\}/g;

function urlScheme(s: string): string | undefined {
  const colon = s.indexOf(':');
  if (colon <= 0) return undefined;
  return s.slice(0, colon).toLowerCase();
}

/** pip's `is_url`: a scheme pip downloads from or checks out. */
export function isPipUrl(s: string): boolean {
  const scheme = urlScheme(s);
  return scheme !== undefined && (URL_SCHEMES.has(scheme) || VCS_SCHEMES.has(scheme));
}

interface LogicalLine {
  readonly line: number;
  readonly text: MappedText;
}

/** `join_lines`: a line ending in `\` continues on the next, unless it is a comment line. */
function joinLines(text: string, problems: ManifestProblem[], path: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical: { text: string; start: number }[] = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    physical.push({ text: text.slice(from, m.index), start: from });
    from = m.index + m[0].length;
  }
  if (from < text.length) physical.push({ text: text.slice(from), start: from });
  let pending: MappedText[] = [];
  let pendingLine = 0;
  let lastContinued: { start: number; end: number } | undefined;
  physical.forEach(({ text: raw, start }, i) => {
    const isComment = /^\s*#/.test(raw);
    if (!raw.endsWith('\\') || isComment) {
      // A comment line gets a leading space so the comment regex still sees it after joining.
      const piece = isComment
        ? MappedText.concat([MappedText.of(' ', start), MappedText.of(raw, start)])
        : MappedText.of(raw, start);
      if (pending.length > 0) {
        out.push({ line: pendingLine, text: MappedText.concat([...pending, piece]) });
        pending = [];
      } else {
        out.push({ line: i + 1, text: piece });
      }
      return;
    }
    if (pending.length === 0) pendingLine = i + 1;
    // `line.strip("\\")`: backslashes go from both ends.
    const lead = raw.length - raw.replace(/^\\+/, '').length;
    const kept = raw.replace(/^\\+/, '').replace(/\\+$/, '');
    pending.push(MappedText.of(kept, start + lead));
    lastContinued = { start: start + raw.length - 1, end: start + raw.length };
  });
  if (pending.length > 0) {
    // pip reads the half line silently; a file that ends inside a continuation lost its last line.
    problems.push({
      path,
      message: 'line continuation (`\\`) at the end of the file: the continued line is missing',
      ...(lastContinued ? { span: lastContinued } : {}),
    });
    out.push({ line: pendingLine, text: MappedText.concat(pending) });
  }
  return out;
}

function stripComment(line: MappedText): MappedText {
  const m = COMMENT.exec(line.text);
  return (m ? line.slice(0, m.index) : line).trim();
}

function expandEnv(line: MappedText, env: Readonly<Record<string, string | undefined>>): MappedText {
  let out = line;
  const matches = [...line.text.matchAll(ENV_VAR)].reverse();
  for (const m of matches) {
    const value = env[m[1] ?? ''];
    if (value === undefined) continue;
    out = out.replace(m.index, m.index + m[0].length, value);
  }
  return out;
}

/** `break_args_options`: the requirement is every space-separated word before the first starting with `-`. */
function optionsStart(text: string): number {
  let at = 0;
  for (const word of text.split(' ')) {
    if (word.startsWith('-')) return at;
    at += word.length + 1;
  }
  return text.length;
}

/** Parses one requirements file (no includes followed). */
export function parseRequirementsText(
  path: string,
  text: string,
  constraint: boolean,
  options: RequirementsOptions = {},
): ParsedRequirementsFile {
  const env = options.env ?? process.env;
  const problems: ManifestProblem[] = [];
  const dependencies: Dependency[] = [];
  const indexes: IndexSetting[] = [];
  const includes: RequirementsInclude[] = [];
  let requireHashes = false;
  for (const logical of joinLines(text, problems, path)) {
    const line = expandEnv(stripComment(logical.text), env);
    if (line.length === 0) continue;
    const split = optionsStart(line.text);
    let opts: OptionValue[];
    try {
      opts = split < line.length ? parsePipOptions(line, split) : [];
    } catch (e) {
      if (!(e instanceof OptionError)) throw e;
      problems.push({ path, message: `${e.message}`, span: line.span(e.start, line.length) });
      continue;
    }
    const args = line.slice(0, split).trim();
    const valueSpan = (o: OptionValue): Span =>
      o.valueStart !== undefined && o.valueEnd !== undefined
        ? line.span(o.valueStart, o.valueEnd)
        : line.span(o.start, o.end);
    if (args.length === 0) {
      const editable = opts.find((o) => o.dest === 'editables');
      if (editable) {
        dependencies.push(editableDependency(path, constraint, editable, line, valueSpan(editable), problems));
        continue;
      }
      const include = opts.find((o) => o.dest === 'requirements') ?? opts.find((o) => o.dest === 'constraints');
      if (include) {
        includes.push({
          target: include.value,
          constraint: include.dest === 'constraints',
          span: line.span(include.start, include.end),
        });
        continue;
      }
      for (const o of opts) {
        if (o.dest === 'require_hashes') requireHashes = true;
        if (['index_url', 'extra_index_urls', 'find_links', 'trusted_hosts'].includes(o.dest)) {
          indexes.push({ option: o.option, value: o.value, span: valueSpan(o) });
        }
      }
      continue;
    }
    const hashes = opts.filter((o) => o.dest === 'hashes').map((o) => o.value);
    const parsed = requirementDependency(path, constraint, args, hashes, problems);
    if (parsed) dependencies.push(parsed);
  }
  return { path, format: 'requirements', text, dependencies, problems, indexes, includes, requireHashes, constraint };
}

function editableDependency(
  path: string,
  constraint: boolean,
  option: OptionValue,
  line: MappedText,
  span: Span,
  problems: ManifestProblem[],
): Dependency {
  const value = option.value;
  const scheme = urlScheme(value);
  const egg = /[#&]egg=([^&]*)/.exec(value)?.[1];
  const name = egg ?? value;
  let source: DependencySource;
  if (scheme !== undefined && VCS_SCHEMES.has(scheme) && scheme.includes('+')) {
    source = vcsSource(value);
  } else if (scheme !== undefined && value.includes('+') && !VCS_SCHEMES.has(scheme) && scheme !== 'file') {
    problems.push({
      path,
      message: `${value} is not a valid editable requirement: it should be a path to a local project or a VCS URL (git+https://…)`,
      span,
    });
    source = { type: 'path', path: value };
  } else {
    source = { type: 'path', path: value };
  }
  return {
    ecosystem: 'pypi',
    name,
    key: pep503(name),
    path,
    format: 'requirements',
    role: constraint ? 'constraint' : 'requirement',
    span: line.span(option.start, option.end),
    source,
    specifier: '',
    specifierText: '',
    hashes: [],
    editable: true,
  };
}

/** `git+https://host/repo.git@ref#egg=x`: the ref is after the last `@` of the URL path. */
function vcsSource(url: string): DependencySource {
  const noFragment = url.split('#')[0] ?? url;
  const m = /^[^:]+:\/\/[^/]*(\/[^?]*)?/.exec(noFragment);
  const pathPart = m?.[1] ?? '';
  const at = pathPart.lastIndexOf('@');
  const ref = at === -1 ? undefined : pathPart.slice(at + 1);
  return ref ? { type: 'vcs', url, ref } : { type: 'vcs', url };
}

/** `parse_req_from_line`: URL, path, wheel or PEP 508 requirement. */
function requirementDependency(
  path: string,
  constraint: boolean,
  args: MappedText,
  hashes: readonly string[],
  problems: ManifestProblem[],
): Dependency | undefined {
  const role: DependencyRole = constraint ? 'constraint' : 'requirement';
  const raw = args.text;
  const url = isPipUrl(raw);
  const separator = url ? '; ' : ';';
  const sep = raw.indexOf(separator);
  let req = sep === -1 ? args : args.slice(0, sep);
  let marker: string | undefined;
  if (sep !== -1) {
    const markerText = args.slice(sep + separator.length).trim();
    if (markerText.length > 0) {
      try {
        parseMarkerText(markerText.text);
        marker = markerText.text;
      } catch (e) {
        if (!(e instanceof Pep508Error)) throw e;
        problems.push({
          path,
          message: `invalid marker: ${e.message}`,
          span: markerText.span(e.index, markerText.length),
        });
        return undefined;
      }
    }
  }
  req = req.trim();
  const base = {
    ecosystem: 'pypi' as const,
    path,
    format: 'requirements' as const,
    role,
    span: args.span(0, args.length),
  };
  const withMarker = marker !== undefined ? { marker } : {};
  const looksLikePath = req.text.includes('/') || req.text.startsWith('.');
  const atForm = (() => {
    const parts = req.text.split('@');
    return parts.length >= 2 && !(parts[0] ?? '').includes('/') && !(parts[0] ?? '').startsWith('.');
  })();
  if (url || (!atForm && (looksLikePath || ARCHIVE.test(req.text)))) {
    const target = req.text;
    const file = target.split(/[#?]/)[0]?.split('/').pop() ?? '';
    const wheel = WHEEL.exec(file);
    const scheme = urlScheme(target);
    const source: DependencySource =
      scheme !== undefined && VCS_SCHEMES.has(scheme)
        ? vcsSource(target)
        : url && scheme !== 'file'
          ? { type: 'url', url: target }
          : { type: 'path', path: target };
    if (wheel?.groups?.name && wheel.groups.ver) {
      // A wheel names its project and version: pip installs `name==version`.
      const name = wheel.groups.name.replace(/_/g, '-');
      const version = wheel.groups.ver.replace(/_/g, '-');
      return {
        ...base,
        name,
        key: pep503(name),
        source,
        specifier: `==${version}`,
        specifierText: target,
        pin: { version },
        hashes,
        ...withMarker,
        fixBlocker: 'the version is part of the file name: change the URL or path',
      };
    }
    const egg = /[#&]egg=([^&]*)/.exec(target)?.[1];
    const name = egg ?? target;
    return { ...base, name, key: pep503(name), source, specifier: '', specifierText: '', hashes, ...withMarker };
  }
  let parsed: ReturnType<typeof parsePep508>;
  try {
    parsed = parsePep508(req.text);
  } catch (e) {
    if (!(e instanceof Pep508Error)) throw e;
    const hint = looksLikePath ? ' (it looks like a path, but the file does not exist)' : '';
    problems.push({
      path,
      message: `invalid requirement '${req.text}': ${e.message}${hint}`,
      span: req.span(e.index, req.length),
    });
    return undefined;
  }
  const clauses = parsed.clauses;
  const specifierStart = clauses[0]?.start;
  const specifierEnd = clauses[clauses.length - 1]?.end;
  const specifierText =
    specifierStart !== undefined && specifierEnd !== undefined ? req.text.slice(specifierStart, specifierEnd) : '';
  const exact = clauses.find((c) => (c.operator === '==' && !c.version.endsWith('.*')) || c.operator === '===');
  const pin = exact
    ? {
        version: exact.version,
        ...(req.contiguous(exact.versionStart, exact.versionEnd)
          ? { span: req.span(exact.versionStart, exact.versionEnd) }
          : {}),
      }
    : undefined;
  const source: DependencySource = parsed.url
    ? urlScheme(parsed.url) !== undefined && VCS_SCHEMES.has(urlScheme(parsed.url) ?? '')
      ? vcsSource(parsed.url)
      : { type: 'url', url: parsed.url }
    : { type: 'registry' };
  return {
    ...base,
    name: parsed.name,
    key: pep503(parsed.name),
    source,
    specifier: parsed.specifier,
    specifierText,
    ...(pin ? { pin } : {}),
    hashes,
    ...withMarker,
    ...(parsed.extras.length > 0 ? { extras: parsed.extras } : {}),
    ...(hashes.length > 0
      ? { fixBlocker: 'its --hash values are for this version: regenerate them (pip-compile --generate-hashes)' }
      : {}),
  };
}

/** The files of one pip install: a root requirements file and everything it includes. */
export interface RequirementsTree {
  readonly root: string;
  readonly files: readonly ParsedRequirementsFile[];
  /** Problems of the tree itself: unreadable includes, cycles, remote includes (located in the including file). */
  readonly problems: readonly ManifestProblem[];
  /** Why pip would run in hash-checking mode, if it would. */
  readonly hashMode?: string;
}

/**
 * Reads `root` and follows its `-r`/`-c` lines. Each (file, kind) is read once; a file that includes
 * one of the files it is being included from is a cycle, reported at the `-r` line that closes it.
 */
export function loadRequirementsTree(root: string, options: RequirementsOptions = {}): RequirementsTree {
  const files: ParsedRequirementsFile[] = [];
  const problems: ManifestProblem[] = [];
  const seen = new Set<string>();
  const visit = (path: string, constraint: boolean, stack: readonly string[], text: string) => {
    const parsed = parseRequirementsText(path, text, constraint, options);
    files.push(parsed);
    for (const inc of parsed.includes) {
      const target = resolveInclude(path, inc.target);
      if (target.remote) {
        problems.push({
          path,
          span: inc.span,
          message: `include ${inc.target} not followed: drydock reads no remote requirement files`,
        });
        continue;
      }
      let real: string;
      let childText: string;
      try {
        real = realpathSync(target.path);
        childText = readManifestText(target.path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        problems.push({
          path,
          span: inc.span,
          message: `cannot read included file ${inc.target}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
        });
        continue;
      }
      const loopAt = stack.indexOf(real);
      if (loopAt !== -1) {
        const chain = [...stack.slice(loopAt), real].map((p) => relative(dirname(root), p) || p);
        problems.push({ path, span: inc.span, message: `include cycle: ${chain.join(' -> ')}` });
        continue;
      }
      const key = `${constraint || inc.constraint ? 'c' : 'r'}\u0000${real}`;
      if (seen.has(key)) continue;
      seen.add(key);
      visit(target.path, constraint || inc.constraint, [...stack, real], childText);
    }
  };
  const realRoot = realpathSync(root);
  seen.add(`r\u0000${realRoot}`);
  visit(root, false, [realRoot], readManifestText(root));
  let hashMode: string | undefined;
  const option = files.find((f) => f.requireHashes);
  if (option) hashMode = `--require-hashes in ${option.path}`;
  else {
    const hashed = files.flatMap((f) => f.dependencies).find((d) => d.role === 'requirement' && d.hashes.length > 0);
    if (hashed)
      hashMode = `${hashed.name} in ${hashed.path} has --hash, which turns on hash checking for every requirement`;
  }
  return { root, files, problems, ...(hashMode ? { hashMode } : {}) };
}

function resolveInclude(from: string, target: string): { path: string; remote: false } | { remote: true } {
  const scheme = urlScheme(target);
  if (scheme === 'http' || scheme === 'https') return { remote: true };
  if (scheme === 'file') return { path: fileURLToPath(target), remote: false };
  return { path: isAbsolute(target) ? target : join(dirname(from), target), remote: false };
}
