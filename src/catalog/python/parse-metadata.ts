/**
 * Core metadata of an installed distribution (`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, or a
 * legacy `*.egg-info` file): RFC 822 headers, continuation lines starting with whitespace, a blank
 * line, then the description body (ignored: it may hold anything, including `Name:` lines).
 */

export interface PythonMetadata {
  readonly name?: string;
  readonly version?: string;
  readonly licenses: readonly string[];
  /** Header lines that were neither `Key: value` nor a continuation (1-based). */
  readonly badLines: readonly number[];
}

/** The headers, each key lowercased, values in file order (Classifier repeats). */
export function parseHeaders(text: string): { headers: Map<string, string[]>; badLines: number[] } {
  const headers = new Map<string, string[]>();
  const badLines: number[] = [];
  let current: { key: string; index: number } | undefined;
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') break; // end of headers; the body follows
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!current) {
        badLines.push(i + 1);
        continue;
      }
      const values = headers.get(current.key);
      if (values) values[current.index] = `${values[current.index] ?? ''}\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      badLines.push(i + 1);
      current = undefined;
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    let values = headers.get(key);
    if (!values) {
      values = [];
      headers.set(key, values);
    }
    values.push(value);
    current = { key, index: values.length - 1 };
  }
  return { headers, badLines };
}

export function parsePythonMetadata(text: string): PythonMetadata {
  const { headers, badLines } = parseHeaders(text);
  const first = (key: string) => {
    const v = headers.get(key)?.[0]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const name = first('name');
  const version = first('version');
  return {
    ...(name !== undefined ? { name } : {}),
    ...(version !== undefined ? { version } : {}),
    licenses: licensesOf(headers),
    badLines,
  };
}

/** Some projects paste the whole license text into `License:`; that is not a license name. */
const MAX_LICENSE_FIELD = 120;

/**
 * The declared license, most precise source first (Syft's order): the PEP 639 SPDX expression,
 * then a short `License:` field, then the trove classifiers (`License :: OSI Approved :: MIT
 * License` → `MIT License`).
 */
function licensesOf(headers: Map<string, string[]>): string[] {
  const expression = headers.get('license-expression')?.[0]?.trim();
  if (expression) return [expression];
  const field = headers.get('license')?.[0]?.trim();
  if (field && !field.includes('\n') && field.length <= MAX_LICENSE_FIELD && field.toUpperCase() !== 'UNKNOWN') {
    return [field];
  }
  const out: string[] = [];
  for (const classifier of headers.get('classifier') ?? []) {
    const parts = classifier.split('::').map((p) => p.trim());
    if (parts[0] !== 'License' || parts.length < 2) continue;
    const last = parts[parts.length - 1] ?? '';
    // `License :: OSI Approved` alone names no license.
    if (parts.length === 2 && last === 'OSI Approved') continue;
    if (last !== '' && !out.includes(last)) out.push(last);
  }
  return out;
}
