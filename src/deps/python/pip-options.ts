import type { MappedText } from '../mapped-text.js';

/**
 * The option half of a requirements-file line, read as pip reads it: `shlex.split` (POSIX rules), then
 * optparse with the options pip allows in requirement files (`req_file.SUPPORTED_OPTIONS` and
 * `SUPPORTED_OPTIONS_REQ`), unique long-option prefixes included, with optparse's error messages.
 */

interface OptionSpec {
  readonly names: readonly string[];
  readonly dest: OptionDest;
  readonly takesValue: boolean;
}

export type OptionDest =
  | 'index_url'
  | 'extra_index_urls'
  | 'no_index'
  | 'constraints'
  | 'requirements'
  | 'editables'
  | 'find_links'
  | 'format_control'
  | 'prefer_binary'
  | 'require_hashes'
  | 'pre'
  | 'trusted_hosts'
  | 'features_enabled'
  | 'global_options'
  | 'hashes'
  | 'config_settings';

const OPTIONS: readonly OptionSpec[] = [
  { names: ['-i', '--index-url', '--pypi-url'], dest: 'index_url', takesValue: true },
  { names: ['--extra-index-url'], dest: 'extra_index_urls', takesValue: true },
  { names: ['--no-index'], dest: 'no_index', takesValue: false },
  { names: ['-c', '--constraint'], dest: 'constraints', takesValue: true },
  { names: ['-r', '--requirement'], dest: 'requirements', takesValue: true },
  { names: ['-e', '--editable'], dest: 'editables', takesValue: true },
  { names: ['-f', '--find-links'], dest: 'find_links', takesValue: true },
  { names: ['--no-binary'], dest: 'format_control', takesValue: true },
  { names: ['--only-binary'], dest: 'format_control', takesValue: true },
  { names: ['--prefer-binary'], dest: 'prefer_binary', takesValue: false },
  { names: ['--require-hashes'], dest: 'require_hashes', takesValue: false },
  { names: ['--pre'], dest: 'pre', takesValue: false },
  { names: ['--trusted-host'], dest: 'trusted_hosts', takesValue: true },
  { names: ['--use-feature'], dest: 'features_enabled', takesValue: true },
  // Per-requirement options.
  { names: ['--global-option'], dest: 'global_options', takesValue: true },
  { names: ['--hash'], dest: 'hashes', takesValue: true },
  { names: ['-C', '--config-settings'], dest: 'config_settings', takesValue: true },
];

const LONG_NAMES = OPTIONS.flatMap((o) => o.names.filter((n) => n.startsWith('--')));

/** pip's `STRONG_HASHES`: the only algorithms `--hash` accepts. */
export const STRONG_HASHES = ['sha256', 'sha384', 'sha512'] as const;

/** One option occurrence: its name as matched, its value and where the value is in the line. */
export interface OptionValue {
  readonly option: string;
  readonly dest: OptionDest;
  readonly value: string;
  /** Indices of the value in the mapped text; absent for flags. */
  readonly valueStart?: number;
  readonly valueEnd?: number;
  /** The token(s) of the option and its value. */
  readonly start: number;
  readonly end: number;
}

export class OptionError extends Error {
  constructor(
    message: string,
    readonly start: number,
  ) {
    super(message);
    this.name = 'OptionError';
  }
}

interface ShellToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Quotes or escapes changed the text, so it is not the file's characters one for one. */
  readonly literal: boolean;
}

