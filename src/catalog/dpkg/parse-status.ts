import { endsAbruptly, lastLineNumber, type RawStanza, splitStanzas } from '../stanzas.js';

/**
 * dpkg's database of installed packages: `var/lib/dpkg/status` (every package dpkg knows, one
 * stanza each, with a `Status:` line) and the distroless form `var/lib/dpkg/status.d/<name>` (one
 * or several stanzas per file, usually without `Status:` since only installed packages are
 * written there).
 */

/** One installed binary package as its stanza describes it. */
export interface DpkgEntry {
  readonly name: string;
  /** Full version, epoch included (`1:2.36-9+deb12u4`). */
  readonly version: string;
  readonly arch?: string;
  /** `Source:` name, else the package's own name. */
  readonly sourceName: string;
  /** `Source: name (version)`: the source version, only when it differs from the binary's. */
  readonly sourceVersion?: string;
  /** Bytes (dpkg writes KiB). */
  readonly installedSize?: number;
  readonly maintainer?: string;
  /** 1-based line of the stanza's first line. */
  readonly line: number;
}

export interface ParseIssue {
  readonly line: number;
  readonly message: string;
}

export interface DpkgParseResult {
  readonly entries: DpkgEntry[];
  /** Stanzas of packages that are known but not installed (removed with config files left, etc.). */
  readonly notInstalled: number;
  readonly issues: ParseIssue[];
}

export interface DpkgParseOptions {
  /**
   * A stanza without `Status:` counts as installed (distroless `status.d`, whose writers omit it).
   * Off for `var/lib/dpkg/status`, where dpkg always writes the field.
   */
  readonly missingStatusMeansInstalled: boolean;
}

// dpkg's Status field is `want eflag status` (dpkg-query(1)); these are all the words it writes.
const WANTS = new Set(['unknown', 'install', 'hold', 'deinstall', 'purge']);
const EFLAGS = new Set(['ok', 'reinstreq']);
const STATES = new Set([
  'not-installed',
  'config-files',
  'half-installed',
  'unpacked',
  'half-configured',
  'triggers-awaited',
  'triggers-pending',
  'installed',
]);

/**
 * The fields of one stanza, keyed by lower-cased name (Debian policy: field names are not case
 * sensitive). Continuation lines (starting with a space or tab) join the value with `\n`, one
 * leading blank removed; a lone ` .` stands for an empty line (multi-line Description).
 */
export function parseFields(stanza: RawStanza, issues: ParseIssue[]): Map<string, string> {
  const fields = new Map<string, string>();
  let current: string | undefined;
  let lineNo = stanza.line - 1;
  for (const raw of stanza.text.split('\n')) {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current === undefined) {
        issues.push({ line: lineNo, message: 'continuation line before any field' });
        continue;
      }
      const rest = line.slice(1);
      fields.set(current, `${fields.get(current) ?? ''}\n${rest === '.' ? '' : rest}`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (name === '' || /\s/.test(name)) {
      issues.push({ line: lineNo, message: `not a "Field: value" line: ${JSON.stringify(line.slice(0, 60))}` });
      current = undefined;
      continue;
    }
    const key = name.toLowerCase();
    if (fields.has(key)) {
      // dpkg refuses duplicate fields; keep the first and ignore the repeat's continuation lines.
      issues.push({ line: lineNo, message: `duplicate field ${name}, first one kept` });
      current = undefined;
      continue;
    }
    fields.set(key, line.slice(colon + 1).trim());
    current = key;
  }
  return fields;
}

/** `openssl` or `openssl (3.0.11-1~deb12u2)` → name and version. */
export function parseSourceField(value: string): { name: string; version?: string } | undefined {
  const m = /^(\S+)(?:\s+\(([^()\s]+)\))?\s*$/.exec(value.trim());
  if (!m?.[1]) return undefined;
  return m[2] ? { name: m[1], version: m[2] } : { name: m[1] };
}

/** dpkg writes KiB as a bare integer; some hand-made files add a unit (`4KB`). Result in bytes. */
function parseInstalledSize(value: string): number | undefined {
  const m = /^(\d+)\s*(?:([kKmMgG])i?B?)?$/.exec(value.trim());
  if (!m?.[1]) return undefined;
  const unit = m[2]?.toLowerCase() ?? 'k';
  const factor = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : 1024;
  return Number(m[1]) * factor;
}

type StatusVerdict = { installed: true } | { installed: false; invalid?: string };

