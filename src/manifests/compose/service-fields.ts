import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Span } from '../../core/location.js';
import { asMap, spanOf, stringOf } from '../yaml-nodes.js';
import { type ComposeService, serviceValue } from './subjects.js';

/** One `volumes:` entry of a service, short (`./src:/app:ro`) or long (`{type: bind, source, target}`) syntax. */
export interface ServiceVolume {
  /** Host path or named volume; undefined for an anonymous volume (`- /data`). */
  readonly source: string | undefined;
  readonly target: string | undefined;
  /** `bind` for host paths, `volume` for named volumes, `tmpfs`… */
  readonly type: string;
  readonly readOnly: boolean;
  readonly node: Node;
}

/** Host paths in compose are absolute, `./relative`, `~/…` or a Windows drive; anything else names a volume. */
function isHostPath(source: string): boolean {
  return /^(\/|\.{1,2}(\/|$)|~|[A-Za-z]:[\\/]|\$)/.test(source);
}

export function serviceVolumes(service: ComposeService): ServiceVolume[] {
  const volumes = serviceValue(service, 'volumes');
  if (!isSeq(volumes)) return [];
  const out: ServiceVolume[] = [];
  for (const item of volumes.items) {
    const node = item as Node;
    if (isMap(item)) {
      const map = asMap(item);
      const source = stringOf(map?.get('source', true));
      const target = stringOf(map?.get('target', true));
      const type = stringOf(map?.get('type', true)) ?? (source && isHostPath(source) ? 'bind' : 'volume');
      const readOnly = String(stringOf(map?.get('read_only', true)) ?? '').toLowerCase() === 'true';
      out.push({ source, target, type, readOnly, node });
      continue;
    }
    const text = stringOf(item);
    if (text === undefined) continue;
    // A Windows drive letter's colon belongs to the source (`C:\data:/data`).
    const drive = /^[A-Za-z]:[\\/]/.test(text) ? 2 : 0;
    const parts = [
      text.slice(0, drive) + (text.slice(drive).split(':')[0] ?? ''),
      ...text.slice(drive).split(':').slice(1),
    ];
    if (parts.length === 1) {
      out.push({ source: undefined, target: parts[0], type: 'volume', readOnly: false, node });
      continue;
    }
    const [source = '', target, mode = ''] = parts;
    out.push({
      source,
      target,
      type: isHostPath(source) ? 'bind' : 'volume',
      readOnly: mode.split(',').includes('ro'),
      node,
    });
  }
  return out;
}

/** One `environment:` entry, map form (`KEY: value`) or list form (`- KEY=value`). */
export interface EnvironmentEntry {
  readonly name: string;
  /** Undefined when the value comes from the shell (`- KEY`, `KEY:` with no value). */
  readonly value: string | undefined;
  /** The whole entry: `KEY: value` (map form) or the list item. */
  readonly span: Span;
}

export function serviceEnvironment(service: ComposeService): EnvironmentEntry[] {
  const env = serviceValue(service, 'environment');
  const out: EnvironmentEntry[] = [];
  if (isMap(env)) {
    for (const pair of env.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      out.push({ name: String(pair.key.value), value: stringOf(pair.value), span: spanOf(pair) });
    }
  } else if (isSeq(env)) {
    for (const item of env.items) {
      const text = stringOf(item);
      if (text === undefined) continue;
      const eq = text.indexOf('=');
      out.push({
        name: eq === -1 ? text : text.slice(0, eq),
        value: eq === -1 ? undefined : text.slice(eq + 1),
        span: spanOf(item as Node),
      });
    }
  }
  return out;
}

/** A value that is only an interpolation (`${DB_PASSWORD}`, `$TOKEN`, `${X:-default}`): not written in the file. */
export function isInterpolation(value: string): boolean {
  return /^\$(\{[A-Za-z_][A-Za-z0-9_]*([:?-][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(value.trim());
}

/** The service's `tmpfs:` paths (string or list; `path:options` keeps the path). */
export function tmpfsPaths(service: ComposeService): string[] {
  const node = serviceValue(service, 'tmpfs');
  const items = isSeq(node) ? node.items.map((i) => stringOf(i)) : [stringOf(node)];
  return items.filter((s): s is string => s !== undefined).map((s) => s.split(':')[0] ?? s);
}