/** `shlex.split(s)` in POSIX mode (no comments), with where each word is. */
export function shlexSplit(s: string, base = 0): ShellToken[] {
  const tokens: ShellToken[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
    if (i >= s.length) break;
    const start = i;
    let text = '';
    let literal = true;
    while (i < s.length && !/\s/.test(s[i] ?? '')) {
      const c = s[i] as string;
      if (c === "'") {
        const close = s.indexOf("'", i + 1);
        if (close === -1) throw new OptionError('No closing quotation', base + i);
        text += s.slice(i + 1, close);
        literal = false;
        i = close + 1;
      } else if (c === '"') {
        literal = false;
        i++;
        for (;;) {
          if (i >= s.length) throw new OptionError('No closing quotation', base + start);
          const d = s[i] as string;
          if (d === '"') {
            i++;
            break;
          }
          if (d === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) {
            text += s[i + 1];
            i += 2;
            continue;
          }
          text += d;
          i++;
        }
      } else if (c === '\\') {
        if (i + 1 >= s.length) throw new OptionError('No escaped character', base + i);
        text += s[i + 1];
        literal = false;
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    tokens.push({ text, start: base + start, end: base + i, literal });
  }
  return tokens;
}

function matchLong(name: string): OptionSpec {
  const exact = OPTIONS.find((o) => o.names.includes(name));
  if (exact) return exact;
  const candidates = LONG_NAMES.filter((n) => n.startsWith(name));
  if (candidates.length === 1) {
    const spec = OPTIONS.find((o) => o.names.includes(candidates[0] ?? ''));
    if (spec) return spec;
  }
  if (candidates.length > 1) throw new Error(`ambiguous option: ${name} (${candidates.join(', ')}?)`);
  throw new Error(`no such option: ${name}`);
}

/**
 * Parses the options string (`line.slice(optionsStart)`) of a requirements line. Values keep their
 * indices in `line` when they are the line's own characters (unquoted), so a fix can find them.
 */
export function parsePipOptions(line: MappedText, optionsStart: number): OptionValue[] {
  const text = line.text.slice(optionsStart);
  const tokens = shlexSplit(text, optionsStart);
  const out: OptionValue[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as ShellToken;
    const fail = (message: string): never => {
      throw new OptionError(message, token.start);
    };
    const word = token.text;
    if (word === '--') break; // the rest are arguments, which pip ignores
    let spec: OptionSpec;
    let inlineValue: { value: string; start: number } | undefined;
    let name: string;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      name = eq === -1 ? word : word.slice(0, eq);
      try {
        spec = matchLong(name);
      } catch (e) {
        return fail((e as Error).message);
      }
      if (eq !== -1) {
        if (!spec.takesValue) fail(`${name} option does not take a value`);
        inlineValue = { value: word.slice(eq + 1), start: token.start + eq + 1 };
      }
    } else if (word.startsWith('-') && word.length > 1) {
      name = word.slice(0, 2);
      const found = OPTIONS.find((o) => o.names.includes(name));
      if (!found) return fail(`no such option: ${name}`);
      spec = found;
      if (word.length > 2) inlineValue = { value: word.slice(2), start: token.start + 2 };
    } else {
      continue; // a stray argument: optparse collects it and pip ignores it
    }
    // The long name, as optparse matched it (`--index` → `--index-url`, `-i` → `--index-url`).
    const canonical = word.startsWith('--')
      ? (LONG_NAMES.find((n) => n === name) ??
        LONG_NAMES.find((n) => n.startsWith(name) && spec.names.includes(n)) ??
        name)
      : (spec.names.find((n) => n.startsWith('--')) ?? name);
    if (!spec.takesValue) {
      out.push({ option: canonical, dest: spec.dest, value: '', start: token.start, end: token.end });
      continue;
    }
    let value: string;
    let valueStart: number | undefined;
    let valueEnd: number | undefined;
    let end = token.end;
    if (inlineValue) {
      value = inlineValue.value;
      if (token.literal) {
        valueStart = inlineValue.start;
        valueEnd = token.end;
      }
    } else {
      const next = tokens[k + 1];
      if (!next) return fail(`${name} option requires 1 argument`);
      k++;
      value = next.text;
      end = next.end;
      if (next.literal) {
        valueStart = next.start;
        valueEnd = next.end;
      }
    }
    checkValue(spec, canonical, value, fail);
    out.push({
      option: canonical,
      dest: spec.dest,
      value,
      start: token.start,
      end,
      ...(valueStart !== undefined && valueEnd !== undefined ? { valueStart, valueEnd } : {}),
    });
  }
  return out;
}

/** The callbacks pip attaches to some options (`_handle_merge_hash`, `_handle_config_settings`). */
function checkValue(spec: OptionSpec, option: string, value: string, fail: (message: string) => never): void {
  if (spec.dest === 'hashes') {
    const colon = value.indexOf(':');
    if (colon === -1) {
      fail(`Arguments to ${option} must be a hash name followed by a value, like --hash=sha256:abcde...`);
    }
    const algorithm = value.slice(0, colon);
    if (!(STRONG_HASHES as readonly string[]).includes(algorithm)) {
      fail(`Allowed hash algorithms for ${option} are ${STRONG_HASHES.join(', ')}.`);
    }
  }
  if (spec.dest === 'config_settings' && !value.includes('=')) {
    fail(`Arguments to ${option} must be of the form KEY=VAL`);
  }
}
