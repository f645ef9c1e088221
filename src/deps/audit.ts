import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { errorMessage } from '../core/errors.js';
import { type FileError, type Finding, type LintReport, type RuleSummary, ruleSummary } from '../core/finding.js';
import { SourceText } from '../core/source-text.js';
import type { AdvisoryLookup } from '../match/matcher.js';
import { VERSION } from '../version.js';
import { defaultDbPath, VulnDb } from '../vulndb/db.js';
import { type DiscoveredManifest, discoverManifests } from './discover.js';
import type { Dependency, ManifestFormat, ManifestProblem, ParsedManifest } from './model.js';
import { parsePackageJson, parsePackageLock } from './npm/npm.js';
import { parsePipfileLock, parsePoetryLock, parseUvLock } from './python/locks.js';
import { parsePipfile, parsePyproject } from './python/pyproject.js';
import { loadRequirementsTree, type RequirementsTree } from './python/requirements.js';
import { readManifestText } from './read-text.js';
import type { DepsRule, DepsRuleContext } from './rule.js';
import { DEPS_RULES } from './rules/index.js';
import { assessPin, type PinAssessment, type VersionConstraint } from './vulnerabilities.js';

export interface DepsAuditOptions {
  /** The advisory database (default: the one `drydock db import|update` builds, as `drydock scan` uses). */
  readonly dbPath?: string;
  /** OSV records (directories, files or all.zip) to import into a temporary database instead. */
  readonly osv?: readonly string[];
  /** An advisory source to use as it is (library users, tests). */
  readonly lookup?: AdvisoryLookup;
  /** false: only the pinning, hash and transport rules run, no database is needed. */
  readonly vulnerabilities?: boolean;
  /** Lock files and requirements must carry hashes (pip's `--require-hashes`). */
  readonly requireHashes?: boolean;
  /** Environment for `${VAR}` in requirements files (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface AuditedManifest {
  readonly path: string;
  readonly format: ManifestFormat;
  readonly dependencies: number;
}

/** A vulnerable pin with every vulnerability (the DP1004 message shows the first few). */
export interface VulnerablePin {
  readonly path: string;
  readonly line: number;
  readonly ecosystem: Dependency['ecosystem'];
  readonly name: string;
  readonly version: string;
  readonly assessment: PinAssessment;
}

/** A lint report (every lint reporter renders it) plus what was read. */
export interface DepsReport extends LintReport {
  readonly manifests: readonly AuditedManifest[];
  readonly vulnerablePins: readonly VulnerablePin[];
  /** The advisory database used, when the vulnerability rule ran. */
  readonly database?: string;
}

export const DEPS_DOCS_URL = 'https://github.com/drydock-dev/drydock/blob/main/docs/commands/deps.md';

export function summarizeDepsRule(rule: DepsRule): RuleSummary {
  return ruleSummary(rule.meta, `${DEPS_DOCS_URL}#${rule.meta.id.toLowerCase()}`);
}

const PARSERS: Readonly<
  Record<Exclude<ManifestFormat, 'requirements'>, (path: string, text: string) => ParsedManifest>
> = {
  pyproject: parsePyproject,
  pipfile: parsePipfile,
  'pipfile-lock': parsePipfileLock,
  'poetry-lock': parsePoetryLock,
  'uv-lock': parseUvLock,
  'package-json': parsePackageJson,
  'package-lock': parsePackageLock,
};

/** The lock files that resolve a manifest, by manifest format, most specific first. */
const LOCKS_OF: Partial<Record<ManifestFormat, readonly string[]>> = {
  pyproject: ['uv.lock', 'poetry.lock', 'pdm.lock'],
  pipfile: ['Pipfile.lock'],
  'package-json': ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'],
};

/** One manifest with the declarations that constrain the same packages (its include tree, its lock's manifest). */
interface Unit {
  readonly manifest: ParsedManifest;
  readonly peers: readonly Dependency[];
  readonly hashMode?: string;
}

/**
 * `drydock deps`: reads every dependency file under `paths`, follows requirements includes, pairs
 * manifests with the lock files beside them, and runs the DP rules. A file that does not parse becomes
 * an error entry (with file:line) and what could be read of it, and every other file, is still audited.
 */
export async function auditDependencies(paths: readonly string[], options: DepsAuditOptions = {}): Promise<DepsReport> {
  const discovered = discoverManifests(paths.length > 0 ? paths : ['.']);
  const errors: FileError[] = [];
  const sources = new Map<string, string>();
  const units: Unit[] = [];
  const addError = (path: string, message: string) => errors.push({ path, message });

  // Requirements files: every root with its includes; files included by another root are not roots.
  const reqCandidates = discovered.filter((m) => m.format === 'requirements');
  const trees = new Map<string, RequirementsTree>();
  for (const m of reqCandidates) {
    try {
      trees.set(m.path, loadRequirementsTree(m.path, options.env ? { env: options.env } : {}));
    } catch (e) {
      addError(m.path, readFailure(e));
    }
  }
  const included = new Set<string>();
  for (const tree of trees.values()) for (const f of tree.files.slice(1)) included.add(realpath(f.path));
  const covered = new Set<string>();
  const roots = [...trees.entries()].filter(([path]) => !included.has(realpath(path)));
  for (const [, tree] of roots) for (const f of tree.files) covered.add(realpath(f.path));
  // Files reached only through a cycle still need a root: the first of them, in discovery order.
  for (const [path, tree] of trees) {
    if (covered.has(realpath(path))) continue;
    roots.push([path, tree]);
    for (const f of tree.files) covered.add(realpath(f.path));
  }
  const seenParts = new Set<string>();
  const treeProblems: ManifestProblem[] = [];
  const treeTexts = new Map<string, string>();
  for (const [, tree] of roots) {
    const peers = tree.files.flatMap((f) => f.dependencies);
    for (const f of tree.files) {
      treeTexts.set(f.path, f.text);
      const key = `${realpath(f.path)}\u0000${f.constraint}`;
      if (seenParts.has(key)) continue;
      seenParts.add(key);
      units.push({ manifest: f, peers, ...(tree.hashMode ? { hashMode: tree.hashMode } : {}) });
    }
    treeProblems.push(...tree.problems);
  }

  // Project manifests and lock files, paired by directory.
  const others = discovered.filter((m) => m.format !== 'requirements');
  const parsed = new Map<string, ParsedManifest>();
  for (const m of others) {
    try {
      parsed.set(
        m.path,
        PARSERS[m.format as Exclude<ManifestFormat, 'requirements'>](m.path, readManifestText(m.path)),
      );
    } catch (e) {
      addError(m.path, readFailure(e));
    }
  }
  for (const m of others) {
    const manifest = parsed.get(m.path);
    if (!manifest) continue;
    const lockName = LOCKS_OF[m.format]?.find((name) => existsSync(join(dirname(m.path), name)));
    if (lockName) {
      const lockPath = join(dirname(m.path), lockName);
      const declared = manifest.dependencies.map((d) => ({ ...d, lockedBy: lockPath }));
      units.push({ manifest: { ...manifest, dependencies: declared }, peers: declared });
      continue;
    }
    if (isLock(m.format)) {
      const owner = others.find(
        (o) => LOCKS_OF[o.format]?.includes(basename(m.path)) && dirname(o.path) === dirname(m.path),
      );
      const declared = owner ? (parsed.get(owner.path)?.dependencies ?? []) : [];
      const direct = new Set(declared.map((d) => d.key));
      const locked =
        m.format === 'package-lock'
          ? manifest.dependencies
          : manifest.dependencies.map((d) => (direct.has(d.key) ? { ...d, direct: true } : d));
      units.push({ manifest: { ...manifest, dependencies: locked }, peers: [...locked, ...declared] });
      continue;
    }
    units.push({ manifest, peers: manifest.dependencies });
  }

  const db = await openLookup(options, errors);
  try {
    const { findings, vulnerablePins } = runRules(units, db?.lookup, options, sources);
    for (const unit of units) {
      for (const p of unit.manifest.problems) errors.push(locateProblem(p, unit.manifest.path, unit.manifest.text));
    }
    for (const p of treeProblems) errors.push(locateProblem(p, p.path ?? '', treeTexts.get(p.path ?? '')));
    const manifests = units.map((u) => ({
      path: u.manifest.path,
      format: u.manifest.format,
      dependencies: u.manifest.dependencies.length,
    }));
    return {
      tool: { name: 'drydock', version: VERSION },
      files: [...new Set(manifests.map((m) => m.path))],
      findings,
      errors: dedupeErrors(errors),
      rules: DEPS_RULES.map(summarizeDepsRule),
      sources,
      manifests,
      vulnerablePins,
      ...(db?.path ? { database: db.path } : {}),
    };
  } finally {
    db?.close();
  }
}

function isLock(format: ManifestFormat): boolean {
  return format === 'poetry-lock' || format === 'uv-lock' || format === 'pipfile-lock' || format === 'package-lock';
}

function realpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code !== undefined) return `cannot read (${code})`;
  return `cannot read: ${errorMessage(e)}`;
}

