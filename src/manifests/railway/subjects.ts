import { dirname } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { FileError } from '../../core/finding.js';
import type { Span } from '../../core/location.js';
import type { ManifestFile } from '../manifest-file.js';
import { asMap, keySpanOf, pairOf, spanOf } from '../yaml-nodes.js';
import { locateTomlKeys } from './toml-keys.js';

/** A Railway service config (`railway.json` or `railway.toml`), read once with key positions. */
export interface RailwayConfig {
  readonly path: string;
  /** The directory `build.dockerfilePath` is relative to. */
  readonly dir: string;
  readonly format: 'json' | 'toml';
  readonly build: Readonly<Record<string, unknown>>;
  readonly deploy: Readonly<Record<string, unknown>>;
  /** Span of a dotted key (`deploy.healthcheckPath`), else of its section, else of the first line. */
  spanOf(key: string): Span;
  /** True when the key is written in the file. */
  has(key: string): boolean;
}

export type RailwayParse = { ok: true; config: RailwayConfig } | { ok: false; errors: FileError[] };

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function firstLine(text: string): Span {
  const nl = text.indexOf('\n');
  return { start: 0, end: nl === -1 ? text.length : nl };
}

export function parseRailwayConfig(file: ManifestFile): RailwayParse {
  const text = file.text;
  const dir = dirname(file.path);
  if (/\.toml$/i.test(file.path)) {
    let value: Record<string, unknown>;
    try {
      value = parseToml(text) as Record<string, unknown>;
    } catch (err) {
      const e = err as TomlError;
      const message = (e.message.split('\n')[0] ?? 'invalid TOML').replace(/^Invalid TOML document:\s*/, '');
      return {
        ok: false,
        errors: [{ path: file.path, ...(err instanceof TomlError ? { line: e.line, column: e.column } : {}), message }],
      };
    }
    const keys = locateTomlKeys(text);
    const lookup = (key: string): Span | undefined => {
      const parts = key.split('.');
      for (let n = parts.length; n > 0; n--) {
        const span = keys.get(parts.slice(0, n).join('.'));
        if (span) return span;
      }
      return undefined;
    };
    return {
      ok: true,
      config: {
        path: file.path,
        dir,
        format: 'toml',
        build: record(value.build),
        deploy: record(value.deploy),
        spanOf: (key) => lookup(key) ?? firstLine(text),
        has: (key) => keys.has(key),
      },
    };
  }
  if (file.errors.length > 0) return { ok: false, errors: [...file.errors] };
  const root = asMap(file.documents[0]?.contents);
  const value = record(file.documents[0]?.toJS());
  const spanAt = (key: string): Span | undefined => {
    const parts = key.split('.');
    let map = root;
    let found: Span | undefined;
    for (const [i, part] of parts.entries()) {
      const pair = pairOf(map, part);
      if (!pair) return found;
      found = i === parts.length - 1 ? spanOf(pair) : (keySpanOf(map, part) ?? found);
      map = asMap(pair.value);
    }
    return found;
  };
  return {
    ok: true,
    config: {
      path: file.path,
      dir,
      format: 'json',
      build: record(value.build),
      deploy: record(value.deploy),
      spanOf: (key) => spanAt(key) ?? firstLine(text),
      has: (key) => {
        const parts = key.split('.');
        let map = root;
        for (const part of parts) {
          const pair = pairOf(map, part);
          if (!pair) return false;
          map = asMap(pair.value);
        }
        return true;
      },
    },
  };
}

/** `DOCKERFILE`, `NIXPACKS`, `RAILPACK`… upper-cased; undefined when the config does not say. */
export function builderOf(config: RailwayConfig): string | undefined {
  const b = config.build.builder;
  return typeof b === 'string' ? b.toUpperCase() : undefined;
}
