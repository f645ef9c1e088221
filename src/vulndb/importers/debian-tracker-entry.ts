/**
 * One entry of the Debian Security Tracker's `data/{CVE,DSA,DLA}/list`, from either of its two forms:
 * the text lists themselves or Aqua's vuln-list-debian JSON (one file per entry, same fields).
 */
export interface TrackerEntry {
  /** CVE-…, TEMP-…, DSA-…-…, DLA-…-… */
  readonly id: string;
  readonly title?: string;
  /** DSA/DLA date, `YYYY-MM-DD`. */
  readonly date?: string;
  readonly annotations: readonly TrackerAnnotation[];
  /** `{CVE-… DSA-…}` cross-references. */
  readonly xrefs: readonly string[];
}

export interface TrackerAnnotation {
  /** Codename; absent for the unstable (sid) line. */
  readonly release?: string;
  readonly package: string;
  /** fixed, unfixed, no-dsa, not-affected, ignored, postponed, end-of-life, removed, itp… */
  readonly kind: string;
  readonly version?: string;
  /** The parenthesised note of a `<kind>` line ("Minor issue"). */
  readonly description?: string;
  /** unimportant, low, medium, high (from `(bug #1; low)`). */
  readonly severity?: string;
}

/** vuln-list-debian's `{Header: {ID, Description, Original}, Annotations: [...]}`. Undefined when not that shape. */
export function entryFromVulnListJson(value: unknown): TrackerEntry | undefined {
  if (!isObject(value) || !isObject(value.Header)) return undefined;
  const header = value.Header;
  const id = header.ID;
  if (typeof id !== 'string' || id === '') return undefined;
  const annotations: TrackerAnnotation[] = [];
  const xrefs: string[] = [];
  for (const a of Array.isArray(value.Annotations) ? value.Annotations : []) {
    if (!isObject(a)) continue;
    if (a.Type === 'xref' && Array.isArray(a.Bugs)) xrefs.push(...a.Bugs.filter((b) => typeof b === 'string'));
    if (a.Type !== 'package' || typeof a.Package !== 'string' || typeof a.Kind !== 'string') continue;
    annotations.push({
      package: a.Package,
      kind: a.Kind,
      ...(typeof a.Release === 'string' && a.Release !== '' && { release: a.Release }),
      ...(typeof a.Version === 'string' && a.Version !== '' && { version: a.Version }),
      ...(typeof a.Description === 'string' && a.Description !== '' && { description: a.Description }),
      ...(typeof a.Severity === 'string' && a.Severity !== '' && { severity: a.Severity }),
    });
  }
  const original = typeof header.Original === 'string' ? header.Original : '';
  const date = advisoryDate(original);
  const title = typeof header.Description === 'string' ? unbracket(header.Description) : undefined;
  return {
    id,
    annotations,
    xrefs,
    ...(title && { title }),
    ...(date && { date }),
  };
}

const HEADER = /^(?:\[([^\]]+)\]\s+)?((?:CVE|TEMP|DSA|DLA|DTSA|ELA)-[\w-]+)\s*(.*)$/;
// `[bookworm] - glibc 2.36-9+deb12u3`, `- tar <no-dsa> (Minor issue)`, `- zlib 1:1.2.13 (bug #1; low)`
const PACKAGE_LINE = /^(?:\[([\w-]+)\]\s+)?-\s+(\S+)(?:\s+(?:<([\w-]+)>|([^\s(]\S*)))?(?:\s+\((.*)\))?\s*$/;
const SEVERITIES = new Set(['unimportant', 'low', 'medium', 'high']);

/**
 * Parses the tracker's text lists (`data/DSA/list`, `data/DLA/list`, `data/CVE/list`): an unindented
 * header per entry, then tab-indented `{xrefs}`, package lines and NOTE/TODO lines. Lines that fit no
 * form are returned as `problems` (line number and text), never fatal.
 */
export function entriesFromTrackerList(text: string): { entries: TrackerEntry[]; problems: string[] } {
  const entries: TrackerEntry[] = [];
  const problems: string[] = [];
  let current:
    | { id: string; title?: string; date?: string; annotations: TrackerAnnotation[]; xrefs: string[] }
    | undefined;
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      const m = HEADER.exec(line);
      if (!m) {
        problems.push(`line ${index + 1}: unrecognised entry header "${line.slice(0, 80)}"`);
        current = undefined;
        continue;
      }
      const date = m[1] === undefined ? undefined : isoDate(m[1]);
      const title = unbracket((m[3] ?? '').trim().replace(/^\((.*)\)$/, '$1'));
      current = { id: m[2] ?? '', annotations: [], xrefs: [], ...(title && { title }), ...(date && { date }) };
      entries.push(current);
      continue;
    }
    if (!current) continue;
    const body = line.trim();
    if (body.startsWith('{')) {
      current.xrefs.push(...body.replace(/[{}]/g, ' ').split(/\s+/).filter(Boolean));
      continue;
    }
    if (!body.startsWith('-') && !body.startsWith('[')) continue; // NOTE:, TODO:, RESERVED, NOT-FOR-US…
    const m = PACKAGE_LINE.exec(body);
    if (!m || m[2] === undefined) {
      problems.push(`line ${index + 1}: unrecognised package line "${body.slice(0, 80)}"`);
      continue;
    }
    const [, release, pkg, kind, version, note] = m;
    const annotation: TrackerAnnotation = { package: pkg, kind: kind ?? (version ? 'fixed' : 'unfixed') };
    const extra: { release?: string; version?: string; description?: string; severity?: string } = {};
    if (release) extra.release = release;
    if (version) extra.version = version;
    if (note !== undefined) {
      if (kind) extra.description = note;
      const severity = note
        .split(';')
        .map((s) => s.trim())
        .find((s) => SEVERITIES.has(s));
      if (severity) extra.severity = severity;
    }
    current.annotations.push({ ...annotation, ...extra });
  }
  return { entries, problems };
}

/** `[03 Oct 2023] DSA-5514-1 …` → `2023-10-03`. */
function advisoryDate(original: string): string | undefined {
  const m = /^\[([^\]]+)\]/.exec(original);
  return m?.[1] === undefined ? undefined : isoDate(m[1]);
}

function isoDate(text: string): string | undefined {
  const ms = Date.parse(`${text} UTC`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** The CVE list writes its title in brackets: `[buffer overflow in …]`. */
function unbracket(text: string): string | undefined {
  const t = text
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .trim();
  return t === '' ? undefined : t;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
