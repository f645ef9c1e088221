import type { Fix } from '../core/finding.js';
import { type OptionGrammar, type ParsedOptions, parseOptions } from './parse/command-options.js';
import type { Dockerfile, Instruction, Stage } from './parse/dockerfile.js';
import type { ShellCommand, ShellScript, ShellWord } from './parse/shell.js';

/**
 * Option grammars and predicates for the package managers and tools rules look for. Knowing which
 * options take a value keeps `apt-get -o APT::Get::Assume-Yes=true` from reading as `-y`.
 */
export const APT_GET: OptionGrammar = {
  valuedShort: 'octa',
  valuedLong: ['option', 'config-file', 'target-release', 'default-release', 'host-architecture'],
};
export const APT: OptionGrammar = APT_GET;
export const APK: OptionGrammar = {
  valuedShort: 'Xpt',
  valuedLong: [
    'repository',
    'root',
    'arch',
    'keys-dir',
    'repositories-file',
    'cache-dir',
    'virtual',
    'cache-max-age',
    'timeout',
  ],
};
export const YUM: OptionGrammar = {
  valuedShort: 'cdexR',
  valuedLong: [
    'config',
    'setopt',
    'enablerepo',
    'disablerepo',
    'exclude',
    'installroot',
    'releasever',
    'repo',
    'repoid',
    'downloaddir',
    'destdir',
    'color',
  ],
};
export const ZYPPER: OptionGrammar = {
  valuedShort: 'RDct',
  valuedLong: ['root', 'reposd-dir', 'cache-dir', 'config', 'type', 'repo', 'from'],
};

/** zypper subcommands (long and short forms) that download packages, and so prompt and fill the cache. */
export const ZYPPER_PACKAGE_SUBCOMMANDS: readonly string[] = [
  'install',
  'in',
  'remove',
  'rm',
  'update',
  'up',
  'patch',
  'dist-upgrade',
  'dup',
  'source-install',
  'si',
  'install-new-recommends',
  'inr',
];
export const PIP: OptionGrammar = {
  valuedShort: 'rcetifb',
  valuedLong: [
    'requirement',
    'constraint',
    'editable',
    'target',
    'index-url',
    'extra-index-url',
    'find-links',
    'prefix',
    'root',
    'src',
    'upgrade-strategy',
    'platform',
    'python-version',
    'implementation',
    'abi',
    'progress-bar',
    'cache-dir',
    'trusted-host',
    'log',
    'timeout',
    'retries',
    'proxy',
    'cert',
    'client-cert',
    'no-binary',
    'only-binary',
    'config-settings',
    'global-option',
    'report',
    'python',
    'root-user-action',
    'build',
    'exists-action',
    'keyring-provider',
    'log-file',
    'use-feature',
    'use-deprecated',
    'group',
  ],
};

export function options(cmd: ShellCommand, grammar: OptionGrammar): ParsedOptions {
  return parseOptions(cmd, grammar);
}

/** First positional argument: `apt-get -q install x` → `install`. */
export function subcommand(cmd: ShellCommand, grammar: OptionGrammar): ShellWord | undefined {
  return parseOptions(cmd, grammar).positionals[0];
}

export function isCommand(
  cmd: ShellCommand,
  name: string,
  sub?: string | readonly string[],
  grammar: OptionGrammar = {},
): boolean {
  if (cmd.name !== name) return false;
  if (sub === undefined) return true;
  const actual = subcommand(cmd, grammar)?.value;
  return actual !== undefined && (typeof sub === 'string' ? actual === sub : sub.includes(actual));
}

export const isAptGet = (cmd: ShellCommand, sub?: string | readonly string[]): boolean =>
  isCommand(cmd, 'apt-get', sub, APT_GET);
export const isApt = (cmd: ShellCommand, sub?: string | readonly string[]): boolean => isCommand(cmd, 'apt', sub, APT);
/** apt-get or apt (both update the same lists and caches). */
export const isAptFamily = (cmd: ShellCommand, sub?: string | readonly string[]): boolean =>
  isAptGet(cmd, sub) || isApt(cmd, sub);
export const isApk = (cmd: ShellCommand, sub?: string | readonly string[]): boolean => isCommand(cmd, 'apk', sub, APK);

