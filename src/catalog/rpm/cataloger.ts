import type { FileEntry } from '../../sources/types.js';
import type { CatalogContext, Cataloger, CatalogResult } from '../cataloger.js';
import type { CatalogWarning, Package } from '../package.js';
import { RPM_CATALOGER_NAME } from './package.js';
import { parseRpmDb } from './parse-rpmdb.js';

/**
 * Where rpm keeps its database: `var/lib/rpm` (RHEL, CentOS, Mariner), `usr/lib/sysimage/rpm`
 * (Fedora 36+, openSUSE/SLE; `var/lib/rpm` is then a symlink to it), `usr/share/rpm` (some
 * rpm-ostree images).
 */
const DB_DIRS = ['var/lib/rpm/', 'usr/lib/sysimage/rpm/', 'usr/share/rpm/'] as const;
/** sqlite (Fedora 33+, RHEL 9, Mariner 2), ndb (SUSE), Berkeley DB (RHEL ≤ 8), and the sqlite WAL. */
const DB_FILES = new Set(['rpmdb.sqlite', 'Packages.db', 'Packages']);
const WAL_SUFFIX = '-wal';

function dbFileName(path: string): string | undefined {
  const dir = DB_DIRS.find((d) => path.startsWith(d));
  if (!dir) return undefined;
  const name = path.slice(dir.length);
  return name.includes('/') ? undefined : name;
}

/** Reads every rpmdb in the image (sqlite, ndb or Berkeley DB) without the rpm binary. */
export const RpmCataloger: Cataloger = {
  name: RPM_CATALOGER_NAME,
  required(entry: FileEntry): boolean {
    const name = dbFileName(entry.path);
    return name !== undefined && (DB_FILES.has(name) || name === `rpmdb.sqlite${WAL_SUFFIX}`);
  },
  catalog({ files, distro }: CatalogContext): CatalogResult {
    const warnings: CatalogWarning[] = [];
    // One package found in two databases (a leftover BDB beside the sqlite it was migrated to, or the
    // same directory seen under two names) is reported once, with both locations.
    const byKey = new Map<string, Package>();
    const paths = [...files.keys()].filter((p) => !p.endsWith(WAL_SUFFIX)).sort();
    for (const path of paths) {
      const file = files.get(path);
      if (!file?.content) continue;
      const wal = files.get(`${path}${WAL_SUFFIX}`)?.content;
      const result = parseRpmDb(file, distro, wal);
      warnings.push(...result.warnings);
      for (const pkg of result.packages) {
        const key = `${pkg.name}\0${pkg.metadata.epoch ?? 0}\0${pkg.version}\0${pkg.metadata.arch ?? ''}`;
        const seen = byKey.get(key);
        if (!seen) byKey.set(key, pkg);
        else if (!seen.locations.some((l) => l.path === path)) {
          byKey.set(key, { ...seen, locations: [...seen.locations, ...pkg.locations] });
        }
      }
    }
    return { packages: [...byKey.values()], warnings };
  },
};
