import { readFileSync } from 'node:fs';

/** Manifests larger than this are not dependency lists a person maintains; they are refused. */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ManifestReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestReadError';
  }
}

/**
 * A manifest's text, decoded as pip's `auto_decode` does for the cases that occur: a UTF-8, UTF-16 LE or
 * UTF-16 BE byte-order mark, else UTF-8. Throws ManifestReadError (one line, no path) or the fs error.
 */
export function readManifestText(path: string): string {
  const bytes = readFileSync(path);
  if (bytes.length > MAX_MANIFEST_BYTES) throw new ManifestReadError(`too large (${bytes.length} bytes)`);
  return decodeManifest(bytes);
}

export function decodeManifest(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    const text = utf8.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new ManifestReadError('not UTF-8 text');
  }
}