/** `pip install`, `pip3 install`, `pip3.11 install`, `python -m pip install`, `python3 -m pip install`. */
export function pipInvocation(cmd: ShellCommand): { sub: string | undefined; args: readonly ShellWord[] } | undefined {
  if (/^pip(\d+(\.\d+)?)?$/.test(cmd.name)) {
    return { sub: parseOptions(cmd, PIP).positionals[0]?.value, args: cmd.args };
  }
  if (/^python(\d+(\.\d+)?)?$/.test(cmd.name)) {
    const m = cmd.args.findIndex((a) => a.value === '-m');
    if (m !== -1 && cmd.args[m + 1]?.value === 'pip') {
      const rest = cmd.args.slice(m + 2);
      const fake: ShellCommand = { ...cmd, args: rest };
      return { sub: parseOptions(fake, PIP).positionals[0]?.value, args: rest };
    }
  }
  return undefined;
}

/** Commands of a script matching a predicate. */
export function findCommands(script: ShellScript, predicate: (cmd: ShellCommand) => boolean): ShellCommand[] {
  return script.commands.filter(predicate);
}

/** `rm -rf /var/lib/apt/lists/*` and equivalents (`rm -fr`, `-r -f`, trailing slash forms). */
export function removesPath(cmd: ShellCommand, pathPattern: RegExp): boolean {
  if (cmd.name !== 'rm') return false;
  return parseOptions(cmd, {}).positionals.some((w) => pathPattern.test(w.value));
}

// ---------------------------------------------------------------------------------------------
// Package-manager predicates shared by the DD30xx rules.

export const APTITUDE: OptionGrammar = {
  valuedShort: 'otFwS',
  valuedLong: ['option', 'target-release', 'display-format', 'width', 'sort'],
};
export const DNF: OptionGrammar = YUM;
export const MICRODNF: OptionGrammar = {
  valuedLong: [
    'config',
    'setopt',
    'enablerepo',
    'disablerepo',
    'releasever',
    'installroot',
    'repo',
    'repoid',
    'exclude',
  ],
};
export const PIPX: OptionGrammar = {
  valuedLong: ['python', 'suffix', 'pip-args', 'index-url', 'spec', 'preinstall', 'backend'],
};

export const isAptitude = (cmd: ShellCommand, sub?: string | readonly string[]): boolean =>
  isCommand(cmd, 'aptitude', sub, APTITUDE);

/** apt/apt-get subcommands that read the package lists an `update` wrote. */
export const APT_LIST_READERS: readonly string[] = [
  'install',
  'reinstall',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'safe-upgrade',
  'build-dep',
  'source',
  'download',
  'satisfy',
];

/** apt-get, apt or aptitude: all three read and write /var/lib/apt/lists. */
export const isAptLike = (cmd: ShellCommand, sub?: string | readonly string[]): boolean =>
  isAptFamily(cmd, sub) || isAptitude(cmd, sub);
export const isYum = (cmd: ShellCommand, sub?: string | readonly string[]): boolean => isCommand(cmd, 'yum', sub, YUM);
export const isDnf = (cmd: ShellCommand, sub?: string | readonly string[]): boolean =>
  isCommand(cmd, 'dnf', sub, DNF) || isCommand(cmd, 'dnf5', sub, DNF);
export const isMicrodnf = (cmd: ShellCommand, sub?: string | readonly string[]): boolean =>
  isCommand(cmd, 'microdnf', sub, MICRODNF);
export const isZypper = (cmd: ShellCommand, sub?: string | readonly string[]): boolean =>
  isCommand(cmd, 'zypper', sub, ZYPPER);

/** The grammar of a package manager command, by its effective name. */
export function grammarOf(cmd: ShellCommand): OptionGrammar {
  switch (cmd.name) {
    case 'apt-get':
    case 'apt':
      return APT_GET;
    case 'aptitude':
      return APTITUDE;
    case 'apk':
      return APK;
    case 'yum':
    case 'dnf':
    case 'dnf5':
      return YUM;
    case 'microdnf':
      return MICRODNF;
    case 'zypper':
      return ZYPPER;
    default:
      return {};
  }
}

/**
 * apt-get answers its own prompts: `-y`/`--yes`/`--assume-yes` (also inside `-qy`),
 * `-o APT::Get::Assume-Yes=true`, quiet level 2 (`-qq`, `-q -q`, `-q=2`, `--quiet=2`, which
 * implies -y per apt-get(8)), or `yes |` piped in.
 */
export function aptAssumesYes(cmd: ShellCommand, script?: ShellScript): boolean {
  const opts = parseOptions(cmd, APT_GET);
  if (opts.flags.has('y') || opts.flags.has('yes') || opts.flags.has('assume-yes')) return true;
  if (optionValues(cmd, APT_GET, ['o', 'option']).some((v) => /^APT::Get::Assume-Yes=(true|1|yes)$/i.test(v))) {
    return true;
  }
  if (aptQuietLevel(cmd) >= 2) return true;
  if (script && cmd.pipeline !== -1 && cmd.pipelineIndex > 0) {
    const before = script.commands.find(
      (c) => c.pipeline === cmd.pipeline && c.pipelineIndex === cmd.pipelineIndex - 1,
    );
    if (before?.name === 'yes') return true;
  }
  return false;
}

