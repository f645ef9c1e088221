import type { FileError, Finding } from '../core/finding.js';
import { compareFindings } from '../core/finding.js';
import { DEFAULT_CONFIG, type DrydockConfig, type RuleSetting } from './config.js';
import { Dockerfile } from './parse/dockerfile.js';
import { initShellParser } from './parse/shell.js';
import type { Rule, RuleContext, RuleReport } from './rule.js';
import { RULES } from './rules/index.js';
import { collectSuppressions, isSuppressed } from './suppressions.js';

export interface LintOptions {
  readonly config?: DrydockConfig;
  /** Rules to run instead of the registry (the RuleTester runs one). */
  readonly rules?: readonly Rule[];
  /** Run only these rule ids (or aliases), whatever the config says. */
  readonly only?: readonly string[];
}

export interface FileResult {
  readonly path: string;
  readonly findings: readonly Finding[];
  /** Set when the file could not be linted at all (binary, empty, a rule crashed). */
  readonly error?: FileError;
}

/** Must be awaited once before lintText: loads the shell grammar. */
export async function prepareLinter(): Promise<void> {
  await initShellParser();
}

/** Lints one Dockerfile's text. Never throws for bad input: problems come back as findings or `error`. */
export function lintText(text: string, path: string, options: LintOptions = {}): FileResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksBinary(body)) {
    return { path, findings: [], error: { path, line: 1, column: 1, message: 'not a text file (binary content)' } };
  }
  const file = new Dockerfile(path, body);
  if (file.instructions.length === 0) {
    return {
      path,
      findings: [],
      error: { path, line: 1, column: 1, message: 'no instructions: the Dockerfile is empty' },
    };
  }
  const rules = selectRules(options.rules ?? RULES, config, options.only);
  const findings: Finding[] = [];
  for (const { rule, severity } of rules) {
    const context: RuleContext = {
      file,
      config,
      report(report: RuleReport) {
        findings.push({
          ruleId: rule.meta.id,
          severity,
          message: report.message,
          location: file.source.location(report.span),
          aliases: rule.meta.aliases,
          ...(report.fix ? { fix: report.fix } : {}),
        });
      },
    };
    try {
      rule.check(context);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { path, findings: [], error: { path, message: `internal error in rule ${rule.meta.id}: ${message}` } };
    }
  }
  const suppressions = collectSuppressions(file);
  const kept = findings.filter((f) => !isSuppressed(f, suppressions));
  kept.sort(compareFindings);
  return { path, findings: dedupe(kept) };
}

type Selection = { rule: Rule; severity: Rule['meta']['severity'] }[];
const selections = new WeakMap<readonly Rule[], WeakMap<DrydockConfig, Map<string, Selection>>>();

/** The rules to run and their severities under a config; memoised, as every file asks again. */
export function selectRules(rules: readonly Rule[], config: DrydockConfig, only?: readonly string[]): Selection {
  let byConfig = selections.get(rules);
  if (!byConfig) {
    byConfig = new WeakMap();
    selections.set(rules, byConfig);
  }
  let byOnly = byConfig.get(config);
  if (!byOnly) {
    byOnly = new Map();
    byConfig.set(config, byOnly);
  }
  const key = only?.join(',') ?? '';
  let selected = byOnly.get(key);
  if (!selected) {
    selected = computeSelection(rules, config, only);
    byOnly.set(key, selected);
  }
  return selected;
}

function computeSelection(rules: readonly Rule[], config: DrydockConfig, only?: readonly string[]): Selection {
  const wanted = only?.map((id) => id.toUpperCase());
  const selected: Selection = [];
  for (const rule of rules) {
    const setting = settingFor(rule, config);
    if (wanted) {
      if (!wanted.includes(rule.meta.id) && !rule.meta.aliases.some((a) => wanted.includes(a.toUpperCase()))) continue;
    } else {
      const enabled = setting?.enabled ?? !rule.meta.optional;
      if (!enabled) continue;
    }
    selected.push({ rule, severity: setting?.severity ?? rule.meta.severity });
  }
  return selected;
}

/** A setting by rule id wins over one given by alias. */
function settingFor(rule: Rule, config: DrydockConfig): RuleSetting | undefined {
  const byId = config.rules.get(rule.meta.id);
  if (byId) return byId;
  for (const alias of rule.meta.aliases) {
    const byAlias = config.rules.get(alias.toUpperCase());
    if (byAlias) return byAlias;
  }
  return undefined;
}

function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  // Many replacement characters mean the bytes were not UTF-8 text.
  let bad = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0xfffd) bad++;
  return bad > 8 && bad > head.length / 100;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.location.line}|${f.location.column}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
