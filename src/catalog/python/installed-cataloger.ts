import type { FileEntry } from '../../sources/types.js';
import type { Cataloger, CatalogResult } from '../cataloger.js';
import type { CatalogWarning, Package } from '../package.js';
import { buildPurl } from '../purl.js';
import { fileText } from '../text.js';
import { parsePythonMetadata } from './parse-metadata.js';

const NAME = 'python-installed';

/**
 * Distributions installed directly in a site-packages or dist-packages directory (any prefix:
 * `usr/lib/python3/dist-packages`, `usr/local/lib/python3.11/site-packages`, a venv). Deeper copies
 * (`setuptools/_vendor/x.dist-info`) belong to their parent package and are not listed.
 */
const INSTALLED_METADATA =
  /(?:^|\/)(?:site|dist)-packages\/[^/]+(?:\.dist-info\/METADATA|\.egg-info\/PKG-INFO|\.egg-info)$/;

export function isInstalledPythonMetadata(path: string): boolean {
  return INSTALLED_METADATA.test(path);
}

/** `foo_bar-1.2.3.dist-info` → name and version, for metadata that lacks the headers. */
function fromDirectoryName(path: string): { name?: string; version?: string } {
  const m = /([^/]+?)-([^-/]+?)(?:-py[^/]*)?\.(?:dist|egg)-info(?:\/[^/]+)?$/.exec(path);
  return m?.[1] && m[2] ? { name: m[1], version: m[2] } : {};
}

export const PythonInstalledCataloger: Cataloger = {
  name: NAME,
  required(entry: FileEntry): boolean {
    return (entry.type === 'file' || entry.type === 'hardlink') && INSTALLED_METADATA.test(entry.path);
  },
  catalog({ files }): CatalogResult {
    const packages: Package[] = [];
    const warnings: CatalogWarning[] = [];
    for (const [path, { entry, content }] of files) {
      if (content === undefined) continue;
      const text = fileText(path, content, 'python metadata', warnings);
      if (text === undefined) continue;
      const meta = parsePythonMetadata(text);
      for (const line of meta.badLines) {
        warnings.push({ path, line, message: 'malformed header line in python metadata' });
      }
      const fallback = fromDirectoryName(path);
      const name = meta.name ?? fallback.name;
      const version = meta.version ?? fallback.version;
      if (!name || !version) {
        warnings.push({ path, message: 'python metadata has no Name or Version' });
        continue;
      }
      packages.push({
        type: 'python',
        name,
        version,
        purl: buildPurl({ type: 'python', name, version }),
        foundBy: NAME,
        locations: [entry.layer ? { path, layer: entry.layer } : { path }],
        metadata: meta.licenses.length > 0 ? { licenses: meta.licenses } : {},
      });
    }
    return { packages, warnings };
  },
};
