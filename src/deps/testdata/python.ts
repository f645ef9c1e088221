import { spawnSync } from 'node:child_process';

/**
 * The Python oracles (pip's requirement-file parser, packaging's Requirement) need python3 with pip and
 * packaging. Without them the oracle tests skip with a reason, unless DRYDOCK_TESTBED_REQUIRED=1 (CI),
 * where a missing oracle is a failure.
 */
export function pythonOracle(modules: readonly string[]): { python?: string; skip?: string } {
  const probe = spawnSync('python3', ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
  if (probe.status === 0) return { python: 'python3' };
  const reason = `python3 with ${modules.join(', ')} not available`;
  if (process.env.DRYDOCK_TESTBED_REQUIRED === '1') throw new Error(`${reason} (DRYDOCK_TESTBED_REQUIRED=1)`);
  return { skip: reason };
}

export function runPython(python: string, args: readonly string[], input?: string): string {
  const r = spawnSync(python, [...args], { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${python} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
