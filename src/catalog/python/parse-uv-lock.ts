import { type DeclaredPackage, isRecord, type LockParse, type ParseIssue, tomlTables } from './declared.js';

/**
 * uv.lock: `[[package]]` also lists the project itself and workspace members (`source = { virtual
 * = "." }` or `{ editable = "." }`), which are not dependencies; dynamic-version members have no
 * version at all.
 */
export function parseUvLock(text: string): LockParse {
  const issues: ParseIssue[] = [];
  const packages: DeclaredPackage[] = [];
  for (const [i, pkg] of tomlTables(text, issues).entries()) {
    const { name, version, source } = pkg;
    if (isRecord(source) && ('virtual' in source || 'editable' in source)) continue;
    if (typeof name !== 'string' || name === '') {
      issues.push({ message: `package #${i + 1} has no name` });
      continue;
    }
    if (typeof version !== 'string' || version === '') continue; // a dynamic-version local package
    packages.push({ name, version });
  }
  return { packages, issues };
}
