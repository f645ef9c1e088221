/**
 * Substitutes build ARGs in a FROM the way Docker does before the build starts:
 * `$A`, `${A}`, `${A:-default}`, `${A-default}`, `${A:+alt}`, `${A+alt}`.
 */
export interface Expansion {
  readonly value: string;
  /** Some variable had no value, so the result is only known at build time. */
  readonly unresolved: boolean;
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function expandArgs(text: string, args: ReadonlyMap<string, string | undefined>): Expansion {
  let unresolved = false;
  const value = text.replace(VARIABLE, (_match, braced?: string, op?: string, word?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    const current = args.get(name);
    const isSet = current !== undefined;
    const isSetNonEmpty = isSet && current !== '';
    switch (op) {
      case ':-':
        return isSetNonEmpty ? current : expandArgs(word ?? '', args).value;
      case '-':
        return isSet ? current : expandArgs(word ?? '', args).value;
      case ':+':
        return isSetNonEmpty ? expandArgs(word ?? '', args).value : '';
      case '+':
        return isSet ? expandArgs(word ?? '', args).value : '';
      default:
        if (!isSet) unresolved = true;
        return current ?? '';
    }
  });
  return { value, unresolved };
}
