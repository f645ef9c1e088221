import { basename, dirname } from 'node:path';
import { DrydockError } from '../core/errors.js';
import { SKIP_DIRS as COMMON_SKIP_DIRS, statPath, walkDirectory } from '../core/walk-files.js';
import type { ManifestFormat } from './model.js';

/** Also the folders that hold installed Python environments: their metadata is not a project's declaration. */
const SKIP_DIRS: ReadonlySet<string> = new Set([
  ...COMMON_SKIP_DIRS,
  'venv',
  '.tox',
  '.nox',
  'site-packages',
  'dist-packages',
]);

const EXACT_NAMES: Readonly<Record<string, ManifestFormat>> = {
  'pyproject.toml': 'pyproject',
  Pipfile: 'pipfile',
  'Pipfile.lock': 'pipfile-lock',
  'poetry.lock': 'poetry-lock',
  'uv.lock': 'uv-lock',
  'package.json': 'package-json',
  'package-lock.json': 'package-lock',
  'npm-shrinkwrap.json': 'package-lock',
};

/**
 * The format a file name means when a directory is searched: the exact names above, and pip files
 * named like `requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`, `constraints.txt` or
 * any `.txt` in a `requirements/` folder. pip-tools inputs (`requirements.in`) are ranges by design and
 * are read only when named on the command line.
 */
export function manifestFormatOf(path: string): ManifestFormat | undefined {
  const name = basename(path);
  const exact = EXACT_NAMES[name];
  if (exact) return exact;
  if (/^(.*[-_.])?requirements([-_.].*)?\.txt$/i.test(name) || /^constraints([-_.].*)?\.txt$/i.test(name)) {
    return 'requirements';
  }
  if (basename(dirname(path)) === 'requirements' && name.endsWith('.txt')) return 'requirements';
  return undefined;
}

export interface DiscoveredManifest {
  readonly path: string;
  readonly format: ManifestFormat;
}

/**
 * Expands command-line paths: directories are walked in name order (skipping installed-package and VCS
 * folders); a file named explicitly is read by its name, or as a requirements file when it ends in
 * `.txt` or `.in`. A missing path or an unknown file name is a one-line error.
 */
export function discoverManifests(paths: readonly string[]): DiscoveredManifest[] {
  const out: DiscoveredManifest[] = [];
  for (const p of paths) {
    if (statPath(p).isDirectory()) {
      for (const path of walkDirectory(p, (f) => manifestFormatOf(f) !== undefined, SKIP_DIRS)) {
        const format = manifestFormatOf(path);
        if (format) out.push({ path, format });
      }
      continue;
    }
    const format = manifestFormatOf(p) ?? (/\.(txt|in)$/i.test(p) ? 'requirements' : undefined);
    if (!format) {
      throw new DrydockError('usage', 'not a dependency file drydock reads', {
        where: p,
        hint: 'requirements*.txt, pyproject.toml, Pipfile(.lock), poetry.lock, uv.lock, package.json, package-lock.json',
      });
    }
    out.push({ path: p, format });
  }
  const seen = new Set<string>();
  return out.filter((m) => {
    if (seen.has(m.path)) return false;
    seen.add(m.path);
    return true;
  });
}
