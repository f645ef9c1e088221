import { type OptionGrammar, type ParsedOptions, parseOptions } from './parse/command-options.js';
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
export const PIP: OptionGrammar = {
  valuedShort: 'rceti',
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
