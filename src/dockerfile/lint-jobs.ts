import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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

/** Below this many files a worker's start-up costs more than it saves. */
const PARALLEL_THRESHOLD = 48;

/**
 * Lints jobs on every core: this thread takes one share, workers the others. Shares are balanced
 * by file size; results come back in job order, so output does not depend on scheduling.
 */
export async function lintJobsParallel(jobs: readonly LintJob[]): Promise<JobResult[]> {
  // DRYDOCK_THREADS pins the thread count (benchmarks compare 1 and N).
  // DRYDOCK_THREADS pins the thread count (benchmarks compare 1 and N).
  const threads = Number(process.env.DRYDOCK_THREADS) || Math.min(availableParallelism(), 4);
  if (threads < 2 || jobs.length < PARALLEL_THRESHOLD) return lintJobs(jobs);
  const shares: number[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  const sizes = jobs.map((j) => j.text?.length ?? safeSize(j.file));
  const order = jobs.map((_, i) => i).sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0));
  for (const i of order) {
    const least = load.indexOf(Math.min(...load));
    shares[least]?.push(i);
    load[least] = (load[least] ?? 0) + (sizes[i] ?? 0);
  }
  const results = new Array<JobResult>(jobs.length);
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const workerUrl = new URL(`./lint-worker.${ext}`, import.meta.url);
  const pending = shares.slice(1).map(
    (share) =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerUrl);
        worker.once('message', (out: JobResult[]) => {
          share.forEach((jobIndex, k) => {
            const r = out[k];
            if (r) results[jobIndex] = r;
          });
          void worker.terminate();
          resolve();
        });
        worker.once('error', reject);
        worker.postMessage(share.map((i) => jobs[i]));
      }),
  );
  const mine = shares[0] ?? [];
  lintJobs(mine.map((i) => jobs[i] as LintJob)).forEach((r, k) => {
    results[mine[k] ?? 0] = r;
  });
  await Promise.all(pending);
  return results;
}

function safeSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
