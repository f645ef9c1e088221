/**
 * Blank-line separated control stanzas (deb822 / RFC 822 style, also apk's `installed`), split in
 * one linear pass over the file's bytes. Only one stanza is decoded to a string at a time, so a
 * 100 MB status file never becomes one giant string or line array.
 *
 * Encoding: each stanza is decoded as UTF-8; a stanza that is not valid UTF-8 is decoded as latin1
 * instead (`latin1: true`). latin1 maps every byte to one code point, so nothing is lost or
 * replaced, the ASCII fields that identify a package (name, version, arch) come out unchanged,
 * and only the human fields (Maintainer, Description) may show mojibake. Callers warn about it.
 */

export interface RawStanza {
  readonly text: string;
  /** 1-based line number of the stanza's first line. */
  readonly line: number;
  /** The bytes were not valid UTF-8 and were decoded as latin1. */
  readonly latin1: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const LF = 0x0a;

/** A line of only spaces, tabs and CR separates stanzas (Debian policy §5.1 lets parsers accept it). */
function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}

function decode(buf: Buffer, start: number, end: number, line: number): RawStanza {
  const bytes = buf.subarray(start, end);
  try {
    return { text: utf8.decode(bytes), line, latin1: false };
  } catch {
    return { text: bytes.toString('latin1'), line, latin1: true };
  }
}

/** Yields each non-empty stanza; an empty trailing stanza (extra blank lines at the end) yields nothing. */
export function* splitStanzas(content: Buffer): Generator<RawStanza> {
  let pos = 0;
  let line = 1;
  let start = -1;
  let startLine = 0;
  // A UTF-8 byte order mark is not part of the first field name.
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) pos = 3;
  while (pos < content.length) {
    const nl = content.indexOf(LF, pos);
    const end = nl === -1 ? content.length : nl;
    if (isBlank(content, pos, end)) {
      if (start !== -1) {
        yield decode(content, start, pos, startLine);
        start = -1;
      }
    } else if (start === -1) {
      start = pos;
      startLine = line;
    }
    pos = end + 1;
    line++;
  }
  if (start !== -1) yield decode(content, start, content.length, startLine);
}

/** True when a non-empty file does not end with a newline: the writer was probably cut off. */
export function endsAbruptly(content: Buffer): boolean {
  return content.length > 0 && content[content.length - 1] !== LF;
}

/** Number of lines in a file (for the line number of a warning about its end). */
export function lastLineNumber(content: Buffer): number {
  let n = 1;
  let pos = content.indexOf(LF);
  while (pos !== -1 && pos < content.length - 1) {
    n++;
    pos = content.indexOf(LF, pos + 1);
  }
  return n;
}
