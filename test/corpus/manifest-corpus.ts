import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Real deployment files in ../shared/data (see each folder's SOURCE.md). */
export const DATA_DIR = join(import.meta.dirname, '../../../shared/data');

export function dataFiles(folder: string, pattern: RegExp): string[] {
  const dir = join(DATA_DIR, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function dataName(path: string): string {
  return relative(DATA_DIR, path);
}

/** Per-rule finding counts and the number of files with each rule, every rule listed (0 too). */
export function countByRule(
  ruleIds: readonly string[],
  perFile: readonly (readonly { readonly ruleId: string }[])[],
): { findings: Record<string, number>; filesWithFinding: Record<string, number> } {
  const findings: Record<string, number> = Object.fromEntries(ruleIds.map((id) => [id, 0]));
  const filesWithFinding: Record<string, number> = Object.fromEntries(ruleIds.map((id) => [id, 0]));
  for (const list of perFile) {
    for (const f of list) findings[f.ruleId] = (findings[f.ruleId] ?? 0) + 1;
    for (const id of new Set(list.map((f) => f.ruleId))) filesWithFinding[id] = (filesWithFinding[id] ?? 0) + 1;
  }
  return { findings, filesWithFinding };
}