function classifyStatus(value: string | undefined, options: DpkgParseOptions): StatusVerdict {
  if (value === undefined) {
    return options.missingStatusMeansInstalled ? { installed: true } : { installed: false, invalid: 'no Status field' };
  }
  const words = value.split(/\s+/);
  const [want, eflag, state] = words;
  if (words.length !== 3 || !WANTS.has(want ?? '') || !EFLAGS.has(eflag ?? '') || !STATES.has(state ?? '')) {
    return { installed: false, invalid: `invalid Status "${value}"` };
  }
  // Only a fully installed package, wanted installed or held, is on disk as its stanza says.
  return (want === 'install' || want === 'hold') && eflag === 'ok' && state === 'installed'
    ? { installed: true }
    : { installed: false };
}

/** Turns one stanza into an entry, or explains (in `issues`) why it is skipped. */
function toEntry(
  stanza: RawStanza,
  options: DpkgParseOptions,
  issues: ParseIssue[],
): DpkgEntry | 'not-installed' | undefined {
  const fields = parseFields(stanza, issues);
  const name = fields.get('package');
  if (!name) {
    issues.push({ line: stanza.line, message: 'stanza without Package, skipped' });
    return undefined;
  }
  if (/\s/.test(name)) {
    issues.push({ line: stanza.line, message: `invalid Package name ${JSON.stringify(name)}, skipped` });
    return undefined;
  }
  const status = classifyStatus(fields.get('status'), options);
  if (!status.installed) {
    if (status.invalid === undefined) return 'not-installed';
    issues.push({ line: stanza.line, message: `${name}: ${status.invalid}, skipped` });
    return undefined;
  }
  const version = fields.get('version');
  if (!version || /\s/.test(version)) {
    issues.push({
      line: stanza.line,
      message: version ? `${name}: invalid Version "${version}", skipped` : `${name}: no Version, skipped`,
    });
    return undefined;
  }
  if (stanza.latin1) {
    issues.push({ line: stanza.line, message: `${name}: stanza is not valid UTF-8, read as latin1` });
  }
  let sourceName = name;
  let sourceVersion: string | undefined;
  const sourceField = fields.get('source');
  if (sourceField) {
    const source = parseSourceField(sourceField);
    if (source) {
      sourceName = source.name;
      if (source.version && source.version !== version) sourceVersion = source.version;
    } else {
      issues.push({ line: stanza.line, message: `${name}: unreadable Source "${sourceField}", package name used` });
    }
  }
  const arch = fields.get('architecture');
  const maintainer = fields.get('maintainer');
  const sizeField = fields.get('installed-size');
  const installedSize = sizeField === undefined ? undefined : parseInstalledSize(sizeField);
  if (sizeField !== undefined && installedSize === undefined) {
    issues.push({ line: stanza.line, message: `${name}: unreadable Installed-Size "${sizeField}"` });
  }
  return {
    name,
    version,
    sourceName,
    line: stanza.line,
    ...(arch ? { arch } : {}),
    ...(sourceVersion ? { sourceVersion } : {}),
    ...(installedSize !== undefined ? { installedSize } : {}),
    ...(maintainer ? { maintainer } : {}),
  };
}

/**
 * Every installed package of one status file, in file order, in a single pass. Malformed stanzas
 * become issues and are skipped; the rest are kept.
 */
export function parseDpkgStatus(content: Buffer, options: DpkgParseOptions): DpkgParseResult {
  const entries: DpkgEntry[] = [];
  const issues: ParseIssue[] = [];
  let notInstalled = 0;
  for (const stanza of splitStanzas(content)) {
    const entry = toEntry(stanza, options, issues);
    if (entry === 'not-installed') notInstalled++;
    else if (entry) entries.push(entry);
  }
  if (endsAbruptly(content)) {
    issues.push({
      line: lastLineNumber(content),
      message: 'file does not end with a newline: last stanza may be truncated',
    });
  }
  return { entries, notInstalled, issues };
}

/** `var/lib/dpkg/info/<pkg>.list`: one absolute path per line; returned as image paths (no leading slash). */
export function parseFileList(content: Buffer): string[] {
  const out: string[] = [];
  for (const raw of content.toString('utf8').split('\n')) {
    const path = raw.replace(/\r$/, '').replace(/^\/+/, '');
    // `/.` is the root itself, listed by every package.
    if (path === '' || path === '.') continue;
    out.push(path);
  }
  return out;
}
