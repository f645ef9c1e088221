import type { FileEntry } from '../../sources/types.js';
import type { Cataloger, CatalogResult } from '../cataloger.js';
import type { CatalogWarning, Package } from '../package.js';
import { buildPurl } from '../purl.js';
import { fileText, jsonErrorLine } from '../text.js';
import { parsePackageJson, splitScope } from './parse-package-json.js';

const NAME = 'npm-installed';

/**
 * A package's root manifest: `node_modules/<name>/package.json` or
 * `node_modules/@scope/<name>/package.json`, at any depth of nesting. A package.json further
 * inside a package (`node_modules/a/test/fixtures/package.json`, `node_modules/a/esm/package.json`)
 * is test data or a module-type marker, not an installed package. Dot directories
 * (`node_modules/.bin`, `.cache`) are npm's own.
 */
const PACKAGE_ROOT_MANIFEST = /(?:^|\/)node_modules\/(?:@[^/.][^/]*\/)?[^/.@][^/]*\/package\.json$/;

export function isInstalledNpmManifest(path: string): boolean {
  return PACKAGE_ROOT_MANIFEST.test(path);
}

export const NpmInstalledCataloger: Cataloger = {
  name: NAME,
  required(entry: FileEntry): boolean {
    return (entry.type === 'file' || entry.type === 'hardlink') && PACKAGE_ROOT_MANIFEST.test(entry.path);
  },
  catalog({ files }): CatalogResult {
    const packages: Package[] = [];
    const warnings: CatalogWarning[] = [];
    for (const [path, { entry, content }] of files) {
      if (content === undefined) continue;
      const text = fileText(path, content, 'package.json', warnings);
      if (text === undefined) continue;
      let manifest: ReturnType<typeof parsePackageJson>;
      try {
        manifest = parsePackageJson(text);
      } catch (e) {
        const line = jsonErrorLine(text, e);
        const message = `invalid package.json: ${e instanceof Error ? e.message : String(e)}`;
        warnings.push(line !== undefined ? { path, line, message } : { path, message });
        continue;
      }
      if (!manifest.name || !manifest.version) {
        warnings.push({ path, message: 'package.json has no name or version' });
        continue;
      }
      const { namespace, name } = splitScope(manifest.name);
      packages.push({
        type: 'npm',
        name: manifest.name,
        version: manifest.version,
        purl: buildPurl({ type: 'npm', name, version: manifest.version, ...(namespace ? { namespace } : {}) }),
        foundBy: NAME,
        locations: [entry.layer ? { path, layer: entry.layer } : { path }],
        metadata: manifest.licenses.length > 0 ? { licenses: manifest.licenses } : {},
      });
    }
    return { packages, warnings };
  },
};