/** Every value given to one of the named valued options, repeats included. */
export function optionValues(cmd: ShellCommand, grammar: OptionGrammar, names: readonly string[]): string[] {
  return parseOptions(cmd, grammar)
    .occurrences.filter((o) => o.value !== undefined && names.includes(o.name))
    .map((o) => o.value ?? '');
}

/** apt's quiet level: each `-q`/`--quiet` adds one; `-q=N`/`--quiet=N` sets it. */
export function aptQuietLevel(cmd: ShellCommand): number {
  let level = 0;
  for (const o of parseOptions(cmd, APT_GET).occurrences) {
    if (o.name !== 'q' && o.name !== 'quiet') continue;
    level = o.value !== undefined && /^\d+$/.test(o.value) ? Number(o.value) : level + 1;
  }
  return level;
}

/** A RUN `--mount` flag, read as BuildKit does (`type` defaults to bind, `dst`/`destination` = `target`). */
export interface RunMount {
  readonly type: string;
  readonly target: string;
}

export function runMounts(instr: Instruction): RunMount[] {
  const out: RunMount[] = [];
  for (const flag of instr.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    let type = 'bind';
    let target = '';
    for (const part of flag.value.split(',')) {
      const eq = part.indexOf('=');
      const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
      const value = eq === -1 ? '' : part.slice(eq + 1).trim();
      if (key === 'type') type = value.toLowerCase();
      else if (key === 'target' || key === 'dst' || key === 'destination') target = value;
    }
    out.push({ type, target: target.replace(/\/+$/, '') || '/' });
  }
  return out;
}

/** The RUN keeps `dir` out of the image with a cache or tmpfs mount on it or on a parent of it. */
export function mountsOver(instr: Instruction, dir: string): boolean {
  const wanted = dir.replace(/\/+$/, '');
  return runMounts(instr).some(
    (m) =>
      (m.type === 'cache' || m.type === 'tmpfs') &&
      (m.target === wanted || wanted.startsWith(m.target === '/' ? '/' : `${m.target}/`)),
  );
}

/** `rm` removing a path under one of `dirs` (`rm -rf /var/cache/yum/*`, `rm -fr /var/cache/yum`). */
export function removesUnder(cmd: ShellCommand, dirs: readonly string[]): boolean {
  if (cmd.name !== 'rm') return false;
  return parseOptions(cmd, {}).positionals.some((w) =>
    dirs.some((d) => {
      const p = w.value.replace(/\/+\*?$/, '');
      return p === d || p.startsWith(`${d}/`) || w.value.startsWith(`${d}/`);
    }),
  );
}

/** Variable assignments written before a command (`PIP_NO_CACHE_DIR=1 pip …`, `env A=1 pip …`). */
export function prefixAssignments(file: Dockerfile, cmd: ShellCommand): Map<string, string> {
  const out = new Map<string, string>();
  // The model drops assignments from ShellCommand; they sit between the command's start and its name.
  const prefix = file.text({ start: cmd.span.start, end: cmd.nameWord.span.start });
  for (const m of prefix.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)) {
    if (m[1]) out.set(m[1], unquote(m[2] ?? ''));
  }
  return out;
}

/** `export NAME=value` anywhere in the RUN (tree-sitter parses export as a declaration, not a command). */
export function exportedVariables(script: ShellScript): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of script.text.matchAll(/(?:^|[\s;&|({])export\s+((?:-\w+\s+)*)([^;&|\n)]*)/g)) {
    for (const a of (m[2] ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)) {
      if (a[1]) out.set(a[1], unquote(a[2] ?? ''));
    }
  }
  return out;
}

/** ENV values visible to an instruction: its stage's earlier ENVs and those of the stages it builds on. */
export function envBefore(file: Dockerfile, instr: Instruction): Map<string, string> {
  const chain: Stage[] = [];
  for (let s = instr.stage; s; s = s.baseStage) chain.unshift(s);
  const out = new Map<string, string>();
  if (!instr.stage) {
    // A fragment without FROM (editor buffers, peers' test snippets): earlier top-level ENVs apply.
    for (const i of file.instructions) {
      if (i.index >= instr.index) break;
      if (i.keyword === 'ENV') for (const [k, v] of envPairs(i)) out.set(k, v);
    }
    return out;
  }
  for (const stage of chain) {
    for (const i of stage.instructions) {
      if (stage === instr.stage && i.index >= instr.index) break;
      if (i.keyword !== 'ENV') continue;
      for (const [k, v] of envPairs(i)) out.set(k, v);
    }
  }
  return out;
}

