import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The 576 real Dockerfiles in ../shared/data/dockerfiles (official images + awesome-compose). */
export const CORPUS_DIR = join(import.meta.dirname, '../../../shared/data/dockerfiles');
export const hasCorpus = existsSync(CORPUS_DIR);

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'Dockerfile')
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function corpusName(path: string): string {
  return relative(CORPUS_DIR, path);
}
