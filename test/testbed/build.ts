#!/usr/bin/env -S npx tsx
/**
 * Prebuilds the cached test images (the tests build them on first use anyway):
 *   npx tsx test/testbed/build.ts        # prints the cache dir and the digests as JSON
 * Cache: $DRYDOCK_TESTBED_DIR, else $XDG_CACHE_HOME/drydock-testbed, else ~/.cache/drydock-testbed.
 */
import { TestbedUnavailableError } from './exec.js';
import { ensureTestImages } from './images.js';

const started = Date.now();
try {
  const images = await ensureTestImages();
  process.stderr.write(
    `testbed ${images.built ? 'built' : 'cached'} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${images.dir}\n`,
  );
  process.stdout.write(`${JSON.stringify(images, null, 2)}\n`);
} catch (e) {
  if (!(e instanceof TestbedUnavailableError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 2;
}
