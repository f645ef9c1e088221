/** Decoding shared by the language catalogers: bad bytes become a warning, not a lost file. */

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Files larger than this are reported and skipped rather than decoded into memory twice. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Decodes UTF-8, stripping a BOM. Invalid sequences are replaced (U+FFFD) so the rest of the
 * file is still read; `valid` tells the caller to warn.
 */
export function decodeUtf8(content: Buffer): { text: string; valid: boolean } {
  try {
    return { text: stripBom(strict.decode(content)), valid: true };
  } catch {
    return { text: stripBom(lenient.decode(content)), valid: false };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The 1-based line of a JSON.parse error, from the `position N` V8 puts in its message. */
export function jsonErrorLine(text: string, error: unknown): number | undefined {
  const m = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  if (!m?.[1]) return undefined;
  const position = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * A language cataloger's file as text: too large → skipped with a warning (undefined); bad UTF-8 →
 * decoded with replacements and a warning. `what` names the file kind in the messages.
 */
export function fileText(
  path: string,
  content: Buffer,
  what: string,
  warnings: { path: string; message: string }[],
): string | undefined {
  if (content.length > MAX_FILE_BYTES) {
    warnings.push({ path, message: `${what} too large (${content.length} bytes), skipped` });
    return undefined;
  }
  const { text, valid } = decodeUtf8(content);
  if (!valid) warnings.push({ path, message: `invalid UTF-8 in ${what} (replaced)` });
  return text;
}
