import { chmodSync, chownSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DrydockError } from '../../core/errors.js';
import { unifiedDiff } from '../../core/unified-diff.js';
import { createDigestResolver } from '../../pin/resolver.js';
import { DEFAULT_CONFIG, type DrydockConfig, findConfig, loadConfig } from '../config.js';
import { discoverDockerfiles } from '../discover.js';
import { prepareLinter } from '../linter.js';
import { Dockerfile } from '../parse/dockerfile.js';
import { RULES } from '../rules/index.js';
import { type FixResult, fixDockerfile } from './fix-dockerfile.js';
import { fixRegistryClient, resolveImageFacts } from './resolve-images.js';

export interface FixPathsOptions {
  /** A config file for every file instead of the nearest `.drydock.yaml`. */
  readonly configPath?: string;
  /** Only the fixes of these rules (ids or peer aliases). */
  readonly rules?: readonly string[];
  /** Ask no registry: digest pins only from `digests`. */
  readonly offline?: boolean;
  /** `--digest REF=sha256:…`, by imageFactsKey (see parseDigestFlags). */
  readonly digests?: ReadonlyMap<string, string>;
  readonly insecureRegistries?: readonly string[];
  /** Overrides the config's requireAptUpgrade (false: never add apt-get upgrade -y). */
  readonly requireAptUpgrade?: boolean;
  /** Write changed files (temp file + rename, mode and owner kept). */
  readonly write?: boolean;
}

export interface FixFileOutcome extends FixResult {
  /** Unified diff of input → output; empty when unchanged. */
  readonly diff: string;
  /** The file on disk was replaced. */
  readonly written: boolean;
}

/**
 * `drydock fix` as a library: finds Dockerfiles like lint, resolves the digests each one needs,
 * fixes it and (with `write`) replaces it atomically. A file that cannot be fixed gets `error` and
 * is left untouched; the others go on. A bad config or a bad --rules id throws DrydockError.
 */
export async function fixPaths(paths: readonly string[], options: FixPathsOptions = {}): Promise<FixFileOutcome[]> {
  await prepareLinter();
  if (options.rules) checkRuleIds(options.rules);
  const files = discoverDockerfiles(paths.length > 0 ? paths : ['.']);
  if (files.includes('-'))
    throw new DrydockError('usage', 'fix reads and writes files: standard input (-) is not supported');
  const fixed = options.configPath ? loadConfig(options.configPath) : undefined;
  const configs = new Map<string, DrydockConfig>();
  const configFor = (file: string): DrydockConfig => {
    if (fixed) return fixed;
    const dir = dirname(file);
    let config = configs.get(dir);
    if (!config) {
      const found = findConfig(dir);
      config = found ? loadConfig(found) : DEFAULT_CONFIG;
      configs.set(dir, config);
    }
    return config;
  };
  const client = options.offline ? undefined : fixRegistryClient(options.insecureRegistries);
  // One resolver for the whole run: a base image shared by many Dockerfiles is looked up once.
  const resolver = client ? createDigestResolver({ client }) : undefined;
  const outcomes: FixFileOutcome[] = [];
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      outcomes.push(failed(path, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`));
      continue;
    }
    const base = configFor(path);
    const imageFacts = await resolveImageFacts(new Dockerfile(path, text.replace(/^\ufeff/, '')), {
      ...(options.offline ? { offline: true } : {}),
      ...(options.digests ? { digests: options.digests } : {}),
      ...(client && resolver ? { client, resolver } : {}),
    });
    const config: DrydockConfig = {
      ...base,
      imageFacts,
      ...(options.requireAptUpgrade === undefined ? {} : { requireAptUpgrade: options.requireAptUpgrade }),
    };
    const result = fixDockerfile(text, path, { config, ...(options.rules ? { rules: options.rules } : {}) });
    const diff = result.error ? '' : unifiedDiff(path, result.input, result.output);
    let written = false;
    if (options.write && result.changed && !result.error) {
      try {
        replaceFile(path, result.output);
        written = true;
      } catch (err) {
        outcomes.push({ ...result, diff, written, error: { path, message: (err as Error).message } });
        continue;
      }
    }
    outcomes.push({ ...result, diff, written });
  }
  return outcomes;
}

function failed(path: string, message: string): FixFileOutcome {
  return {
    path,
    input: '',
    output: '',
    changed: false,
    applied: [],
    needsHuman: [],
    passes: 0,
    stable: false,
    findingsBefore: [],
    findingsAfter: [],
    diff: '',
    written: false,
    error: { path, message },
  };
}

/** Every --rules entry must name a rule (id or peer alias): a typo would silently fix nothing. */
function checkRuleIds(ids: readonly string[]): void {
  const known = new Set(RULES.flatMap((r) => [r.meta.id, ...r.meta.aliases].map((id) => id.toUpperCase())));
  const unknown = ids.filter((id) => !known.has(id.toUpperCase()));
  if (unknown.length > 0) {
    throw new DrydockError('usage', `unknown rule ${unknown.join(', ')}`, {
      where: '--rules',
      hint: 'drydock lint --list-rules shows the ids and their peer aliases',
    });
  }
}

/**
 * Replaces a file's content all at once: a temp file beside it (same filesystem), given the
 * original's mode and owner, then renamed over it. A symlink is followed, so the link stays a link.
 */
export function replaceFile(path: string, content: string): void {
  const target = realpathSync(path);
  const stat = statSync(target);
  const tmp = join(dirname(target), `.${basename(target)}.drydock-fix.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, content, { mode: stat.mode & 0o7777, flag: 'wx' });
    chmodSync(tmp, stat.mode & 0o7777);
    try {
      chownSync(tmp, stat.uid, stat.gid);
    } catch {
      // Only root may give a file away; anyone else keeps owning what they write.
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new DrydockError('io', `cannot write: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      where: path,
    });
  }
}
