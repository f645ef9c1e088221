import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type * as Yaml from 'yaml';
import { DrydockError } from '../core/errors.js';
import { lazyModule } from '../core/lazy-module.js';
import { isSeverity, type Severity } from '../core/severity.js';

const yaml = lazyModule<typeof Yaml>('yaml');

export const CONFIG_FILE_NAMES = ['.drydock.yaml', '.drydock.yml'] as const;

export interface RuleSetting {
  readonly enabled?: boolean;
  readonly severity?: Severity;
}

/** `.drydock.yaml`: project-level choices for lint (and later stages). */
export interface DrydockConfig {
  /** Where the config came from, for messages; undefined for the defaults. */
  readonly path?: string;
  /** By rule id or alias: on/off and severity override. */
  readonly rules: ReadonlyMap<string, RuleSetting>;
  /** Registries images may come from (`docker.io`, `ghcr.io`, `123.dkr.ecr.us-east-1.amazonaws.com`). Empty: any. */
  readonly trustedRegistries: readonly string[];
  /** Base image patterns allowed in FROM (`python:*-slim*`, `docker.io/library/debian:*`). Empty: any. */
  readonly allowedImages: readonly string[];
  /** Labels the final stage must set (`org.opencontainers.image.source`). */
  readonly requiredLabels: readonly string[];
  /** The guide asks for `apt-get upgrade -y` after every update; teams that disagree turn it off here. */
  readonly requireAptUpgrade: boolean;
  /** Default `--fail-on` when the flag is not given. */
  readonly failOn?: Severity;
  /**
   * What `drydock fix` looked up about external images before linting, keyed by `imageFactsKey`
   * (`docker.io/library/python:3.11`). Rules stay synchronous and offline; lint leaves this unset.
   */
  readonly imageFacts?: ReadonlyMap<string, ImageFacts>;
}

/** One external image as `drydock fix` found it (see DrydockConfig.imageFacts). */
export interface ImageFacts {
  /** The digest the tag points at now: the multi-arch index digest when there is one. */
  readonly digest?: string;
  /** Why there is no digest (offline without --digest, registry error): shown as "needs a human". */
  readonly digestError?: string;
  /** WorkingDir of the image config (`''` means `/`); undefined when not looked up or unknown. */
  readonly workingDir?: string;
}

export const DEFAULT_CONFIG: DrydockConfig = {
  rules: new Map(),
  trustedRegistries: [],
  allowedImages: [],
  requiredLabels: [],
  requireAptUpgrade: true,
};

const found = new Map<string, string | undefined>();

/** Finds `.drydock.yaml` in `dir` or the nearest parent (memoised per directory for this process). */
export function findConfig(dir: string): string | undefined {
  const current = resolve(dir);
  if (found.has(current)) return found.get(current);
  let result: string | undefined;
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = join(current, name);
    if (existsSync(candidate)) {
      result = candidate;
      break;
    }
  }
  const parent = dirname(current);
  if (result === undefined && parent !== current) result = findConfig(parent);
  found.set(current, result);
  return result;
}

export function loadConfig(path: string): DrydockConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DrydockError('config', `cannot read config: ${(err as NodeJS.ErrnoException).code ?? err}`, {
      where: path,
    });
  }
  return parseConfig(text, path);
}

const KNOWN_KEYS = new Set([
  'rules',
  'trustedRegistries',
  'allowedImages',
  'requiredLabels',
  'requireAptUpgrade',
  'failOn',
]);

export function parseConfig(text: string, path: string): DrydockConfig {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (offset: number | undefined): string => {
    if (offset === undefined) return path;
    const pos = lineCounter.linePos(offset);
    return `${path}:${pos.line}:${pos.col}`;
  };
  const firstError = doc.errors[0];
  if (firstError) {
    throw new DrydockError('config', `invalid YAML: ${firstError.message.split('\n')[0]}`, {
      where: where(firstError.pos[0]),
    });
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === '')))
    return { ...DEFAULT_CONFIG, path };
  if (!isMap(root)) throw new DrydockError('config', 'the config must be a mapping', { where: where(root.range?.[0]) });
  const fail = (message: string, node: { range?: [number, number, number] | null } | null | undefined): never => {
    throw new DrydockError('config', message, { where: where(node?.range?.[0]) });
  };
  const rules = new Map<string, RuleSetting>();
  let trustedRegistries: string[] = [];
  let allowedImages: string[] = [];
  let requiredLabels: string[] = [];
  let requireAptUpgrade = true;
  let failOn: Severity | undefined;
  const stringList = (node: unknown, key: string): string[] => {
    if (!isSeq(node)) return fail(`"${key}" must be a list of strings`, node as never);
    return node.items.map((item) => {
      if (!isScalar(item) || typeof item.value !== 'string')
        return fail(`"${key}" must be a list of strings`, item as never);
      return item.value;
    });
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KNOWN_KEYS.has(key)) fail(`unknown key "${key}" (known: ${[...KNOWN_KEYS].join(', ')})`, pair.key as never);
    const value = pair.value;
    switch (key) {
      case 'rules': {
        if (!isMap(value)) fail('"rules" must map rule ids to on/off/a severity', value as never);
        for (const rule of (value as { items: { key: unknown; value: unknown }[] }).items) {
          const id = isScalar(rule.key) ? String(rule.key.value) : '';
          rules.set(id.toUpperCase(), ruleSetting(rule.value, id, fail));
        }
        break;
      }
      case 'trustedRegistries':
        trustedRegistries = stringList(value, key);
        break;
      case 'allowedImages':
        allowedImages = stringList(value, key);
        break;
      case 'requiredLabels':
        requiredLabels = stringList(value, key);
        break;
      case 'requireAptUpgrade':
        if (!isScalar(value) || typeof value.value !== 'boolean')
          fail('"requireAptUpgrade" must be true or false', value as never);
        requireAptUpgrade = (value as { value: boolean }).value;
        break;
      case 'failOn': {
        const v = isScalar(value) ? String(value.value) : '';
        if (!isSeverity(v)) fail(`"failOn" must be one of info, low, medium, high, critical`, value as never);
        failOn = v as Severity;
        break;
      }
    }
  }
  return { path, rules, trustedRegistries, allowedImages, requiredLabels, requireAptUpgrade, failOn };
}

function ruleSetting(node: unknown, id: string, fail: (message: string, node: never) => never): RuleSetting {
  const { isMap, isScalar } = yaml();
  if (isScalar(node)) {
    const v = node.value;
    if (v === false || v === 'off') return { enabled: false };
    if (v === true || v === 'on') return { enabled: true };
    if (typeof v === 'string' && isSeverity(v)) return { enabled: true, severity: v };
  }
  if (isMap(node)) {
    let enabled: boolean | undefined;
    let severity: Severity | undefined;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (key === 'enabled' && typeof value === 'boolean') enabled = value;
      else if (key === 'severity' && typeof value === 'string' && isSeverity(value)) severity = value;
      else fail(`rule ${id}: unknown or invalid setting "${key}"`, pair.key as never);
    }
    return { enabled: enabled ?? true, ...(severity ? { severity } : {}) };
  }
  return fail(`rule ${id}: use on, off, a severity, or {enabled, severity}`, node as never);
}
