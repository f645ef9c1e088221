import type { Command } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { EXIT_OK } from '../../policy/gate.js';
import { VERSION } from '../../version.js';

interface InitCiFlags {
  github?: boolean;
  gitlab?: boolean;
  dir: string;
  force?: boolean;
  dockerfile: string;
  context: string;
  budget: string;
  paths?: string[];
  cron: string;
  nodeVersion: string;
}

/** `drydock init ci --github|--gitlab`: the weekly update pipeline and a scan on every push. */
export function registerInit(program: Command, setExit: (code: number) => void): void {
  const init = program.command('init').description('Set drydock up in a repository');
  init
    .command('ci')
    .description('Write CI pipelines: a weekly base-image update with a pull request, and a scan on every push')
    .option('--github', 'GitHub Actions workflows (.github/workflows/drydock-update.yml, drydock-scan.yml)')
    .option('--gitlab', 'a GitLab CI pipeline (.gitlab/drydock.gitlab-ci.yml, included from .gitlab-ci.yml)')
    .option('--dir <dir>', 'the repository root', '.')
    .option('--force', 'replace files that already exist')
    .option('--dockerfile <file>', 'the Dockerfile to rebuild and scan', 'Dockerfile')
    .option('--context <dir>', 'the build context', '.')
    .option('--budget <budget>', 'vulnerability budget for drydock scan --max', 'critical=0,high=9')
    .option('--paths <paths...>', 'what drydock update and pin --check look at (default: .)')
    .option('--cron <expr>', 'weekly schedule (UTC)', '17 3 * * 1')
    .option('--node-version <major>', 'Node.js version for the drydock steps', '20')
    .addHelpText(
      'after',
      `
Every action is pinned by commit SHA; the pull request comes from peter-evans/create-pull-request
(GitHub) or the merge request API (GitLab). Existing files are never overwritten without --force.

Examples:
  drydock init ci --github
  drydock init ci --gitlab --dockerfile docker/Dockerfile --context docker --budget critical=0,high=5`,
    )
    .action(async (flags: InitCiFlags) => {
      if (flags.github === flags.gitlab) {
        throw new DrydockError('usage', 'choose one of --github or --gitlab');
      }
      const [{ parseBudget }, { initCi }] = await Promise.all([
        import('../../policy/budget.js'),
        import('../../ci-templates/init-ci.js'),
      ]);
      parseBudget(flags.budget, '--budget');
      if (flags.cron.trim().split(/\s+/).length !== 5) {
        throw new DrydockError('usage', `--cron must have five fields (got "${flags.cron}")`);
      }
      const result = initCi(
        flags.dir,
        flags.github ? 'github' : 'gitlab',
        {
          dockerfile: flags.dockerfile,
          context: flags.context,
          budget: flags.budget,
          paths: flags.paths && flags.paths.length > 0 ? flags.paths : ['.'],
          cron: flags.cron,
          drydockVersion: VERSION,
          nodeVersion: flags.nodeVersion,
        },
        flags.force ?? false,
      );
      for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
      process.stdout.write(`\nNext:\n${result.nextSteps.map((s) => `  - ${s}`).join('\n')}\n`);
      setExit(EXIT_OK);
    });
}