/** `ENV A=1 B="x y"` or the legacy `ENV A 1`. */
export function envPairs(instr: Instruction): [string, string][] {
  const args = instr.args;
  const first = args[0]?.value ?? '';
  if (args.length >= 1 && !first.includes('=')) {
    return [
      [
        first,
        unquote(
          args
            .slice(1)
            .map((a) => a.value)
            .join(' '),
        ),
      ],
    ];
  }
  return args.flatMap((a) => {
    const eq = a.value.indexOf('=');
    return eq === -1 ? [] : [[a.value.slice(0, eq), unquote(a.value.slice(eq + 1))] as [string, string]];
  });
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

/**
 * The last command of a script matching `isInstall` that no later `isCleanup` command follows
 * (`dnf install a && dnf clean all && dnf install b` leaves `dnf install b`).
 */
export function lastUncleaned(
  script: ShellScript,
  isInstall: (cmd: ShellCommand) => boolean,
  isCleanup: (cmd: ShellCommand) => boolean,
): ShellCommand | undefined {
  let pending: ShellCommand | undefined;
  for (const cmd of script.commands) {
    if (isInstall(cmd)) pending = cmd;
    else if (pending && isCleanup(cmd)) pending = undefined;
  }
  return pending;
}

/** `pip install` → the `install` word (also after `python -m pip`), for inserting options after it. */
export function pipSubcommandWord(cmd: ShellCommand): ShellWord | undefined {
  return pipOptions(cmd)?.positionals[0];
}

/**
 * Where a shell-form RUN's script ends in the file, for appending `&& more`: undefined for exec form,
 * heredocs, parse errors and endings where appending would change the meaning (`&`, a trailing
 * comment or continuation). `separator` is what to write before the appended command.
 */
export function runScriptEnd(file: Dockerfile, run: Instruction): { at: number; separator: string } | undefined {
  if (run.json || run.heredocs.length > 0 || file.shell(run).hasError) return undefined;
  const text = file.text(run.argsSpan);
  const trimmed = text.replace(/\s+$/, '');
  if (trimmed === '') return undefined;
  const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  if (/^\s*#/.test(lastLine) || /[\\&|#]$/.test(trimmed) || trimmed.endsWith(file.escape)) return undefined;
  const at = run.argsSpan.start + trimmed.length;
  return { at, separator: trimmed.endsWith(';') ? ' ' : ' && ' };
}

/** `sudo ` when the command ran under sudo/doas, so an added command gets the same privileges. */
export function privilegePrefix(cmd: ShellCommand): string {
  const wrapper = cmd.wrappers.find((w) => w === 'sudo' || w === 'doas');
  return wrapper ? `${wrapper} ` : '';
}

/** A fix appending `command` to the end of a shell-form RUN (see runScriptEnd); undefined where unsafe. */
export function appendToRun(file: Dockerfile, run: Instruction, command: string, description: string): Fix | undefined {
  const end = runScriptEnd(file, run);
  if (!end) return undefined;
  return { description, edits: [{ span: { start: end.at, end: end.at }, text: `${end.separator}${command}` }] };
}

/**
 * `yum clean all`, `dnf clean -y all`, `microdnf clean all` by one of `tools`
 * (`clean metadata` alone leaves the downloaded packages).
 */
export function isCleanAll(cmd: ShellCommand, tools: readonly ('yum' | 'dnf' | 'microdnf')[]): boolean {
  const matches = tools.some((t) =>
    t === 'yum' ? isYum(cmd, 'clean') : t === 'dnf' ? isDnf(cmd, 'clean') : isMicrodnf(cmd, 'clean'),
  );
  if (!matches) return false;
  return parseOptions(cmd, grammarOf(cmd)).positionals.some((w, i) => i > 0 && w.value === 'all');
}

/** Options of a pip invocation (after `-m pip` for `python -m pip`), or undefined when it is not pip. */
export function pipOptions(cmd: ShellCommand): ParsedOptions | undefined {
  const inv = pipInvocation(cmd);
  return inv ? parseOptions({ ...cmd, args: inv.args }, PIP) : undefined;
}

/** How to name a pip invocation in a message: `pip3`, `python3 -m pip`. */
export function pipLabel(cmd: ShellCommand): string {
  return cmd.name.startsWith('pip') ? cmd.name : `${cmd.name} -m pip`;
}
