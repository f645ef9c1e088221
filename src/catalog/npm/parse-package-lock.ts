/**
 * `package-lock.json` / `npm-shrinkwrap.json`. Versions 2 and 3 list every installed path in
 * `packages` (`"node_modules/a/node_modules/b"`); version 1 nests a `dependencies` tree. The root
 * project (`""`), workspace folders (keys outside node_modules) and symlinks (`link: true`, whose
 * target is listed on its own) are not dependencies.
 */

export interface LockedPackage {
  /** The full name, scope included (`@babel/core`). */
  readonly name: string;
  readonly version: string;
  readonly dev: boolean;
}

export interface LockParse {
  readonly packages: LockedPackage[];
  readonly issues: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The package name a `packages` key installs: the part after the last `node_modules/`. */
function nameFromKey(key: string): string | undefined {
  const i = key.lastIndexOf('node_modules/');
  if (i === -1) return undefined;
  const name = key.slice(i + 'node_modules/'.length);
  return name === '' ? undefined : name;
}

/**
 * An aliased dependency (`"string-width-cjs": "npm:string-width@4.2.3"` in v1) installs another
 * package under a local name; the real name and version are what a vulnerability is filed under.
 */
function unalias(name: string, version: string): { name: string; version: string } | undefined {
  if (version.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
    return undefined;
  }
  // file:, link:, git+…, github:…, https:… : not a registry version
  if (/^[a-z+]+:/i.test(version)) return undefined;
  return { name, version };
}

/** Throws SyntaxError on invalid JSON. */
export function parsePackageLock(text: string): LockParse {
  const doc: unknown = JSON.parse(text);
  const packages: LockedPackage[] = [];
  const issues: string[] = [];
  if (!isRecord(doc)) {
    issues.push('package-lock is not a JSON object');
    return { packages, issues };
  }
  if (isRecord(doc.packages)) {
    for (const [key, entry] of Object.entries(doc.packages)) {
      if (key === '' || !isRecord(entry) || entry.link === true) continue;
      const keyName = nameFromKey(key);
      if (keyName === undefined) continue; // a workspace folder: the project's own code
      const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : keyName;
      if (typeof entry.version !== 'string' || entry.version === '') {
        issues.push(`"${key}" has no version`);
        continue;
      }
      const real = unalias(name, entry.version);
      if (real) packages.push({ ...real, dev: entry.dev === true });
    }
    return { packages, issues };
  }
  if (isRecord(doc.dependencies)) walkV1(doc.dependencies, packages, 0);
  return { packages, issues };
}

/** Deep enough for any real tree; a cycle or a hostile file cannot recurse forever. */
const MAX_DEPTH = 256;

function walkV1(deps: Record<string, unknown>, out: LockedPackage[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const [name, entry] of Object.entries(deps)) {
    if (!isRecord(entry)) continue;
    if (typeof entry.version === 'string' && entry.version !== '') {
      const real = unalias(name, entry.version);
      if (real) out.push({ ...real, dev: entry.dev === true });
    }
    if (isRecord(entry.dependencies)) walkV1(entry.dependencies, out, depth + 1);
  }
}
