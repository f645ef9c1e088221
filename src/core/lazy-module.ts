import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads a CommonJS-compatible dependency on first use. Only for modules a run may not need (XML
 * builders, the YAML parser): each costs 25–30 ms of start-up, a sixth of linting one file.
 */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
