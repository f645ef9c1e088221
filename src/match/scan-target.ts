import { existsSync, statSync } from 'node:fs';
import type { Sbom } from '../catalog/index.js';
import { catalogTarget } from '../catalog/index.js';
import { readSbomFile } from '../catalog/sbom-input.js';
import { DrydockError } from '../core/errors.js';
import { evaluateScan, type Notice, type ScanPolicy, type Suppressor } from '../policy/budget.js';
import { IGNORE_FILE, ignoreRules, readIgnoreFile } from '../policy/ignore.js';
import { readVexFile, vexSuppressor } from '../policy/vex.js';
import type { OpenSourceOptions } from '../sources/index.js';
import type { Platform } from '../sources/types.js';
import { VERSION } from '../version.js';
import { aptSourcesForImage, findPendingUpdates, isAptSourcesPath } from '../vulndb/apt/index.js';
import { defaultDbPath, VulnDb } from '../vulndb/db.js';
import type { Advisory, Namespace } from '../vulndb/types.js';
import { matchPackages } from './match-packages.js';
import type { AdvisoryLookup } from './matcher.js';
import { buildScanReport, type ScanDbInfo, type ScanReport } from './scan-report.js';

export interface ScanOptions extends OpenSourceOptions {
  readonly platform?: Platform;
  readonly dbPath?: string;
  /** Ask the image's own apt sources (or `aptSources`) which updates are pending: network access. */
  readonly aptUpdates?: boolean;
  readonly aptSources?: readonly string[];
  readonly policy?: Omit<ScanPolicy, 'suppressors' | 'notices'>;
  /** `.drydockignore.yaml` to use; by default the one in the current directory, if any. */
  readonly ignoreFile?: string;
  readonly vexFiles?: readonly string[];
  readonly now?: Date;
}

/**
 * The scan pipeline: sources → catalog (or an SBOM file) → match against the local database (plus,
 * when asked, the apt-native advisories of pending updates) → policy → a report. No network call
 * happens unless the target is a registry reference or `aptUpdates` is set.
 */
export async function scanTarget(target: string, options: ScanOptions = {}): Promise<ScanReport> {
  return scanSbom(await sbomFor(target, options), options);
}

/** The scan of an inventory already taken (e.g. by `drydock verify`'s single pass over the image). */
export async function scanSbom(sbom: Sbom, options: ScanOptions = {}): Promise<ScanReport> {
  const db = openDb(options);
  const apt = options.aptUpdates ? await aptAdvisories(sbom, options) : undefined;
  if (!db && !apt) {
    throw new DrydockError('input', `no vulnerability database at ${options.dbPath ?? defaultDbPath()}`, {
      hint: 'run `drydock db import PATH…` first, or pass --apt-updates to check pending Debian updates only',
    });
  }
  const lookup: AdvisoryLookup = {
    advisoriesFor(namespace: Namespace, pkg: string): readonly Advisory[] {
      const fromDb = db?.advisoriesFor(namespace, pkg) ?? [];
      const fromApt = apt?.get(`${namespace}\u0000${pkg}`) ?? [];
      return fromApt.length === 0 ? fromDb : [...fromDb, ...fromApt];
    },
  };
  const steps = new Map(
    (sbom.source.layers ?? []).flatMap((l) => (l.createdBy ? [[l.digest, l.createdBy] as const] : [])),
  );
  // Which build step installed the vulnerable package: the Dockerfile instruction to change.
  const findings = matchPackages(sbom.packages, sbom.distro, lookup).map((f) => {
    const createdBy = f.layer ? steps.get(f.layer) : undefined;
    return createdBy ? { ...f, layerCreatedBy: createdBy } : f;
  });
  const suppressors: Suppressor[] = [];
  const notices: Notice[] = [];
  for (const file of options.vexFiles ?? []) suppressors.push(vexSuppressor(readVexFile(file)));
  const ignorePath = options.ignoreFile ?? (existsSync(IGNORE_FILE) ? IGNORE_FILE : undefined);
  if (ignorePath) {
    const rules = ignoreRules(readIgnoreFile(ignorePath), options.now);
    suppressors.push(rules.suppressor);
    notices.push(rules.notice);
  }
  const verdict = evaluateScan(findings, { ...options.policy, suppressors, notices });
  const dbInfo = dbInfoOf(db, apt !== undefined);
  db?.close();
  return buildScanReport({
    tool: { name: 'drydock', version: VERSION },
    target: sbom.target,
    source: sbom.source,
    ...(sbom.distro ? { distro: sbom.distro } : {}),
    packages: sbom.packages,
    verdict,
    ...(dbInfo ? { db: dbInfo } : {}),
    errors: sbom.warnings.map((w) => ({ path: w.path, message: w.message })),
  });
}

async function sbomFor(target: string, options: ScanOptions): Promise<Sbom & { extraFiles?: Map<string, Buffer> }> {
  const sbomPath = target.startsWith('sbom:') ? target.slice('sbom:'.length) : undefined;
  if (sbomPath !== undefined || (target.endsWith('.json') && existsSync(target) && statSync(target).isFile())) {
    return readSbomFile(sbomPath ?? target);
  }
  return catalogTarget(target, {
    ...options,
    ...(options.aptUpdates ? { extraFiles: (e) => isAptSourcesPath(e.path) } : {}),
  });
}

function openDb(options: ScanOptions): VulnDb | undefined {
  const path = options.dbPath ?? defaultDbPath();
  // Without a database, apt-native advisories alone can still answer.
  if (!existsSync(path) && options.aptUpdates) return undefined;
  return VulnDb.open(path);
}

async function aptAdvisories(
  sbom: Sbom & { extraFiles?: Map<string, Buffer> },
  options: ScanOptions,
): Promise<Map<string, Advisory[]>> {
  const debs = sbom.packages.filter((p) => p.type === 'deb');
  const { sources } = aptSourcesForImage({ files: sbom.extraFiles ?? new Map(), overrides: options.aptSources ?? [] });
  if (debs.length === 0 || sources.length === 0) return new Map();
  const arches = debs.map((p) => p.metadata.arch).filter((a): a is string => a !== undefined && a !== 'all');
  const arch = mostCommon(arches) ?? 'amd64';
  const pending = await findPendingUpdates({
    installed: debs.map((p) => ({
      name: p.name,
      version: p.version,
      ...(p.metadata.arch ? { arch: p.metadata.arch } : {}),
      ...(p.metadata.sourceName ? { sourceName: p.metadata.sourceName } : {}),
      ...(p.metadata.sourceVersion ? { sourceVersion: p.metadata.sourceVersion } : {}),
    })),
    sources,
    arch,
  });
  const byKey = new Map<string, Advisory[]>();
  for (const a of pending.advisories) {
    const key = `${a.namespace}\u0000${a.package}`;
    byKey.set(key, [...(byKey.get(key) ?? []), a]);
  }
  return byKey;
}

function dbInfoOf(db: VulnDb | undefined, apt: boolean): ScanDbInfo | undefined {
  const sources: { name: string; updatedAt?: string; records?: number }[] = [];
  let info: { schemaVersion?: number; builtAt?: string } = {};
  if (db) {
    const status = db.status();
    info = { schemaVersion: status.schemaVersion, ...(status.builtAt ? { builtAt: status.builtAt } : {}) };
    for (const s of status.sources) sources.push({ name: s.name, updatedAt: s.updated, records: s.advisories });
  }
  if (apt) sources.push({ name: 'apt-changelog' });
  return sources.length > 0 || db ? { ...info, sources } : undefined;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
