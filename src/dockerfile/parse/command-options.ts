import type { ShellCommand, ShellWord } from './shell.js';

/**
 * Reads a command's options the way getopt does: clustered short flags (`-qqy`), long flags with
 * `=value` or a separate value, and `--` ending options. Which options take a value must be known,
 * or `-o Dpkg::Options=yes` would look like it contains `-y`.
 */
export interface OptionGrammar {
  /** Short option letters that take a value (`o` for apt-get's `-o`). */
  readonly valuedShort?: string;
  /** Long option names (without dashes) that take a value. */
  readonly valuedLong?: readonly string[];
}

export interface ParsedOptions {
  /** Short letters and long names seen, without dashes. */
  readonly flags: ReadonlySet<string>;
  /** Values of valued options, by name. */
  readonly values: ReadonlyMap<string, string>;
  readonly positionals: readonly ShellWord[];
}

const cache = new WeakMap<ShellCommand, Map<OptionGrammar, ParsedOptions>>();

export function parseOptions(cmd: ShellCommand, grammar: OptionGrammar = {}): ParsedOptions {
  let byGrammar = cache.get(cmd);
  if (!byGrammar) {
    byGrammar = new Map();
    cache.set(cmd, byGrammar);
  }
  const hit = byGrammar.get(grammar);
  if (hit) return hit;
  const parsed = parseArgs(cmd.args, grammar);
  byGrammar.set(grammar, parsed);
  return parsed;
}

function parseArgs(args: readonly ShellWord[], grammar: OptionGrammar): ParsedOptions {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positionals: ShellWord[] = [];
  const valuedShort = grammar.valuedShort ?? '';
  const valuedLong = new Set(grammar.valuedLong ?? []);
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word) continue;
    const v = word.value;
    if (endOfOptions || !v.startsWith('-') || v === '-' || !word.literal) {
      positionals.push(word);
      continue;
    }
    if (v === '--') {
      endOfOptions = true;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq === -1 ? v.slice(2) : v.slice(2, eq);
      flags.add(name);
      if (eq !== -1) values.set(name, v.slice(eq + 1));
      else if (valuedLong.has(name)) {
        values.set(name, args[i + 1]?.value ?? '');
        i++;
      }
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const letter = v[k] ?? '';
      flags.add(letter);
      if (valuedShort.includes(letter)) {
        const rest = v.slice(k + 1);
        if (rest.length > 0) values.set(letter, rest);
        else {
          values.set(letter, args[i + 1]?.value ?? '');
          i++;
        }
        break;
      }
    }
  }
  return { flags, values, positionals };
}

/** True when any of the given short letters or long names is present. */
export function hasAnyOption(parsed: ParsedOptions, names: readonly string[]): boolean {
  return names.some((n) => parsed.flags.has(n));
}
