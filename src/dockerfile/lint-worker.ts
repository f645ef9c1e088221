import { parentPort } from 'node:worker_threads';
import { type LintJob, lintJobs } from './lint-jobs.js';
import { prepareLinter } from './linter.js';

/** A worker of the lint pool: lints the jobs it is sent and posts the results back. */
if (parentPort) {
  const port = parentPort;
  await prepareLinter();
  port.on('message', (jobs: LintJob[]) => {
    port.postMessage(lintJobs(jobs));
  });
}
