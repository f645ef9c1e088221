import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogFile } from '../../catalog/cataloger.js';
import { DpkgCataloger } from '../../catalog/dpkg/cataloger.js';
import { parseOsRelease } from '../../catalog/os-release.js';
import type { Package } from '../../catalog/package.js';
import type { FileEntry } from '../../sources/types.js';
import type { Advisory, FixStatus } from '../../vulndb/types.js';
import type { AdvisoryLookup } from '../matcher.js';

/** Test support shared by the matcher and scan-report tests: real records in, no logic under test. */

const DATA = join(import.meta.dirname, '../../../../shared/data');
export const DEBIAN_TRACKER = join(DATA, 'debian/vuln-list-debian/tracker');
export const STATUS_D = join(DATA, 'pkgdb/dpkg/syft__status.d');
export const LAYER = `sha256:${'c'.repeat(64)}`;

export function entry(path: string): FileEntry {
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 0, layer: LAYER };
}

/** An in-memory advisory table: the lookup is not under test, the matcher is. */
export function lookup(advisories: readonly Advisory[]): AdvisoryLookup & { size: number } {
  const table = new Map<string, Advisory[]>();
  for (const a of advisories) {
    const key = `${a.namespace}\u0000${a.package}`;
    table.set(key, [...(table.get(key) ?? []), a]);
  }
  return { size: advisories.length, advisoriesFor: (ns, pkg) => table.get(`${ns}\u0000${pkg}`) ?? [] };
}

interface VlAnnotation {
  Type: string;
  Release?: string;
  Package?: string;
  Kind?: string;
  Version?: string;
  Description?: string;
  Bugs?: string[];
}
interface VlRecord {
  Header: { ID: string; Description: string };
  Annotations: VlAnnotation[];
}

export function readDebianRecords(): VlRecord[] {
  const out: VlRecord[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/^(CVE|DSA|DLA)-.*\.json$/.test(e.name)) out.push(JSON.parse(readFileSync(join(dir, e.name), 'utf8')));
    }
  };
  walk(DEBIAN_TRACKER);
  return out;
}

const KIND_STATUS: Record<string, FixStatus> = {
  fixed: 'fixed',
  unfixed: 'unfixed',
  postponed: 'unfixed',
  'no-dsa': 'wont-fix',
  ignored: 'wont-fix',
  'end-of-life': 'wont-fix',
  'not-affected': 'not-affected',
};

/**
 * The tracker's bookworm lines as advisories, mechanically: `[bookworm] - pkg VERSION` is fixed below
 * VERSION, `<no-dsa>`/`<ignored>` are wont-fix and `<postponed>` unfixed for every version,
 * `<not-affected>` is not-affected. DSA/DLA entries alias the CVEs of their `{…}` xref line. Lines for
 * other releases and sid are left out (what bookworm inherits from sid is the importer's business).
 */
export function bookwormAdvisories(records: readonly VlRecord[]): Advisory[] {
  const out: Advisory[] = [];
  for (const r of records) {
    const id = r.Header.ID;
    const aliases = r.Annotations.filter((a) => a.Type === 'xref').flatMap((a) => a.Bugs ?? []);
    for (const a of r.Annotations) {
      if (a.Type !== 'package' || a.Release !== 'bookworm' || !a.Package || !a.Kind) continue;
      const status = KIND_STATUS[a.Kind];
      if (!status) continue;
      const fixed = a.Kind === 'fixed' ? a.Version : undefined;
      out.push({
        id,
        aliases,
        source: 'vuln-list-debian',
        namespace: 'debian:12',
        package: a.Package,
        status,
        ...(a.Description ? { statusReason: a.Description } : {}),
        ranges: [fixed ? [{ introduced: '0' }, { fixed }] : [{ introduced: '0' }]],
        versions: [],
        ...(fixed ? { fixedVersion: fixed } : {}),
        cvss: [],
      });
    }
  }
  return out;
}

export async function dpkgPackages(files: Record<string, Buffer>): Promise<readonly Package[]> {
  const map = new Map<string, CatalogFile>();
  for (const [path, content] of Object.entries(files)) map.set(path, { entry: entry(path), content });
  const distro = parseOsRelease('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n');
  return (await DpkgCataloger.catalog({ files: map, distro })).packages;
}

