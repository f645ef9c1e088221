import { basename } from 'node:path';
import { expandPaths } from '../core/walk-files.js';

/** File names drydock lints when it walks a directory. */
export function isDockerfileName(name: string): boolean {
  return (
    /^(Dockerfile|Containerfile)(\..+)?$/.test(name) ||
    /\.(Dockerfile|dockerfile|Containerfile|containerfile)$/.test(name)
  );
}

/**
 * Expands the command-line paths into Dockerfiles: directories are walked (skipping VCS and
 * dependency folders), files given by name are linted whatever they are called. `-` is stdin.
 */
export function discoverDockerfiles(paths: readonly string[]): string[] {
  return expandPaths(paths, (path) => isDockerfileName(basename(path)));
}
