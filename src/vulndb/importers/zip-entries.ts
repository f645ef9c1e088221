import type { Readable } from 'node:stream';
import type * as Yauzl from 'yauzl';
import { lazyModule } from '../../core/lazy-module.js';

const yauzl = lazyModule<typeof Yauzl>('yauzl');

/**
 * The files of a zip archive whose name passes `wanted`, one at a time (OSV's per-ecosystem `all.zip`
 * is a few hundred MB of JSON: never all in memory at once).
 */
export async function* zipEntries(
  path: string,
  wanted: (name: string) => boolean,
): AsyncGenerator<{ readonly name: string; readonly data: Buffer }> {
  const zip = await yauzl().openPromise(path, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || !wanted(entry.fileName)) continue;
      const stream = await zip.openReadStreamPromise(entry);
      yield { name: entry.fileName, data: await readAll(stream) };
    }
  } finally {
    zip.close();
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
