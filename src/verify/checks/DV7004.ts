import { basename } from '../../core/posix-path.js';
import type { FileEntry, ImageConfig } from '../../sources/types.js';
import { accountsOf, contextUser, describeUser, isAccountFile, permits } from '../accounts.js';
import { type CheckContext, type VerifyCheck, withoutConfig } from '../check.js';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);
/** Words a `sh -c` script may start with that are not programs to look up. */
const SHELL_WORDS = new Set([
  'exec',
  'cd',
  '.',
  'source',
  'export',
  'set',
  'if',
  'for',
  'while',
  'case',
  '[',
  'test',
  'echo',
  'true',
  ':',
  'eval',
  'trap',
  'ulimit',
  'umask',
  '{',
  '(',
]);
const SCRIPT_BYTES = 64 * 1024;

/** What the runtime would exec: the program, and for `sh -c SCRIPT` the script's first command. */
export function programsOf(config: ImageConfig): string[] {
  const c = config.config;
  const argv = c?.Entrypoint && c.Entrypoint.length > 0 ? [...c.Entrypoint, ...(c.Cmd ?? [])] : [...(c?.Cmd ?? [])];
  const program = argv[0];
  if (program === undefined) return [];
  const out = [program];
  if (SHELLS.has(basename(program)) && argv[1] === '-c' && argv[2]) {
    const words = argv[2].trim().split(/\s+/);
    let i = 0;
    while (i < words.length && (/^[A-Za-z_]\w*=/.test(words[i] ?? '') || words[i] === 'exec')) i++;
    const first = words[i];
    if (first && !first.includes('$') && !SHELL_WORDS.has(first) && !/^[|&;<>(){}'"`]/.test(first)) out.push(first);
  }
  return out;
}

function pathDirs(config: ImageConfig): string[] {
  const env = (config.config?.Env ?? []).find((e) => e.startsWith('PATH='));
  return (env ? env.slice(5) : DEFAULT_PATH).split(':').filter(Boolean);
}

/** Where the runtime finds `program`: itself when it has a slash (against WORKDIR), else each PATH dir in turn. */
function lookup(context: CheckContext, program: string): { path: string; entry: FileEntry } | undefined {
  const cwd = context.config.config?.WorkingDir || '/';
  const candidates = program.includes('/')
    ? [program.startsWith('/') ? program : `${cwd.replace(/\/$/, '')}/${program}`]
    : pathDirs(context.config).map((d) => `${d.replace(/\/$/, '')}/${program}`);
  for (const path of candidates) {
    const entry = context.resolve(path);
    if (entry && (entry.type === 'file' || entry.type === 'hardlink')) return { path, entry };
  }
  return undefined;
}

/** `#!/usr/bin/env python3` → [`/usr/bin/env`, `python3`]; `#!/bin/sh -e` → [`/bin/sh`]. */
export function shebang(content: Buffer | undefined): string[] {
  if (content?.[0] !== 0x23 || content[1] !== 0x21) return [];
  const line = content.subarray(2, Math.min(content.length, 256)).toString('utf8').split('\n')[0]?.trim() ?? '';
  const words = line.split(/\s+/).filter(Boolean);
  const interpreter = words[0];
  if (!interpreter) return [];
  if (basename(interpreter) === 'env') {
    const target = words.slice(1).find((w) => !w.startsWith('-'));
    return target ? [interpreter, target] : [interpreter];
  }
  return [interpreter];
}

export const DV7004: VerifyCheck = {
  meta: {
    id: 'DV7004',
    title: 'The entrypoint exists and the user can execute it',
    severity: 'high',
    section: 'config',
    why: 'An ENTRYPOINT or CMD whose program is missing, not executable by the runtime user, or whose script interpreter is missing only fails when the container starts, in production.',
    fix: 'Use the exec form with a program installed in the image (`CMD ["gunicorn", …]`), `COPY --chmod=755` scripts, and keep their `#!` interpreter in the final stage.',
    aliases: [],
  },
  required(entry, config) {
    if (isAccountFile(entry)) return true;
    if (entry.type !== 'file' || entry.size > SCRIPT_BYTES) return false;
    return programsOf(config).some((p) => basename(p) === basename(entry.path));
  },
  check(context) {
    const none = withoutConfig(context);
    if (none) return none;
    const programs = programsOf(context.config);
    if (programs.length === 0) {
      return {
        status: 'fail',
        evidence: 'no ENTRYPOINT or CMD: nothing to run',
        findings: [{ message: 'no ENTRYPOINT or CMD', field: 'config.Cmd' }],
      };
    }
    const user = contextUser(context);
    const accounts = accountsOf(context.files);
    const field = context.config.config?.Entrypoint?.length ? 'config.Entrypoint' : 'config.Cmd';
    const problems: string[] = [];
    const found: string[] = [];
    const seen = new Set<string>();
    const check = (program: string, role: string): void => {
      // A script naming itself (or a cycle of them) as interpreter is looked at once.
      if (seen.has(program)) return;
      seen.add(program);
      const hit = lookup(context, program);
      if (!hit) {
        problems.push(`${role} ${program} is not in the image${program.includes('/') ? '' : ' (searched PATH)'}`);
        return;
      }
      if (user.uid !== undefined && !permits(hit.entry, user, accounts, 1)) {
        const mode = (hit.entry.mode & 0o7777).toString(8).padStart(4, '0');
        problems.push(
          `${role} ${hit.path} (mode ${mode}, uid ${hit.entry.uid}) is not executable by ${describeUser(user)}`,
        );
        return;
      }
      found.push(hit.path);
      const interpreter = shebang(context.files.get(hit.entry.path));
      if (interpreter[0]) check(interpreter[0], `interpreter of ${hit.path}`);
      if (interpreter[1]) check(interpreter[1], `interpreter of ${hit.path}`);
    };
    programs.forEach((p, i) => {
      check(p, i === 0 ? (field === 'config.Entrypoint' ? 'ENTRYPOINT' : 'CMD') : 'command');
    });
    if (problems.length > 0) {
      return {
        status: 'fail',
        evidence: problems.join('; '),
        findings: problems.map((message) => ({ message, field })),
      };
    }
    const by = user.uid === undefined ? '' : ` by ${describeUser(user)}`;
    return { status: 'pass', evidence: `${found.join(' → ')} executable${by}` };
  },
};
