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
  /** Values of valued options, by name (the last one when repeated). */
  readonly values: ReadonlyMap<string, string>;
  /** Every option in order, repeats included (`-q -q`, several `-o`). */
  readonly occurrences: readonly { readonly name: string; readonly value?: string }[];
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
  const occurrences: { name: string; value?: string }[] = [];
  const valuedShort = grammar.valuedShort ?? '';
  const valuedLong = new Set(grammar.valuedLong ?? []);
  const note = (name: string, value: string | undefined) => {
    flags.add(name);
    if (value !== undefined) values.set(name, value);
    occurrences.push(value === undefined ? { name } : { name, value });
  };
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
      let value: string | undefined;
      if (eq !== -1) value = v.slice(eq + 1);
      else if (valuedLong.has(name)) value = args[++i]?.value ?? '';
      note(name, value);
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const letter = v[k] ?? '';
      // `-q=2` (apt, many getopt_long tools): the rest after `=` is this option's value.
      if (v[k + 1] === '=') {
        note(letter, v.slice(k + 2));
        break;
      }
      if (valuedShort.includes(letter)) {
        const rest = v.slice(k + 1);
        note(letter, rest.length > 0 ? rest : (args[++i]?.value ?? ''));
        break;
      }
      note(letter, undefined);
    }
  }
  return { flags, values, positionals, occurrences };
}

/** True when any of the given short letters or long names is present. */
export function hasAnyOption(parsed: ParsedOptions, names: readonly string[]): boolean {
  return names.some((n) => parsed.flags.has(n));
}
