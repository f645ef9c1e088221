import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DrydockError } from '../core/errors.js';
import { writeFilesAtomic } from '../pin/write-files.js';
import type { CiOptions } from './ci-options.js';
import { GITHUB_SCAN_WORKFLOW, GITHUB_UPDATE_WORKFLOW, githubScanWorkflow, githubUpdateWorkflow } from './github.js';
import { GITLAB_PIPELINE, GITLAB_ROOT, gitlabPipeline, gitlabRoot } from './gitlab.js';

export type CiProvider = 'github' | 'gitlab';

export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly text: string;
}

/** The files `drydock init ci` writes for a provider (paths relative to the repository root). */
export function ciFiles(
  provider: CiProvider,
  options: CiOptions,
  existing: (path: string) => boolean,
): GeneratedFile[] {
  if (provider === 'github') {
    return [
      { path: GITHUB_UPDATE_WORKFLOW, text: githubUpdateWorkflow(options) },
      { path: GITHUB_SCAN_WORKFLOW, text: githubScanWorkflow(options) },
    ];
  }
  const files = [{ path: GITLAB_PIPELINE, text: gitlabPipeline(options) }];
  // A project's own .gitlab-ci.yml is never replaced: it gets a hint to include ours instead.
  if (!existing(GITLAB_ROOT)) files.push({ path: GITLAB_ROOT, text: gitlabRoot() });
  return files;
}

export interface InitCiResult {
  readonly written: readonly string[];
  /** What the user still has to do (schedules, tokens, includes). */
  readonly nextSteps: readonly string[];
}

/**
 * Writes the CI files under `root`. An existing file is an error unless `force` (then it is
 * replaced); all files are written together or none.
 */
export function initCi(root: string, provider: CiProvider, options: CiOptions, force = false): InitCiResult {
  const files = ciFiles(provider, options, (p) => existsSync(join(root, p)));
  if (!force) {
    const present = files.filter((f) => existsSync(join(root, f.path)));
    if (present.length > 0) {
      throw new DrydockError('usage', `${present.map((f) => f.path).join(', ')} already exists: not overwritten`, {
        where: root,
        hint: 'pass --force to replace it',
      });
    }
  }
  for (const f of files) mkdirSync(dirname(join(root, f.path)), { recursive: true });
  writeFilesAtomic(files.map((f) => ({ path: join(root, f.path), text: f.text })));
  const nextSteps: string[] = [];
  nextSteps.push(`run \`drydock pin ${options.paths.join(' ')}\` once and commit the pinned digests`);
  if (provider === 'github') {
    nextSteps.push(
      'allow workflows to create pull requests: Settings > Actions > General > "Allow GitHub Actions to create and approve pull requests"',
    );
  } else {
    if (existsSync(join(root, GITLAB_ROOT)) && !files.some((f) => f.path === GITLAB_ROOT)) {
      nextSteps.push(`add to ${GITLAB_ROOT}:  include: [{ local: ${GITLAB_PIPELINE} }]  (stages test and deploy)`);
    }
    nextSteps.push(
      `create a weekly pipeline schedule (CI/CD > Schedules, cron "${options.cron}") with the variable DRYDOCK_UPDATE=1`,
      'add a project access token (api, write_repository) as the masked variable DRYDOCK_GITLAB_TOKEN',
      `pin the job images: drydock pin ${GITLAB_PIPELINE}`,
    );
  }
  return { written: files.map((f) => f.path), nextSteps };
}
