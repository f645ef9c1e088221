/**
 * An installed package's own `package.json`: name, version and the declared license, which npm
 * has written three ways over the years (`"MIT"`, `{"type": "MIT"}`, `"licenses": [{"type": …}]`).
 */

export interface NpmManifest {
  readonly name?: string;
  readonly version?: string;
  readonly licenses: readonly string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function licenseName(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (isRecord(v) && typeof v.type === 'string') return v.type.trim() || undefined;
  return undefined;
}

/** Throws SyntaxError on invalid JSON; a non-object document yields an empty manifest. */
export function parsePackageJson(text: string): NpmManifest {
  const doc: unknown = JSON.parse(text);
  if (!isRecord(doc)) return { licenses: [] };
  const licenses: string[] = [];
  const single = licenseName(doc.license);
  if (single) licenses.push(single);
  else if (Array.isArray(doc.licenses)) {
    for (const l of doc.licenses) {
      const n = licenseName(l);
      if (n && !licenses.includes(n)) licenses.push(n);
    }
  } else {
    const legacy = licenseName(doc.licenses); // `"licenses": "MIT"` or `{type}`, seen in old packages
    if (legacy) licenses.push(legacy);
  }
  return {
    ...(typeof doc.name === 'string' && doc.name !== '' ? { name: doc.name } : {}),
    ...(typeof doc.version === 'string' && doc.version !== '' ? { version: doc.version } : {}),
    licenses,
  };
}

/** `@scope/name` → namespace `@scope` and name `name` (the purl form). */
export function splitScope(fullName: string): { namespace?: string; name: string } {
  if (fullName.startsWith('@')) {
    const slash = fullName.indexOf('/');
    if (slash > 1) return { namespace: fullName.slice(0, slash), name: fullName.slice(slash + 1) };
  }
  return { name: fullName };
}
