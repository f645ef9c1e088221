import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT_ERROR, EXIT_OK, EXIT_POLICY } from '../../policy/gate.js';
import { useColor, writeFileAtomic } from '../output.js';
import { parsePlatformFlag } from './image.js';
import { parseConcurrency, printErrors, registryOptions } from './pin.js';

interface UpdateFlags {
  dryRun?: boolean;
  check?: boolean;
  prBody?: string;
  prTitle?: string;
  db?: string;
  vulns: boolean;
  aptUpdates?: boolean;
  platform?: string;
  lockFile?: string;
  format: 'text' | 'json';
  color: boolean;
  insecureRegistry?: string[];
  concurrency?: string;
}

/** `drydock update [PATH…]`: move pinned references to the digest their tag points at now. */
export function registerUpdate(program: Command, setExit: (code: number) => void): void {
  registryOptions(
    program
      .command('update')
      .description('Re-resolve the tags of pinned image references and move only those whose digest changed')
      .argument('[paths...]', 'files or directories to search (default: .)')
      .option('--dry-run', 'print a unified diff of what would change; change nothing')
      .option('--check', 'change nothing; exit 1 when any pinned reference is stale')
      .option(
        '--pr-body <file>',
        'write a pull request body (Markdown): images, tags, old/new digests, vulnerabilities',
      )
      .option('--pr-title <file>', 'write a one-line pull request title')
      .option(
        '--db <file>',
        'vulnerability database for before/after counts (default: the one `drydock db` builds, if present)',
      )
      .option('--no-vulns', 'do not scan the old and new images')
      .option('--apt-updates', "count the security updates the images' own apt sources have pending too (network)")
      .option('--platform <os/arch[/variant]>', 'platform scanned from multi-arch images (default: this host)'),
  )
    .addHelpText(
      'after',
      `
Only the digest of a reference whose tag moved is replaced, in that reference's own text: a file
with two base images keeps the other one's digest. With a database, the old and new digests are
scanned and the PR body shows the counts ("Critical 4 → 0"). drydock.lock, when present, is
updated and gives the age of the old digests.

Examples:
  drydock update                                     update every pinned reference under .
  drydock update --check                             CI: exit 1 when a pinned tag moved
  drydock update --pr-title t.txt --pr-body b.md     for a bot pull request

Exit codes: 0 done (or nothing stale), 1 (--check) something is stale, 2 a file or a registry error
(nothing written).`,
    )
    .action(async (paths: string[], flags: UpdateFlags) => {
      const { updatePaths } = await import('../../pin/pin-paths.js');
      const { renderJson, renderMoves, renderOutcomes } = await import('../../pin/render.js');
      const concurrency = parseConcurrency(flags.concurrency);
      let dbPath = flags.db;
      if (dbPath === undefined && flags.vulns) {
        const { defaultDbPath } = await import('../../vulndb/db.js');
        if (existsSync(defaultDbPath())) dbPath = defaultDbPath();
      }
      const insecureRegistries = flags.insecureRegistry ?? [];
      const run = await updatePaths(paths, {
        insecureRegistries,
        lockPath: flags.lockFile ?? 'drydock.lock',
        write: !flags.dryRun && !flags.check,
        ...(concurrency ? { concurrency } : {}),
        ...((dbPath !== undefined || flags.aptUpdates) && flags.vulns
          ? {
              scan: {
                ...(dbPath !== undefined ? { dbPath } : {}),
                ...(flags.aptUpdates ? { aptUpdates: true } : {}),
                insecureRegistries,
                ...(flags.platform ? { platform: parsePlatformFlag(flags.platform) } : {}),
              },
            }
          : {}),
      });
      if (flags.dryRun && flags.format === 'text') {
        const { unifiedDiff } = await import('../../pin/unified-diff.js');
        process.stdout.write(unifiedDiff(run.plan.files));
      } else if (flags.format === 'json') process.stdout.write(renderJson(run));
      else {
        process.stdout.write(renderOutcomes(run, { color: useColor(flags), verb: 'update' }));
        const moves = renderMoves(run);
        if (moves) process.stdout.write(`\n${moves}`);
        for (const e of run.vulns?.errors ?? []) process.stderr.write(`drydock: warning: not scanned: ${e}\n`);
      }
      printErrors(run, run.written.length > 0);
      const failed = run.plan.errors.length > 0 || run.fileErrors.length > 0;
      if (!failed) {
        if (flags.prTitle) writeFileAtomic(flags.prTitle, `${run.title}\n`);
        if (flags.prBody) writeFileAtomic(flags.prBody, run.body);
      }
      if (failed) setExit(EXIT_ERROR);
      else if (flags.check && run.moves.length > 0) setExit(EXIT_POLICY);
      else setExit(EXIT_OK);
    });
}
