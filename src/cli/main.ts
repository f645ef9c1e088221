import { Command, CommanderError } from 'commander';
import { DrydockError } from '../core/errors.js';
import { EXIT_ERROR } from '../policy/gate.js';
import { VERSION } from '../version.js';
import { registerAudit } from './commands/audit.js';
import { registerCache } from './commands/cache.js';
import { registerDb } from './commands/db.js';
import { registerImage } from './commands/image.js';
import { registerLint } from './commands/lint.js';
import { registerSbom } from './commands/sbom.js';
import { registerScan } from './commands/scan.js';

/**
 * The CLI: parses argv, runs one command, returns the exit code (0 ok, 1 policy failure,
 * 2 usage or input error). Known errors print one line; anything else is a bug and shows its stack.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // `drydock … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  let exitCode = 0;
  const program = new Command()
    .name('drydock')
    .description('Make container images secure and keep them that way.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText(
      'after',
      `
Examples:
  drydock lint examples/migrate-platform   check Dockerfiles against the security guide
  drydock lint --list-rules                the rule catalogue, with hadolint/Trivy/Dockle aliases`,
    );
  const setExit = (code: number) => {
    exitCode = code;
  };
  registerLint(program, setExit);
  registerAudit(program, setExit);
  registerCache(program, setExit);
  registerImage(program, setExit);
  registerSbom(program, setExit);
  registerScan(program, setExit);
  registerDb(program, setExit);
  (await import('./commands/deps.js')).registerDeps(program, setExit);
  (await import('./commands/k8s.js')).registerK8s(program, setExit);
  (await import('./commands/compose.js')).registerCompose(program, setExit);
  (await import('./commands/ecs.js')).registerEcs(program, setExit);
  (await import('./commands/railway.js')).registerRailway(program, setExit);
  (await import('./commands/generate.js')).registerGenerate(program, setExit);
  await (await import('./commands/pin.js')).registerPinCommands(program, setExit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    if (err instanceof DrydockError) {
      process.stderr.write(`drydock: ${err.toLine()}\n`);
      if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(
      `drydock: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT_ERROR;
  }
}
