import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { Advisory, Namespace } from '../types.js';
import { lowestVersion } from './lowest-version.js';
import { parseStructured } from './structured-text.js';
import type { ImportTally } from './tally.js';

export const ALPINE_SECDB_SOURCE = 'alpine-secdb';

/** Whether parsed JSON/YAML has secdb's shape (`packages[].pkg.secfixes`). */
export function looksLikeSecdb(value: unknown): boolean {
  // An empty branch file has `packages:` with nothing under it (null).
  if (!isObject(value) || !(Array.isArray(value.packages) || value.packages === null)) return false;
  return 'distroversion' in value || 'reponame' in value || 'apkurl' in value;
}

/** Any CVE-shaped token, or the other ids secfixes use (Xen XSA, Talos, Zabbix, Wireshark). */
const ID =
  /^(CVE[-_]\d{4}-\d{4,}|XSA-\d+|TALOS-\d{4}-\d+|ZBX-\d+|wnpa-sec-\d{4}-\d+|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})/;

/**
 * Imports Alpine secdb files (`v3.X/main.json|yaml`, `community…`; Wolfi's `security.json` has the same
 * shape without a branch) from a file or a directory. One record per package entry; every secfixes id
 * becomes a `fixed` advisory in `alpine:3.X` with the range [0, fixed version). Secfix lines are free
 * text: the first id on a line is the advisory, further ids (`CVE-… XSA-…`) are aliases, notes in
 * parentheses are ignored, a `CVE_2019-2426` typo is read as CVE-2019-2426, and a `-1`/`.patch` suffix is
 * dropped. Version `0` means "never affected in Alpine" (not-affected). A CVE listed under several fixed
 * versions of one package (a fix in two upstream series) keeps every version as its own range.
 */
export function importAlpineSecdb(path: string, tally: ImportTally): void {
  const files = statSync(path).isDirectory() ? secdbFiles(path) : [path];
  for (const file of files) {
    let value: unknown;
    try {
      value = parseStructured(readFileSync(file, 'utf8'), file);
    } catch (err) {
      tally.read++;
      tally.skip(file, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${errorMessage(err).split('\n')[0]}`);
      continue;
    }
    if (!looksLikeSecdb(value) || !isObject(value)) {
      tally.read++;
      tally.skip(file, 'not an Alpine secdb file (no packages list)');
      continue;
    }
    const namespace = secdbNamespace(value);
    if (namespace === undefined) {
      tally.read++;
      tally.skip(file, 'no distroversion (vX.Y) and not a known rolling distro');
      continue;
    }
    const packages = Array.isArray(value.packages) ? value.packages : [];
    for (const [index, item] of packages.entries()) {
      tally.read++;
      const pkg = isObject(item) && isObject(item.pkg) ? item.pkg : undefined;
      const name = typeof pkg?.name === 'string' ? pkg.name : undefined;
      if (!pkg || !name || !isObject(pkg.secfixes)) {
        tally.skip(file, `packages[${index}]: no pkg.name or secfixes`);
        continue;
      }
      tally.record(
        packageAdvisories(namespace, name, pkg.secfixes, (reason) => tally.warn(file, `${name}: ${reason}`)),
      );
    }
  }
}

function packageAdvisories(
  namespace: Namespace,
  pkg: string,
  secfixes: Record<string, unknown>,
  warn: (reason: string) => void,
): Advisory[] {
  const byId = new Map<string, { aliases: Set<string>; fixed: string[]; notAffected: boolean }>();
  for (const [version, lines] of Object.entries(secfixes)) {
    for (const line of Array.isArray(lines) ? lines : [lines]) {
      if (typeof line !== 'string') continue;
      const ids = line.split(/\s+/).flatMap((token) => {
        const m = ID.exec(token);
        return m?.[1] ? [m[1].replace(/^CVE_/, 'CVE-')] : [];
      });
      const [id, ...aliases] = ids;
      if (id === undefined) {
        warn(`no advisory id in secfix "${line}" (${version})`);
        continue;
      }
      let entry = byId.get(id);
      if (!entry) {
        entry = { aliases: new Set(), fixed: [], notAffected: false };
        byId.set(id, entry);
      }
      for (const a of aliases) if (a !== id) entry.aliases.add(a);
      if (version === '0') entry.notAffected = true;
      else if (!entry.fixed.includes(version)) entry.fixed.push(version);
    }
  }
  return [...byId].map(([id, e]): Advisory => {
    const base = {
      id,
      aliases: [...e.aliases],
      source: ALPINE_SECDB_SOURCE,
      namespace,
      package: pkg,
      versions: [],
      cvss: [],
    };
    if (e.fixed.length === 0) return { ...base, status: 'not-affected', ranges: [] };
    const fixedVersion = lowestVersion(e.fixed);
    return {
      ...base,
      status: 'fixed',
      ranges: e.fixed.map((v) => [{ introduced: '0' }, { fixed: v }]),
      ...(fixedVersion !== undefined && { fixedVersion }),
    };
  });
}

/** `distroversion: v3.10` → `alpine:3.10`; Wolfi and Chainguard feeds (no branch) by their URL. */
function secdbNamespace(value: Record<string, unknown>): Namespace | undefined {
  const version = typeof value.distroversion === 'string' ? value.distroversion.trim() : '';
  const branch = /^v?(\d+\.\d+)/.exec(version)?.[1];
  if (branch) return `alpine:${branch}`;
  if (version === 'edge') return 'alpine:edge';
  const url = typeof value.urlprefix === 'string' ? value.urlprefix : '';
  if (url.includes('wolfi.dev')) return 'wolfi';
  if (url.includes('chainguard')) return 'chainguard';
  return undefined;
}

function secdbFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(json|ya?ml)$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
