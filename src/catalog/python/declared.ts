import { parse as parseToml, TomlError } from 'smol-toml';

/** What the python lock parsers return: declared packages and located problems. */

export interface DeclaredPackage {
  readonly name: string;
  readonly version: string;
  /** 1-based line of the declaration, when the format makes it cheap to know. */
  readonly line?: number;
  readonly dev?: boolean;
}

export interface ParseIssue {
  readonly message: string;
  readonly line?: number;
}

/**
 * A file that does not parse yields a located issue and no packages; an entry without a name or
 * version is skipped, the others kept.
 */
export interface LockParse {
  readonly packages: DeclaredPackage[];
  readonly issues: ParseIssue[];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function tomlTables(text: string, issues: ParseIssue[]): Record<string, unknown>[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      issues.push({ line: e.line, message: `invalid TOML: ${e.message.split('\n')[0] ?? ''}` });
    } else {
      issues.push({ message: `invalid TOML: ${e instanceof Error ? e.message : String(e)}` });
    }
    return [];
  }
  const list = doc.package;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    issues.push({ message: '`package` is not an array of tables' });
    return [];
  }
  return list.filter(isRecord);
}
