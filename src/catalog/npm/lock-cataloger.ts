import { basename } from '../../core/posix-path.js';
import type { FileEntry } from '../../sources/types.js';
import type { Cataloger, CatalogResult } from '../cataloger.js';
import type { CatalogWarning, Package } from '../package.js';
import { buildPurl } from '../purl.js';
import { fileText, jsonErrorLine } from '../text.js';
import { splitScope } from './parse-package-json.js';
import { parsePackageLock } from './parse-package-lock.js';

const NAME = 'npm-lock';

/** Lock files inside node_modules are a dependency's own (not installed from); only projects' count. */
const IN_NODE_MODULES = /(?:^|\/)node_modules\//;

/**
 * Dependencies a project's `package-lock.json` (or `npm-shrinkwrap.json`) pins, marked
 * `declaredOnly`, with `dev` set when only dev dependencies pull them in.
 */
export const NpmLockCataloger: Cataloger = {
  name: NAME,
  required(entry: FileEntry): boolean {
    if (entry.type !== 'file' && entry.type !== 'hardlink') return false;
    const base = basename(entry.path);
    return (base === 'package-lock.json' || base === 'npm-shrinkwrap.json') && !IN_NODE_MODULES.test(entry.path);
  },
  catalog({ files }): CatalogResult {
    const packages: Package[] = [];
    const warnings: CatalogWarning[] = [];
    for (const [path, { entry, content }] of files) {
      if (content === undefined) continue;
      const text = fileText(path, content, 'lock file', warnings);
      if (text === undefined) continue;
      let result: ReturnType<typeof parsePackageLock>;
      try {
        result = parsePackageLock(text);
      } catch (e) {
        const line = jsonErrorLine(text, e);
        const message = `invalid package-lock JSON: ${e instanceof Error ? e.message : String(e)}`;
        warnings.push(line !== undefined ? { path, line, message } : { path, message });
        continue;
      }
      for (const message of result.issues) warnings.push({ path, message });
      // The same name and version installed at several paths is one package; dev only if every copy is.
      const merged = new Map<string, { name: string; version: string; dev: boolean }>();
      for (const p of result.packages) {
        const key = `${p.name}@${p.version}`;
        const seen = merged.get(key);
        if (seen) seen.dev &&= p.dev;
        else merged.set(key, { ...p });
      }
      for (const { name: fullName, version, dev } of merged.values()) {
        const { namespace, name } = splitScope(fullName);
        packages.push({
          type: 'npm',
          name: fullName,
          version,
          purl: buildPurl({ type: 'npm', name, version, ...(namespace ? { namespace } : {}) }),
          foundBy: NAME,
          locations: [entry.layer ? { path, layer: entry.layer } : { path }],
          metadata: dev ? { declaredOnly: true, dev: true } : { declaredOnly: true },
        });
      }
    }
    return { packages, warnings };
  },
};
