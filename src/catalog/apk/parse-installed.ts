import { endsAbruptly, lastLineNumber, splitStanzas } from '../stanzas.js';

/**
 * apk's database of installed packages, `lib/apk/db/installed`: blank-line separated stanzas of
 * `X:value` lines, one letter per field (apk-tools `doc/apk-v2.5`, "installed database"). Repeated
 * letters are meaningful: `F:` opens a directory, the `R:` lines after it are files in it (with
 * `a:`/`Z:` for their mode and checksum).
 */

export interface ApkEntry {
  /** `P:` */
  readonly name: string;
  /** `V:` (`1.1.24-r2`) */
  readonly version: string;
  /** `A:` */
  readonly arch?: string;
  /** `o:` the origin (source) package, else the package's own name. */
  readonly origin: string;
  /** `L:` as written (an SPDX expression or space-separated names). */
  readonly license?: string;
  /** `m:` */
  readonly maintainer?: string;
  /** `I:` installed size in bytes. */
  readonly installedSize?: number;
  /** `F:`/`R:` pairs as image paths, only when asked for. */
  readonly files?: string[];
  readonly line: number;
}

export interface ApkParseIssue {
  readonly line: number;
  readonly message: string;
}

export interface ApkParseOptions {
  readonly fileLists?: boolean;
}

/** Every package of one `installed` file in one pass; malformed stanzas become issues and are skipped. */
export function parseApkInstalled(
  content: Buffer,
  options: ApkParseOptions = {},
): { entries: ApkEntry[]; issues: ApkParseIssue[] } {
  const entries: ApkEntry[] = [];
  const issues: ApkParseIssue[] = [];
  for (const stanza of splitStanzas(content)) {
    // Fields apk writes once per package: the first wins, a repeat is reported.
    const single = new Map<string, string>();
    const files: string[] = [];
    let dir = '';
    let lineNo = stanza.line - 1;
    for (const raw of stanza.text.split('\n')) {
      lineNo++;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line === '') continue;
      if (line.length < 2 || line[1] !== ':') {
        issues.push({ line: lineNo, message: `not a "X:value" line: ${JSON.stringify(line.slice(0, 60))}` });
        continue;
      }
      const key = line[0] ?? '';
      const value = line.slice(2);
      if (key === 'F') {
        dir = value.replace(/^\/+|\/+$/g, '');
      } else if (key === 'R') {
        if (options.fileLists) files.push(dir === '' ? value : `${dir}/${value}`);
      } else if ('PVAoLmI'.includes(key)) {
        if (single.has(key)) issues.push({ line: lineNo, message: `duplicate ${key}: field, first one kept` });
        else single.set(key, value.trim());
      }
    }
    const name = single.get('P');
    if (!name) {
      issues.push({ line: stanza.line, message: 'stanza without P: (package name), skipped' });
      continue;
    }
    const version = single.get('V');
    if (!version) {
      issues.push({ line: stanza.line, message: `${name}: no V: (version), skipped` });
      continue;
    }
    if (stanza.latin1)
      issues.push({ line: stanza.line, message: `${name}: stanza is not valid UTF-8, read as latin1` });
    const arch = single.get('A');
    const license = single.get('L');
    const maintainer = single.get('m');
    const size = single.get('I');
    const installedSize = size !== undefined && /^\d+$/.test(size) ? Number(size) : undefined;
    if (size !== undefined && installedSize === undefined) {
      issues.push({ line: stanza.line, message: `${name}: unreadable I: (installed size) "${size}"` });
    }
    entries.push({
      name,
      version,
      origin: single.get('o') || name,
      line: stanza.line,
      ...(arch ? { arch } : {}),
      ...(license ? { license } : {}),
      ...(maintainer ? { maintainer } : {}),
      ...(installedSize !== undefined ? { installedSize } : {}),
      ...(options.fileLists ? { files } : {}),
    });
  }
  if (endsAbruptly(content)) {
    issues.push({
      line: lastLineNumber(content),
      message: 'file does not end with a newline: last stanza may be truncated',
    });
  }
  return { entries, issues };
}
