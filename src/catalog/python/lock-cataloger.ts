import { basename } from '../../core/posix-path.js';
import type { FileEntry } from '../../sources/types.js';
import type { Cataloger, CatalogResult } from '../cataloger.js';
import type { CatalogWarning, Package } from '../package.js';
import { buildPurl } from '../purl.js';
import { fileText } from '../text.js';
import type { LockParse } from './declared.js';
import { parsePipfileLock } from './parse-pipfile-lock.js';
import { parsePoetryLock } from './parse-poetry-lock.js';
import { parseRequirements } from './parse-requirements.js';
import { parseUvLock } from './parse-uv-lock.js';

const NAME = 'python-lock';

function parserFor(path: string): ((text: string) => LockParse) | undefined {
  const base = basename(path);
  if (base === 'poetry.lock') return parsePoetryLock;
  if (base === 'Pipfile.lock') return parsePipfileLock;
  if (base === 'uv.lock') return parseUvLock;
  if (/^requirements.*\.txt$/.test(base)) return parseRequirements;
  return undefined;
}

/** Installed libraries ship lock files as test data; they describe nothing in this image. */
const VENDORED = /(?:^|\/)(?:site-packages|dist-packages|node_modules)\//;

/**
 * Dependencies a Python project declares (requirements, poetry, Pipfile, uv locks). They are
 * marked `declaredOnly`: the file says what would be installed, not what is.
 */
export const PythonLockCataloger: Cataloger = {
  name: NAME,
  required(entry: FileEntry): boolean {
    return (
      (entry.type === 'file' || entry.type === 'hardlink') &&
      parserFor(entry.path) !== undefined &&
      !VENDORED.test(entry.path)
    );
  },
  catalog({ files }): CatalogResult {
    const packages: Package[] = [];
    const warnings: CatalogWarning[] = [];
    for (const [path, { entry, content }] of files) {
      const parse = parserFor(path);
      if (content === undefined || parse === undefined) continue;
      const text = fileText(path, content, 'lock file', warnings);
      if (text === undefined) continue;
      const result = parse(text);
      for (const issue of result.issues) {
        warnings.push(
          issue.line !== undefined ? { path, line: issue.line, message: issue.message } : { path, ...issue },
        );
      }
      // One package per name and version per file; it is dev only if every declaration is.
      const merged = new Map<string, { name: string; version: string; dev: boolean }>();
      for (const p of result.packages) {
        const key = `${p.name.toLowerCase().replace(/[-_.]+/g, '-')}@${p.version}`;
        const seen = merged.get(key);
        if (seen) seen.dev &&= p.dev === true;
        else merged.set(key, { name: p.name, version: p.version, dev: p.dev === true });
      }
      for (const { name, version, dev } of merged.values()) {
        packages.push({
          type: 'python',
          name,
          version,
          purl: buildPurl({ type: 'python', name, version }),
          foundBy: NAME,
          locations: [entry.layer ? { path, layer: entry.layer } : { path }],
          metadata: dev ? { declaredOnly: true, dev: true } : { declaredOnly: true },
        });
      }
    }
    return { packages, warnings };
  },
};
