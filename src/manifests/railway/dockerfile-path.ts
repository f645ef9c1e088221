import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Span } from '../../core/location.js';
import { builderOf, type RailwayConfig } from './subjects.js';

export interface RailwayDockerfile {
  /** Absolute or config-relative path as resolved (`dir/Dockerfile.prod`). */
  readonly path: string;
  /** As written in the config, or `Dockerfile` for the default. */
  readonly written: string;
  readonly exists: boolean;
  /** Where to point: `build.dockerfilePath`, else `build.builder`, else the build section or first line. */
  readonly span: Span;
}

/**
 * The Dockerfile Railway builds from: `build.dockerfilePath` (relative to the config's directory),
 * `Dockerfile` when the builder is DOCKERFILE, or a `Dockerfile` Railway auto-detects when the
 * config names no builder. Undefined when the service is built another way (Nixpacks, Railpack).
 */
export function railwayDockerfile(config: RailwayConfig): RailwayDockerfile | undefined {
  const builder = builderOf(config);
  const written = typeof config.build.dockerfilePath === 'string' ? config.build.dockerfilePath : undefined;
  const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
  if (written !== undefined) {
    const path = join(config.dir, written);
    return { path, written, exists: isFile(path), span: config.spanOf('build.dockerfilePath') };
  }
  const path = join(config.dir, 'Dockerfile');
  if (builder === 'DOCKERFILE')
    return { path, written: 'Dockerfile', exists: isFile(path), span: config.spanOf('build.builder') };
  if (builder === undefined && isFile(path))
    return { path, written: 'Dockerfile', exists: true, span: config.spanOf('build') };
  return undefined;
}

/** The path as the user reads it: relative to the working directory when that is shorter. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}
