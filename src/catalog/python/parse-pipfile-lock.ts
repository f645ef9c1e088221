import { jsonErrorLine } from '../text.js';
import { type DeclaredPackage, isRecord, type LockParse, type ParseIssue } from './declared.js';

/** Pipfile.lock: `{"default": {name: {"version": "==1.2.3"}}, "develop": {…}}`; VCS/path entries have no version. */
export function parsePipfileLock(text: string): LockParse {
  const issues: ParseIssue[] = [];
  const packages: DeclaredPackage[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const line = jsonErrorLine(text, e);
    const message = `invalid JSON: ${e instanceof Error ? e.message : String(e)}`;
    issues.push(line !== undefined ? { line, message } : { message });
    return { packages, issues };
  }
  if (!isRecord(doc)) {
    issues.push({ message: 'Pipfile.lock is not a JSON object' });
    return { packages, issues };
  }
  for (const section of ['default', 'develop'] as const) {
    const deps = doc[section];
    if (deps === undefined) continue;
    if (!isRecord(deps)) {
      issues.push({ message: `"${section}" is not an object` });
      continue;
    }
    for (const [name, entry] of Object.entries(deps)) {
      if (!isRecord(entry)) continue;
      const v = entry.version;
      if (typeof v !== 'string') continue; // git/path/editable entries
      const version = v.replace(/^===?/, '').trim();
      if (version === '') continue;
      packages.push({ name, version, ...(section === 'develop' ? { dev: true } : {}) });
    }
  }
  return { packages, issues };
}
