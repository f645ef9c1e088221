/** What the generated pipelines build, scan and update. */
export interface CiOptions {
  /** The Dockerfile to rebuild and scan (relative to the repository root). */
  readonly dockerfile: string;
  /** The build context. */
  readonly context: string;
  /** `drydock scan --max` budget, e.g. `critical=0,high=9` (the guide's "0 critical, fewer than 10 high"). */
  readonly budget: string;
  /** Paths `drydock update` and `drydock pin --check` look at. */
  readonly paths: readonly string[];
  /** Weekly schedule (GitHub cron; GitLab schedules are set in the UI). */
  readonly cron: string;
  /** The drydock version the pipelines run (`npx drydock@VERSION`). */
  readonly drydockVersion: string;
  /** Node.js major version for the drydock steps. */
  readonly nodeVersion: string;
}

export const DEFAULT_BUDGET = 'critical=0,high=9';
/** Monday 03:17 UTC: off the hour, when scheduled runs queue up on shared runners. */
export const DEFAULT_CRON = '17 3 * * 1';

/** A shell word, single-quoted when it holds anything a shell would interpret. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'"'"'`)}'`;
}

/** YAML single-quoted scalar. */
export function yamlQuote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
