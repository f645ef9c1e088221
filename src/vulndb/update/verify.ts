import { readFileSync } from 'node:fs';
import type * as Yauzl from 'yauzl';
import { errorMessage } from '../../core/errors.js';
import { lazyModule } from '../../core/lazy-module.js';
import { looksLikeSecdb } from '../importers/alpine-secdb.js';
import { looksLikeTrackerJson } from '../importers/debian-tracker-json.js';
import type { FeedFileKind } from './feeds.js';

const yauzl = lazyModule<typeof Yauzl>('yauzl');

/**
 * Checks a downloaded file before it replaces the cached copy: a zip whose central directory reads
 * and lists records, or JSON that parses and has the feed's shape. A captive portal's HTML page, a
 * truncated body or a changed upstream format stops here, and the previous copy (and the database
 * rows built from it) stay. Returns why the file is unusable, or undefined.
 */
export async function verifyFeedFile(path: string, kind: FeedFileKind): Promise<string | undefined> {
  if (kind === 'osv-zip') return verifyZip(path);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return `not JSON (${errorMessage(err)})`;
  }
  if (kind === 'tracker-json' && !looksLikeTrackerJson(value)) return 'JSON is not in the Debian tracker format';
  if (kind === 'secdb-json' && !looksLikeSecdb(value)) return 'JSON is not in the Alpine secdb format';
  return undefined;
}

/** Reads the whole central directory (not the records: the importer inflates each one anyway). */
async function verifyZip(path: string): Promise<string | undefined> {
  let zip: Yauzl.ZipFile | undefined;
  try {
    zip = await yauzl().openPromise(path, { lazyEntries: true, autoClose: false });
    let records = 0;
    for await (const entry of zip.eachEntry()) if (/\.json$/i.test(entry.fileName)) records++;
    return records === 0 ? 'zip holds no .json records' : undefined;
  } catch (err) {
    return `not a readable zip (${errorMessage(err)})`;
  } finally {
    zip?.close();
  }
}
