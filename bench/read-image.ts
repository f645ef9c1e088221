// The image-read step the catalogers will do, as a whole process for bench/image.ts to time:
//   node read-image.mjs DIST_SOURCES_INDEX_JS TARGET
// opens TARGET with drydock's built code (dist/, so no TypeScript runtime is measured), walks the
// final filesystem once, buffering only var/lib/dpkg/status and every *.dist-info/METADATA, and
// prints the counts as JSON. bench/image.ts strips the types of this file into a .mjs first.
import { pathToFileURL } from 'node:url';

type SourcesModule = typeof import('../src/sources/index.js');

const [distIndex, target] = process.argv.slice(2);
if (distIndex === undefined || target === undefined) {
  process.stderr.write('usage: read-image.mjs DIST_SOURCES_INDEX_JS TARGET\n');
  process.exit(2);
}
const { openSource, fileViewOf } = (await import(pathToFileURL(distIndex).href)) as SourcesModule;

const DPKG_STATUS = 'var/lib/dpkg/status';
const METADATA = /\.dist-info\/METADATA$/;

const source = await openSource(target);
const image = await source.resolve();
let entries = 0;
let dpkgPackages = 0;
let distInfo = 0;
const python: string[] = [];
await fileViewOf(source, image).walk(
  (e) => e.type === 'file' && (e.path === DPKG_STATUS || METADATA.test(e.path)),
  (e, content) => {
    entries++;
    if (content === undefined) return;
    const text = content.toString('utf8');
    if (e.path === DPKG_STATUS) {
      // Installed packages only, as Trivy lists them (removed-but-configured ones stay out).
      for (const stanza of text.split(/\n\n+/)) {
        if (/^Package: /m.test(stanza) && /^Status: .* installed$/m.test(stanza)) dpkgPackages++;
      }
    } else {
      distInfo++;
      const name = /^Name: (.+)$/m.exec(text)?.[1];
      const version = /^Version: (.+)$/m.exec(text)?.[1];
      python.push(`${name}@${version}`);
    }
  },
);
process.stdout.write(
  `${JSON.stringify({ target, layers: image.layers.length, entries, dpkgPackages, distInfo, python })}\n`,
);
