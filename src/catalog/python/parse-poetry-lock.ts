import { type DeclaredPackage, type LockParse, type ParseIssue, tomlTables } from './declared.js';

/** poetry.lock: every `[[package]]` is a resolved dependency; old lock formats mark dev ones `category = "dev"`. */
export function parsePoetryLock(text: string): LockParse {
  const issues: ParseIssue[] = [];
  const packages: DeclaredPackage[] = [];
  for (const [i, pkg] of tomlTables(text, issues).entries()) {
    const { name, version } = pkg;
    if (typeof name !== 'string' || typeof version !== 'string' || name === '' || version === '') {
      issues.push({ message: `package #${i + 1} has no name or version` });
      continue;
    }
    packages.push({ name, version, ...(pkg.category === 'dev' ? { dev: true } : {}) });
  }
  return { packages, issues };
}
