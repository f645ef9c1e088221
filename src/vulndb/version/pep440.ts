import { compare, explain, clean as pep440Clean, validRange } from '@renovatebot/pep440';
import { DrydockError } from '../../core/errors.js';
import type { VersionComparer } from '../types.js';

/**
 * PEP 440 versions (PyPI). Parsing, normalisation and ordering come from @renovatebot/pep440, which passes
 * pypa/packaging's version tables. Its specifier matching does not (it fails 21 of packaging's 188
 * `test_specifiers` cases: wildcard padding, `<`/`>` next to pre-releases and local versions), so the
 * operators are applied here, following PEP 440 and packaging's `Specifier` on top of the library's parse.
 */

// packaging's Version() ignores surrounding whitespace; the library's explain() does not.
const explainTrimmed = (v: string): ReturnType<typeof explain> => explain(v.trim());

export const pep440Comparer: VersionComparer = {
  ecosystem: 'pypi',
  compare: (a, b) => {
    for (const v of [a, b]) {
      if (explainTrimmed(v) === null) throw new DrydockError('parse', `invalid PEP 440 version '${v}'`);
    }
    return Math.sign(compare(a.trim(), b.trim()));
  },
  valid: (v) => explainTrimmed(v) !== null,
};

/** The normalised form (`1.0-DEV` -> `1.0.dev0`), or undefined when the string is not a PEP 440 version. */
export function normalizePep440(version: string): string | undefined {
  return pep440Clean(version) ?? undefined;
}

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(.*?)\s*$/;

interface Parsed {
  /** The candidate as given, for comparisons that keep the local label. */
  readonly text: string;
  readonly epoch: number;
  readonly release: readonly number[];
  readonly public: string;
  readonly base: string;
  readonly isPre: boolean;
  readonly isPost: boolean;
  readonly local: string | null;
}

function parse(v: string): Parsed | undefined {
  const e = explainTrimmed(v);
  if (e === null) return undefined;
  return {
    text: v.trim(),
    epoch: e.epoch,
    release: e.release,
    public: e.public,
    base: e.base_version,
    // packaging's is_prerelease counts dev releases too; the library's does the same.
    isPre: e.is_prerelease,
    isPost: e.is_postrelease,
    local: e.local,
  };
}

const cmp = (a: string, b: string): number => Math.sign(compare(a, b));

/** `==X.*`: same epoch, and the release padded with zeros starts with X's release. */
function prefixMatch(v: Parsed, prefix: Parsed): boolean {
  if (v.epoch !== prefix.epoch) return false;
  return prefix.release.every((n, i) => (v.release[i] ?? 0) === n);
}

function clauseMatches(op: string, specVersion: string, raw: string, v: Parsed): boolean {
  if (op === '==' || op === '!=') {
    let equal: boolean;
    if (specVersion.endsWith('.*')) {
      const prefix = parse(specVersion.slice(0, -2));
      if (prefix === undefined) throw invalidSpecifier(raw);
      equal = prefixMatch(v, prefix);
    } else {
      const spec = parse(specVersion);
      if (spec === undefined) throw invalidSpecifier(raw);
      // A specifier without a local label ignores the candidate's local label.
      equal = cmp(spec.local === null ? v.public : v.text, specVersion) === 0;
    }
    return op === '==' ? equal : !equal;
  }
  const spec = parse(specVersion);
  if (spec === undefined) throw invalidSpecifier(raw);
  const order = cmp(v.public, specVersion);
  switch (op) {
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
    case '<':
      // `<V` excludes pre-releases of V itself unless V is a pre-release.
      return order < 0 && !(!spec.isPre && v.isPre && cmp(v.base, spec.base) === 0);
    case '>':
      // `>V` excludes post-releases of V itself unless V is a post-release.
      return order > 0 && !(!spec.isPost && v.isPost && cmp(v.base, spec.base) === 0);
    case '~=': {
      const prefix = parse(spec.release.slice(0, -1).join('.'));
      return order >= 0 && prefix !== undefined && prefixMatch(v, { ...prefix, epoch: spec.epoch });
    }
    default:
      throw invalidSpecifier(raw);
  }
}

function invalidSpecifier(spec: string): DrydockError {
  return new DrydockError('parse', `invalid PEP 440 specifier '${spec}'`);
}

/**
 * Does `version` satisfy every clause of `specifier` (`>=1.0,<2.0`, `~=2.2`, `==1.4.*`, `===foo`)?
 * Pre-releases are always eligible: for vulnerability ranges an installed pre-release must still match,
 * which is packaging's `contains(version, prereleases=True)`. An invalid version matches nothing but `===`;
 * an invalid specifier throws.
 */
export function satisfiesPep440(version: string, specifier: string): boolean {
  const clauses = specifier.trim() === '' ? [] : specifier.split(',');
  const parsedClauses = clauses.map((c) => {
    const m = CLAUSE.exec(c);
    if (m === null) throw invalidSpecifier(specifier);
    const op = m[1] as string;
    const value = m[2] as string;
    // `===` takes any string; the rest must be a specifier the library accepts (no local with </>, `.*` only
    // after a plain release with == or !=, ~= with two release components).
    if (op !== '===') {
      if (!validRange(`${op}${value}`)) throw invalidSpecifier(specifier);
      if (value.endsWith('.*') && !/^(\d+!)?\d+(\.\d+)*\.\*$/.test(value)) throw invalidSpecifier(specifier);
    }
    return { op, value };
  });
  const v = parse(version);
  return parsedClauses.every(({ op, value }) => {
    // Arbitrary equality is a case-insensitive string match, valid version or not.
    if (op === '===') return version.trim().toLowerCase() === value.toLowerCase();
    return v !== undefined && clauseMatches(op, value, specifier, v);
  });
}
