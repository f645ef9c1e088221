import { Command, CommanderError } from 'commander';
import { DrydockError } from '../core/errors.js';
import { EXIT_ERROR } from '../policy/gate.js';
import { VERSION } from '../version.js';

type Register = (program: Command, setExit: (code: number) => void) => void;

/**
 * Every command, by name, with the module that defines it. Only the module of the command being run
 * is loaded (a process that checks Kubernetes files never loads the Dockerfile rules or the vulnerability
 * matcher); `--help` and unknown names load them all. Adding a command = one entry here.
 */
const COMMANDS: readonly { readonly name: string; readonly load: () => Promise<Register> }[] = [
  { name: 'lint', load: async () => (await import('./commands/lint.js')).registerLint },
  { name: 'fix', load: async () => (await import('./commands/fix.js')).registerFix },
  { name: 'audit', load: async () => (await import('./commands/audit.js')).registerAudit },
  { name: 'image', load: async () => (await import('./commands/image.js')).registerImage },
  { name: 'sbom', load: async () => (await import('./commands/sbom.js')).registerSbom },
  { name: 'scan', load: async () => (await import('./commands/scan.js')).registerScan },
  { name: 'verify', load: async () => (await import('./commands/verify.js')).registerVerify },
  { name: 'db', load: async () => (await import('./commands/db.js')).registerDb },
  { name: 'cache', load: async () => (await import('./commands/cache.js')).registerCache },
  { name: 'deps', load: async () => (await import('./commands/deps.js')).registerDeps },
  { name: 'k8s', load: async () => (await import('./commands/k8s.js')).registerK8s },
  { name: 'compose', load: async () => (await import('./commands/compose.js')).registerCompose },
  { name: 'ecs', load: async () => (await import('./commands/ecs.js')).registerEcs },
  { name: 'railway', load: async () => (await import('./commands/railway.js')).registerRailway },
  { name: 'generate', load: async () => (await import('./commands/generate.js')).registerGenerate },
  { name: 'pin', load: async () => (await import('./commands/pin.js')).registerPin },
  { name: 'update', load: async () => (await import('./commands/update.js')).registerUpdate },
  { name: 'init', load: async () => (await import('./commands/init.js')).registerInit },
];

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
  // The first word is the command (drydock has no global options besides --help/--version).
  const named = COMMANDS.find((c) => c.name === argv[0]);
  for (const command of named ? [named] : COMMANDS) (await command.load())(program, setExit);
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
