import type { DeclaredPackage, ParseIssue } from './declared.js';

/**
 * pip requirements files. Only exact pins (`name==1.2.3`, `name===1.2.3`) name a version, so only
 * they become packages; ranges, URLs, paths and editables are declared but unresolved and are
 * skipped. Options lines (`-r other.txt`, `-c`, `--index-url`…) are skipped without following
 * them: an image's other files are not this file's business.
 */

/** PEP 508 name: letters/digits with `.`, `-`, `_` inside. */
const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;
/** A version clause: operator then version (PEP 440 operators). */
const CLAUSE = /^(===|==|~=|!=|<=|>=|<|>)\s*([^\s,]+)$/;

export function parseRequirements(text: string): { packages: DeclaredPackage[]; issues: ParseIssue[] } {
  const packages: DeclaredPackage[] = [];
  const issues: ParseIssue[] = [];
  const seen = new Set<string>();
  for (const { text: logical, line } of logicalLines(text)) {
    const stripped = stripComment(logical).trim();
    if (stripped === '' || stripped.startsWith('-')) continue; // blank, or an option (-r, -c, -e, --hash…)
    // Per-requirement options (`--hash=sha256:…`, `--config-settings`) follow the requirement.
    const requirement = stripped.replace(/\s--?[A-Za-z].*$/, '').trim();
    if (isUrlOrPath(requirement)) continue;
    const m = REQUIREMENT.exec(requirement);
    if (!m?.[1]) {
      issues.push({ line, message: `unrecognised requirement: ${truncate(requirement)}` });
      continue;
    }
    const name = m[1];
    let rest = m[3] ?? '';
    const semicolon = rest.indexOf(';');
    if (semicolon !== -1) rest = rest.slice(0, semicolon); // environment marker
    rest = rest.trim();
    if (rest.startsWith('@')) continue; // `name @ https://…`: a direct reference, no version
    if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1).trim(); // legacy `name (==1.0)`
    if (rest === '') continue; // unpinned
    const clauses = rest.split(',').map((c) => c.trim());
    const parsed = clauses.map((c) => CLAUSE.exec(c));
    if (parsed.some((p) => p === null)) {
      issues.push({ line, message: `unrecognised version specifier for ${name}: ${truncate(rest)}` });
      continue;
    }
    const pins = parsed.filter((p) => p?.[1] === '==' || p?.[1] === '===');
    // One exact clause pins the version (other clauses only agree or contradict it); `==1.*` is a
    // prefix match, not a pin.
    const pin = pins.length === 1 ? pins[0]?.[2] : undefined;
    if (!pin || (pins[0]?.[1] === '==' && pin.includes('*'))) continue;
    const key = `${name.toLowerCase()}@${pin}`;
    if (seen.has(key)) continue;
    seen.add(key);
    packages.push({ name, version: pin, line });
  }
  return { packages, issues };
}

/** Joins `\`-continued lines (pip does this before anything else), keeping the first line number. */
function* logicalLines(text: string): Generator<{ text: string; line: number }> {
  const lines = text.split(/\r?\n/);
  let buffer = '';
  let start = 0;
  for (const [i, raw] of lines.entries()) {
    if (buffer === '') start = i + 1;
    if (raw.endsWith('\\') && !/(^|\s)#/.test(raw)) {
      buffer += `${raw.slice(0, -1)} `;
      continue;
    }
    buffer += raw;
    yield { text: buffer, line: start };
    buffer = '';
  }
  if (buffer !== '') yield { text: buffer, line: start };
}

/** pip's rule: `#` starts a comment at the line start or after whitespace (not inside a URL fragment). */
function stripComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, '');
}

function isUrlOrPath(requirement: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(requirement) || /^[./~]/.test(requirement) || requirement.includes('://');
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
