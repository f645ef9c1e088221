import { explain } from '@renovatebot/pep440';

/**
 * Poetry version constraints (`^4.2`, `~1.2.3`, `1.2.*`, `>=1.0,<2.0`, `>=1.0 <2.0 || ^3.0`, `4.2.7`)
 * translated to PEP 440 specifier sets, as poetry-core's `parse_constraint` reads them: `||` (or `|`)
 * separates alternatives, `,` or whitespace separates clauses; a bare version is an exact pin.
 */

export interface PoetryConstraint {
  /** PEP 440 specifier sets, any of which may hold ('' = any version). */
  readonly alternatives: readonly string[];
  /** The exact version, when the constraint is one. */
  readonly exact?: string;
}

export class PoetryConstraintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoetryConstraintError';
  }
}

function release(version: string): number[] {
  const e = explain(version);
  if (!e) throw new PoetryConstraintError(`invalid version '${version}'`);
  return [...e.release];
}

/** `^1.2.3` → `>=1.2.3,<2.0.0`: the left-most non-zero component may not change. */
function caret(version: string): string {
  const parts = release(version);
  const idx = parts.findIndex((n) => n !== 0);
  const bumpAt = idx === -1 ? parts.length - 1 : idx;
  const upper = parts.slice(0, bumpAt + 1).map((n, i) => (i === bumpAt ? n + 1 : n));
  while (upper.length < parts.length) upper.push(0);
  return `>=${version},<${upper.join('.')}`;
}

/** `~1.2.3` → `>=1.2.3,<1.3.0`; `~1` → `>=1,<2`. */
function tilde(version: string): string {
  const parts = release(version);
  const bumpAt = parts.length === 1 ? 0 : 1;
  const upper = parts.slice(0, bumpAt + 1).map((n, i) => (i === bumpAt ? n + 1 : n));
  return `>=${version},<${upper.join('.')}`;
}

function clause(raw: string): { spec: string; exact?: string } {
  const c = raw.trim();
  if (c === '*' || c === '') return { spec: '' };
  if (c.startsWith('^')) return { spec: caret(c.slice(1).trim()) };
  if (c.startsWith('~=')) return { spec: `~=${c.slice(2).trim()}` };
  if (c.startsWith('~')) return { spec: tilde(c.slice(1).trim()) };
  const m = /^(===|==|!=|<=|>=|<|>|=)?\s*(.+)$/.exec(c);
  if (!m?.[2]) throw new PoetryConstraintError(`cannot read constraint '${c}'`);
  const op = m[1] === undefined || m[1] === '=' ? '==' : m[1];
  const version = m[2].trim();
  if (version === '*') return { spec: '' };
  if (/\.\*$/.test(version) && op !== '==' && op !== '!=') {
    throw new PoetryConstraintError(`a wildcard needs == or != in '${c}'`);
  }
  if (!/\.\*$/.test(version) && op !== '===' && !explain(version)) {
    throw new PoetryConstraintError(`invalid version '${version}'`);
  }
  const exact = op === '==' && !version.endsWith('.*') ? version : op === '===' ? version : undefined;
  return exact !== undefined ? { spec: `${op}${version}`, exact } : { spec: `${op}${version}` };
}

export function parsePoetryConstraint(text: string): PoetryConstraint {
  const alternatives: string[] = [];
  let exact: string | undefined;
  const groups = text.split(/\|\|?/);
  for (const group of groups) {
    // Clauses are separated by commas or whitespace; an operator may be followed by spaces (`>= 1.2`).
    const words = group
      .replace(/(===|==|!=|<=|>=|~=|<|>|=|\^|~)\s+/g, '$1')
      .split(/[,\s]+/)
      .filter((w) => w !== '');
    const specs = words.map(clause);
    if (groups.length === 1 && specs.length === 1 && specs[0]?.exact !== undefined) exact = specs[0].exact;
    alternatives.push(
      specs
        .map((s) => s.spec)
        .filter((s) => s !== '')
        .join(','),
    );
  }
  return exact !== undefined ? { alternatives, exact } : { alternatives };
}
