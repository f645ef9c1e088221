/**
 * Substitutes build ARGs in a FROM the way Docker does before the build starts:
 * `$A`, `${A}`, `${A:-default}`, `${A-default}`, `${A:+alt}`, `${A+alt}`, nested defaults included.
 */
export interface Expansion {
  readonly value: string;
  /** Some variable had no value, so the result is only known at build time. */
  readonly unresolved: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expandArgs(text: string, args: ReadonlyMap<string, string | undefined>): Expansion {
  let out = '';
  let unresolved = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = matchingBrace(text, i + 1);
      if (close === -1) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const expanded = expandBraced(body, args);
      out += expanded.value;
      unresolved ||= expanded.unresolved;
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      out += ch;
      i++;
      continue;
    }
    const value = args.get(name);
    if (value === undefined) unresolved = true;
    out += value ?? '';
    i += 1 + name.length;
  }
  return { value: out, unresolved };
}

function expandBraced(body: string, args: ReadonlyMap<string, string | undefined>): Expansion {
  const name = NAME.exec(body)?.[0] ?? '';
  const rest = body.slice(name.length);
  const op = /^(:?[-+])/.exec(rest)?.[1];
  const current = args.get(name);
  const isSet = current !== undefined;
  const nonEmpty = isSet && current !== '';
  const word = () => expandArgs(rest.slice(op?.length ?? 0), args);
  switch (op) {
    case ':-':
      return nonEmpty ? { value: current, unresolved: false } : word();
    case '-':
      return isSet ? { value: current, unresolved: false } : word();
    case ':+':
      return nonEmpty ? word() : { value: '', unresolved: false };
    case '+':
      return isSet ? word() : { value: '', unresolved: false };
    default:
      return { value: current ?? '', unresolved: !isSet };
  }
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '{') depth++;
    else if (text[k] === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}