function locateProblem(p: ManifestProblem, path: string, text: string | undefined): FileError {
  const where = p.path ?? path;
  if (p.span && text !== undefined) {
    const pos = new SourceText(where, text).positionAt(p.span.start);
    return { path: where, line: pos.line, column: pos.column, message: p.message };
  }
  return { path: where, message: p.message };
}

function dedupeErrors(errors: readonly FileError[]): FileError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.line ?? ''}\u0000${e.column ?? ''}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface OpenedLookup {
  readonly lookup: AdvisoryLookup;
  readonly path?: string;
  close(): void;
}

/** The advisory source: given, imported from `--osv` into a temporary database, or the default database. */
async function openLookup(options: DepsAuditOptions, errors: FileError[]): Promise<OpenedLookup | undefined> {
  if (options.vulnerabilities === false) return undefined;
  if (options.lookup) return { lookup: options.lookup, close() {} };
  if (options.osv && options.osv.length > 0) {
    const { importPaths } = await import('../vulndb/importers/import-paths.js');
    const dir = mkdtempSync(join(tmpdir(), 'drydock-deps-db-'));
    const path = join(dir, 'osv.db');
    try {
      await importPaths(options.osv, { dbPath: path, fresh: true });
      const db = VulnDb.open(path);
      return {
        lookup: db,
        path: options.osv.join(', '),
        close() {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }
  const path = options.dbPath ?? defaultDbPath();
  if (!existsSync(path)) {
    errors.push({
      path,
      message:
        'no vulnerability database: known vulnerabilities (DP1004) were not checked; run `drydock db update` (or `db import`), pass --osv DIR, or --no-vulns',
    });
    return undefined;
  }
  const db = VulnDb.open(path);
  return { lookup: db, path, close: () => db.close() };
}

function runRules(
  units: readonly Unit[],
  lookup: AdvisoryLookup | undefined,
  options: DepsAuditOptions,
  sources: Map<string, string>,
): { findings: Finding[]; vulnerablePins: VulnerablePin[] } {
  const findings: Finding[] = [];
  const vulnerablePins: VulnerablePin[] = [];
  const seen = new Set<string>();
  const assessments = new Map<string, PinAssessment | undefined>();
  const texts = new Map<string, SourceText>();
  for (const u of units)
    if (!texts.has(u.manifest.path)) texts.set(u.manifest.path, new SourceText(u.manifest.path, u.manifest.text));
  const lineOf = (d: Dependency) => texts.get(d.path)?.positionAt(d.span.start).line ?? 0;
  for (const unit of units) {
    const m = unit.manifest;
    sources.set(m.path, m.text);
    const source = new SourceText(m.path, m.text);
    const where = (d: Dependency) => `${d.path}:${lineOf(d)}`;
    const peerLocation = where;
    const constraintsFor = (d: Dependency): VersionConstraint[] => {
      const out: VersionConstraint[] = [];
      const own = withoutPin(d);
      if (own !== '') out.push({ specifier: own, from: where(d) });
      for (const peer of unit.peers) {
        if (peer === d || peer.key !== d.key || peer.ecosystem !== d.ecosystem) continue;
        if (peer.span.start === d.span.start && peer.path === d.path) continue;
        if (peer.pin && d.pin && peer.pin.version === d.pin.version) {
          // The same pin elsewhere is raised with this one; only its other clauses constrain.
          const rest = withoutPin(peer);
          if (rest !== '') out.push({ specifier: rest, from: peerLocation(peer) });
          continue;
        }
        if (peer.specifier.trim() !== '') out.push({ specifier: peer.specifier, from: peerLocation(peer) });
      }
      return out;
    };
    const context: Omit<DepsRuleContext, 'report'> = {
      manifest: m,
      ...(unit.hashMode ? { hashMode: unit.hashMode } : {}),
      requireHashes: options.requireHashes === true,
      vulnerabilitiesChecked: lookup !== undefined,
      constraintsFor,
      pinnedElsewhere(d) {
        const other = unit.peers.find(
          (p) => p !== d && p.key === d.key && p.ecosystem === d.ecosystem && p.pin !== undefined,
        );
        return other ? peerLocation(other) : undefined;
      },
      assess(d) {
        if (!lookup || !d.pin) return undefined;
        const constraints = constraintsFor(d);
        const cacheKey = `${d.ecosystem}\u0000${d.key}\u0000${d.pin.version}\u0000${constraints.map((c) => c.specifier).join('\u0001')}`;
        if (!assessments.has(cacheKey))
          assessments.set(cacheKey, assessPin(d.ecosystem, d.key, d.pin.version, constraints, lookup));
        return assessments.get(cacheKey);
      },
    };
    for (const d of m.dependencies) {
      if (d.lockedBy !== undefined || !d.pin) continue;
      const assessment = context.assess(d);
      if (assessment && assessment.vulnerabilities.length > 0) {
        vulnerablePins.push({
          path: d.path,
          line: lineOf(d),
          ecosystem: d.ecosystem,
          name: d.name,
          version: d.pin.version,
          assessment,
        });
      }
    }
    for (const rule of DEPS_RULES) {
      rule.check({
        ...context,
        report(r) {
          const finding: Finding = {
            ruleId: rule.meta.id,
            severity: r.severity ?? rule.meta.severity,
            message: r.message,
            location: source.location(r.span),
            aliases: rule.meta.aliases,
            ...(r.fix ? { fix: r.fix } : {}),
          };
          const key = `${m.path}\u0000${r.span.start}\u0000${r.span.end}\u0000${rule.meta.id}\u0000${r.message}`;
          if (seen.has(key)) return;
          seen.add(key);
          findings.push(finding);
        },
      });
    }
  }
  findings.sort(
    (a, b) =>
      a.location.path.localeCompare(b.location.path) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return { findings, vulnerablePins };
}

/** The specifier without the exact-pin clause (what else the declaration demands). */
function withoutPin(d: Dependency): string {
  if (d.ecosystem === 'npm') return d.pin ? '' : d.specifier;
  if (!d.pin) return d.specifier;
  const version = d.pin.version;
  if (d.specifier.includes(' || ')) return d.specifier;
  return d.specifier
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== `==${version}` && c !== `===${version}`)
    .join(',');
}

export type { DiscoveredManifest };
