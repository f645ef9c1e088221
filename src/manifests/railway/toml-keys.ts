import type { Span } from '../../core/location.js';

/**
 * Where each key of a TOML file is written. smol-toml returns values without positions, so this
 * reads the text once more, line by line: `[table]` headers, `key = value` and dotted keys, and the
 * keys of one-line inline tables (`build = { builder = "DOCKERFILE" }`). Keys are dotted paths
 * (`build.dockerfilePath`); each maps to the span from the key to the end of its line.
 */
export function locateTomlKeys(text: string): Map<string, Span> {
  const spans = new Map<string, Span>();
  let table: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const content = line.replace(/\r$/, '');
    const end = lineStart + content.replace(/\s*#[^"']*$/, '').trimEnd().length;
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(content);
    if (header) {
      table = splitKey(header[1] ?? '');
      const start = lineStart + (content.length - content.trimStart().length);
      spans.set(table.join('.'), { start, end });
      continue;
    }
    const assignment =
      /^(\s*)((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$/.exec(
        content,
      );
    if (!assignment) continue;
    const keyStart = lineStart + (assignment[1] ?? '').length;
    const path = [...table, ...splitKey(assignment[2] ?? '')];
    spans.set(path.join('.'), { start: keyStart, end });
    const value = assignment[3] ?? '';
    if (value.startsWith('{')) {
      const valueStart = lineStart + content.length - value.length;
      for (const inner of value.matchAll(/([A-Za-z0-9_-]+|"[^"]*")\s*=\s*("[^"]*"|'[^']*'|[^,}]*)/g)) {
        const at = valueStart + (inner.index ?? 0);
        spans.set([...path, unquote(inner[1] ?? '')].join('.'), {
          start: at,
          end: at + (inner[0] ?? '').trimEnd().length,
        });
      }
    }
  }
  return spans;
}

function splitKey(key: string): string[] {
  const parts: string[] = [];
  for (const m of key.matchAll(/"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)/g)) parts.push(m[1] ?? m[2] ?? m[3] ?? '');
  return parts;
}

function unquote(key: string): string {
  return key.replace(/^"(.*)"$/, '$1');
}
