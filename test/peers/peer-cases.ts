import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type DrydockConfig } from '../../src/dockerfile/config.js';
import { lintText } from '../../src/dockerfile/linter.js';
import { Dockerfile } from '../../src/dockerfile/parse/dockerfile.js';
import { RULES } from '../../src/dockerfile/rules/index.js';

/**
 * Peers' own test suites (../shared/data/peer-tests) run against the drydock rules that list the
 * peer's id as an alias. A case "agrees" when drydock reports (catch/fail) or stays silent (pass)
 * as the peer's test asserts. Deliberate disagreements live in expected/<PEER-ID>.json with a reason.
 */
export const PEER_DIR = join(import.meta.dirname, '../../../shared/data/peer-tests');
export const hasPeerData = existsSync(PEER_DIR);

export interface PeerCase {
  readonly peer: 'hadolint' | 'trivy';
  /** The peer's rule id: `DL3008`, `DS029`. */
  readonly code: string;
  /** Stable key of the case, used in expected/<code>.json. */
  readonly key: string;
  readonly dockerfile: string;
  /** `catch`: the peer reports it; `pass`: the peer stays silent. */
  readonly expect: 'catch' | 'pass';
  /** Exact count of findings, when the peer asserts one. */
  readonly count?: number;
  readonly config?: Partial<DrydockConfig>;
}

interface HadolintRow {
  rule: string;
  expect: 'catch' | 'pass';
  dockerfile: string;
  spec: string;
  onbuild: boolean;
  count?: number;
  config?: { allowedRegistries?: string[]; labelSchema?: Record<string, string> };
  upstream_anomaly?: boolean;
}

interface TrivyRow {
  kind: string;
  short_id: string;
  expect: 'pass' | 'fail';
  file: string;
}

/** Peer ids that some drydock rule lists as an alias. */
export function aliasedCodes(): Set<string> {
  return new Set(RULES.flatMap((r) => r.meta.aliases.map((a) => a.toUpperCase())));
}

export function hadolintCases(): PeerCase[] {
  const rows = JSON.parse(readFileSync(join(PEER_DIR, 'hadolint/cases.json'), 'utf8')) as HadolintRow[];
  const out: PeerCase[] = [];
  for (const row of rows) {
    if (!/^DL\d{4}$/.test(row.rule) || row.upstream_anomaly) continue;
    const config = hadolintConfig(row);
    if (config === null) continue;
    // Upstream's helper appends a newline; ONBUILD cases wrap every RUN as ONBUILD RUN.
    let text = `${row.dockerfile}\n`;
    if (row.onbuild) text = wrapRunsInOnbuild(text);
    out.push({
      peer: 'hadolint',
      code: row.rule,
      key: `${row.spec}${row.onbuild ? ' onbuild' : ''}`,
      dockerfile: text,
      expect: row.expect,
      ...(row.count !== undefined ? { count: row.count } : {}),
      ...(config ? { config } : {}),
    });
  }
  return out;
}

/** Maps hadolint's config to ours; null when the case uses a setting we have no equivalent for. */
function hadolintConfig(row: HadolintRow): Partial<DrydockConfig> | undefined | null {
  if (!row.config) return undefined;
  const keys = Object.keys(row.config);
  if (keys.every((k) => k === 'allowedRegistries')) return { trustedRegistries: row.config.allowedRegistries ?? [] };
  if (keys.every((k) => k === 'labelSchema')) return { requiredLabels: Object.keys(row.config.labelSchema ?? {}) };
  return null;
}

function wrapRunsInOnbuild(text: string): string {
  const file = new Dockerfile('Dockerfile', text);
  let out = text;
  const starts = file.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.keywordSpan.start);
  for (const at of starts.sort((a, b) => b - a)) out = `${out.slice(0, at)}ONBUILD ${out.slice(at)}`;
  return out;
}

export function trivyCases(): PeerCase[] {
  const rows = JSON.parse(readFileSync(join(PEER_DIR, 'trivy-checks/cases.json'), 'utf8')) as TrivyRow[];
  return rows
    .filter((r) => r.kind === 'dockerfile')
    .map((r) => ({
      peer: 'trivy' as const,
      code: r.short_id,
      key: r.file,
      dockerfile: readFileSync(join(PEER_DIR, 'trivy-checks', r.file), 'utf8'),
      expect: r.expect === 'fail' ? ('catch' as const) : ('pass' as const),
    }));
}

export interface CaseOutcome {
  readonly case: PeerCase;
  readonly agrees: boolean;
  readonly got: number;
  readonly detail: string;
}

/** Runs the drydock rules aliased to the case's code (whatever the default config enables). */
export function runCase(c: PeerCase): CaseOutcome {
  const config: DrydockConfig = { ...DEFAULT_CONFIG, ...c.config };
  const result = lintText(c.dockerfile, 'Dockerfile', { config, only: [c.code] });
  const got = result.findings.length;
  let agrees: boolean;
  if (c.expect === 'pass') agrees = got === 0;
  else agrees = c.count !== undefined ? got === c.count : got > 0;
  const detail = result.error
    ? `error: ${result.error.message}`
    : result.findings.map((f) => `${f.ruleId}@${f.location.line}`).join(',') || 'none';
  return { case: c, agrees, got, detail };
}

/** expected/<CODE>.json: { "<case key>": "why drydock disagrees on purpose" }. */
export function expectedDisagreements(code: string): Record<string, string> {
  const path = join(import.meta.dirname, 'expected', `${code}.json`);
  if (!existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}
