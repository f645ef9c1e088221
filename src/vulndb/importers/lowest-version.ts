const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/**
 * The lowest of several fixed versions, for the advisory's "upgrade to" hint only. Importers have no
 * ecosystem comparer (that is the matcher's job, which decides from the ranges); a numeric-aware text
 * order gets `1.10 > 1.9` and `2.36-9+deb12u3 < 2.36-9+deb12u10` right, which is all a hint needs.
 */
export function lowestVersion(versions: Iterable<string>): string | undefined {
  let lowest: string | undefined;
  for (const v of versions) if (lowest === undefined || collator.compare(v, lowest) < 0) lowest = v;
  return lowest;
}
