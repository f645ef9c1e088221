import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type FileError, type Finding, type LintReport, type RuleSummary, ruleSummary } from '../core/finding.js';
import { VERSION } from '../version.js';
import { DEFAULT_CONFIG, type DrydockConfig, findConfig, loadConfig } from './config.js';
import { discoverDockerfiles } from './discover.js';
import { type LintJob, lintJobs } from './lint-jobs.js';
import { prepareLinter, selectRules } from './linter.js';
import type { Rule } from './rule.js';
import { ruleHelpUri } from './rule-docs.js';
import { RULES } from './rules/index.js';

export interface LintPathsOptions {
  /** A config file to use for every file instead of the nearest `.drydock.yaml`. */
  readonly configPath?: string;
  /** Run only these rules (ids or aliases). */
  readonly only?: readonly string[];
  /** Standard input's text, when a path is `-`. */
  readonly stdin?: () => string;
  /** Name to show for stdin. */
  readonly stdinName?: string;
}

/**
 * Lints files and directories into one report. A file that cannot be read or parsed becomes an
 * error entry and the others are still linted; a bad config is fatal (DrydockError).
 */
export async function lintPaths(paths: readonly string[], options: LintPathsOptions = {}): Promise<LintReport> {
  await prepareLinter();
  const files = discoverDockerfiles(paths.length > 0 ? paths : ['.']);
  const fixed = options.configPath ? loadConfig(options.configPath) : undefined;
  const configs = new Map<string, DrydockConfig>();
  const configFor = (file: string): DrydockConfig => {
    if (fixed) return fixed;
    const dir = file === '-' ? process.cwd() : dirname(file);
    let config = configs.get(dir);
    if (!config) {
      const found = findConfig(dir);
      config = found ? loadConfig(found) : DEFAULT_CONFIG;
      configs.set(dir, config);
    }
    return config;
  };
  const jobs: LintJob[] = [];
  const ranRules = new Set<Rule>();
  for (const file of files) {
    const name = file === '-' ? (options.stdinName ?? '<stdin>') : file;
    const config = configFor(file);
    for (const { rule } of selectRules(RULES, config, options.only)) ranRules.add(rule);
    let text: string | undefined;
    if (file === '-') text = options.stdin?.() ?? readFileSync(0, 'utf8');
    jobs.push({
      file,
      name,
      config,
      ...(options.only ? { only: options.only } : {}),
      ...(text !== undefined ? { text } : {}),
    });
  }
  const findings: Finding[] = [];
  const errors: FileError[] = [];
  const sources = new Map<string, string>();
  for (const { result, text } of lintJobs(jobs)) {
    if (text !== undefined) sources.set(result.path, text);
    findings.push(...result.findings);
    if (result.error) errors.push(result.error);
  }
  return {
    tool: { name: 'drydock', version: VERSION },
    files: jobs.map((j) => j.name),
    findings,
    errors,
    rules: [...ranRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map(summarize),
    sources,
  };
}

export function summarize(rule: Rule): RuleSummary {
  return ruleSummary(rule.meta, ruleHelpUri(rule.meta.id));
}
