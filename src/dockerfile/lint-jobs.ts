import { readFileSync } from 'node:fs';
import type { DrydockConfig } from './config.js';
import { type FileResult, lintText } from './linter.js';

/** One file to lint: where to read it, what to call it, which config applies. */
export interface LintJob {
  readonly file: string;
  readonly name: string;
  readonly config: DrydockConfig;
  readonly only?: readonly string[];
  /** Text already in hand (stdin). */
  readonly text?: string;
}

export interface JobResult {
  readonly result: FileResult;
  /** The text that was linted (BOM removed), for excerpts; undefined when unreadable. */
  readonly text: string | undefined;
}

/**
 * Lints jobs one after another. A worker pool was measured on the 2-core target machine and gave
 * no gain (two lint processes side by side take 1.6x one's time) while adding 50 MB, so it went.
 */
export function lintJobs(jobs: readonly LintJob[]): JobResult[] {
  return jobs.map((job) => {
    let text: string;
    try {
      text = job.text ?? readFileSync(job.file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      return {
        result: { path: job.name, findings: [], error: { path: job.name, message: `cannot read: ${code}` } },
        text: undefined,
      };
    }
    const result = lintText(text, job.name, { config: job.config, ...(job.only ? { only: job.only } : {}) });
    return { result, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  });
}
