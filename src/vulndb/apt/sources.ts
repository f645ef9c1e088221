import { DrydockError } from '../../core/errors.js';

/**
 * apt sources of an image (`etc/apt/sources.list`, `etc/apt/sources.list.d/*.list` one-line
 * entries and deb822 `*.sources`), and the suites worth checking for pending updates: an image
 * built from `bookworm` alone still gets its fixes from `bookworm-security` and `bookworm-updates`,
 * so those are derived even when the image does not name them.
 */

/** One `deb` repository: an archive root and a suite (dists/<suite>) with its components. */
export interface AptSource {
  /** Archive root, no trailing slash (`http://deb.debian.org/debian`). */
  readonly uri: string;
  readonly suite: string;
  readonly components: readonly string[];
  /** `[arch=amd64]` / `Architectures:` when given; undefined means the native ones. */
  readonly architectures?: readonly string[];
  /** Where the entry came from (`etc/apt/sources.list:1`, `derived from …`, `--apt-source`). */
  readonly origin: string;
}

export interface AptSourcesResult {
  readonly sources: AptSource[];
  /** Lines or files that were skipped, with why (deb-src, flat repositories, malformed lines). */
  readonly warnings: string[];
}

/** The files, image paths without a leading slash, that `readAptSources` looks at. */
export function isAptSourcesPath(path: string): boolean {
  const p = path.replace(/^\/+/, '');
  return p === 'etc/apt/sources.list' || /^etc\/apt\/sources\.list\.d\/[^/]+\.(list|sources)$/.test(p);
}

/**
 * The image's own `deb` sources in apt's reading order: sources.list first, then sources.list.d in
 * file-name order (apt reads the directory sorted).
 */
export function readAptSources(files: ReadonlyMap<string, Buffer>): AptSourcesResult {
  const sources: AptSource[] = [];
  const warnings: string[] = [];
  const paths = [...files.keys()].map((p) => p.replace(/^\/+/, '')).filter(isAptSourcesPath);
  paths.sort((a, b) => (a === 'etc/apt/sources.list' ? -1 : b === 'etc/apt/sources.list' ? 1 : a < b ? -1 : 1));
  for (const path of paths) {
    const buf = files.get(path) ?? files.get(`/${path}`);
    if (buf === undefined) continue;
    const text = buf.toString('utf8');
    const parsed = path.endsWith('.sources') ? parseDeb822Sources(text, path) : parseOneLineSources(text, path);
    sources.push(...parsed.sources);
    warnings.push(...parsed.warnings);
  }
  return { sources, warnings };
}

/** `deb [opt=value …] uri suite [component…]` lines (sources.list(5) one-line style). */
export function parseOneLineSources(text: string, path: string): AptSourcesResult {
  const sources: AptSource[] = [];
  const warnings: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const where = `${path}:${i + 1}`;
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m?.[1] || !m[3] || !m[4]) {
      warnings.push(`${where}: not a sources.list entry: ${JSON.stringify(line.slice(0, 80))}`);
      return;
    }
    if (m[1] === 'deb-src') return;
    const options = parseOptions(m[2] ?? '');
    const entry = makeSource(m[3], m[4], (m[5] ?? '').split(/\s+/).filter(Boolean), options.get('arch'), where);
    if (typeof entry === 'string') warnings.push(entry);
    else sources.push(entry);
  });
  return { sources, warnings };
}

/** deb822 stanzas (`Types:`, `URIs:`, `Suites:`, `Components:`, `Architectures:`, `Enabled:`). */
export function parseDeb822Sources(text: string, path: string): AptSourcesResult {
  const sources: AptSource[] = [];
  const warnings: string[] = [];
  let lineNo = 1;
  for (const block of text.split(/\n[ \t]*\n/)) {
    const first = lineNo;
    lineNo += block.split('\n').length + 1;
    const fields = new Map<string, string>();
    let current: string | undefined;
    for (const raw of block.split('\n')) {
      if (/^\s*#/.test(raw) || raw.trim() === '') continue;
      if (/^\s/.test(raw) && current !== undefined) {
        fields.set(current, `${fields.get(current) ?? ''} ${raw.trim()}`);
        continue;
      }
      const colon = raw.indexOf(':');
      if (colon <= 0) continue;
      current = raw.slice(0, colon).trim().toLowerCase();
      fields.set(current, raw.slice(colon + 1).trim());
    }
    if (fields.size === 0) continue;
    const where = `${path}:${first}`;
    const words = (key: string) => (fields.get(key) ?? '').split(/\s+/).filter(Boolean);
    if (!words('types').includes('deb')) continue;
    if ((fields.get('enabled') ?? 'yes').toLowerCase() === 'no') continue;
    const uris = words('uris');
    const suites = words('suites');
    if (uris.length === 0 || suites.length === 0) {
      warnings.push(`${where}: deb822 stanza without URIs or Suites`);
      continue;
    }
    const arch = fields.get('architectures')?.split(/\s+/).filter(Boolean).join(',');
    for (const uri of uris) {
      for (const suite of suites) {
        const entry = makeSource(uri, suite, words('components'), arch, where);
        if (typeof entry === 'string') warnings.push(entry);
        else sources.push(entry);
      }
    }
  }
  return { sources, warnings };
}

function parseOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const word of text.trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq > 0) options.set(word.slice(0, eq), word.slice(eq + 1));
  }
  return options;
}

function makeSource(
  uri: string,
  suite: string,
  components: string[],
  arch: string | undefined,
  where: string,
): AptSource | string {
  if (!/^https?:\/\//i.test(uri)) return `${where}: ${uri}: only http and https mirrors can be read (skipped)`;
  // A suite ending in "/" is a flat repository (no dists/, no components): not a distribution archive.
  if (suite.endsWith('/') || components.length === 0) return `${where}: flat repository ${uri} ${suite} (skipped)`;
  const architectures = arch?.split(',').filter(Boolean);
  return {
    uri: uri.replace(/\/+$/, ''),
    suite,
    components,
    ...(architectures && architectures.length > 0 ? { architectures } : {}),
    origin: where,
  };
}

// Before bullseye, Debian's security suite was `<codename>/updates` (bullseye release notes §5.1.3).
const OLD_SECURITY_LAYOUT = new Set(['buster', 'stretch', 'jessie', 'wheezy', 'squeeze']);
// Suites that apt does not pick candidates from by default (NotAutomatic / opt-in), left out.
const OPT_IN = /-(backports|backports-sloppy|proposed-updates|proposed)$/;

/** `bookworm-security` → `bookworm`, `buster/updates` → `buster`. */
export function baseCodename(suite: string): string {
  return suite.replace(/\/updates$/, '').replace(/-(security|updates)$/, '');
}

function isUbuntu(uri: string): boolean {
  return /ubuntu/i.test(new URL(uri).hostname) || /\/ubuntu(-ports)?$/.test(uri);
}

/**
 * Where the security suite of an archive lives. Debian serves it from a separate archive beside
 * the main one (`…/debian` → `…/debian-security`, on deb.debian.org and on its mirrors), Ubuntu
 * from the same archive; an unknown layout (a local mirror) is assumed to hold every suite itself.
 */
function securityFor(uri: string, codename: string): { uri: string; suite: string } {
  if (isUbuntu(uri)) return { uri, suite: `${codename}-security` };
  const suite = OLD_SECURITY_LAYOUT.has(codename) ? `${codename}/updates` : `${codename}-security`;
  return { uri: /\/debian$/.test(uri) ? `${uri}-security` : uri, suite };
}

function isSecuritySuite(suite: string): boolean {
  return suite.endsWith('-security') || suite.endsWith('/updates');
}

/**
 * The suites to check: each distinct codename's base, `-updates` and security suites, plus what
 * the image lists itself (same uri+suite merged, components united). The image's own security
 * source wins over the derived one (it may be a mirror). Backports and proposed-updates are left
 * out: apt never takes a candidate from them unless pinned.
 */
export function suitesToCheck(image: readonly AptSource[]): AptSource[] {
  const out = new Map<string, AptSource>();
  const add = (s: AptSource) => {
    const key = `${s.uri} ${s.suite}`;
    const old = out.get(key);
    if (!old) {
      out.set(key, s);
      return;
    }
    const components = [...old.components, ...s.components.filter((c) => !old.components.includes(c))];
    out.set(key, { ...old, components });
  };
  const usable = image.filter((s) => !OPT_IN.test(s.suite));
  for (const s of usable) add(s);
  const seen = new Set<string>();
  for (const s of usable) {
    if (isSecuritySuite(s.suite)) continue;
    const codename = baseCodename(s.suite);
    // "stable"/"oldstable" aliases move; they still have -updates/-security suites of the same name.
    const key = `${s.uri} ${codename}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const components = usable
      .filter((o) => o.uri === s.uri && baseCodename(o.suite) === codename)
      .flatMap((o) => o.components);
    const unique = [...new Set(components)];
    const from = `derived from ${s.origin}`;
    const arch = s.architectures ? { architectures: s.architectures } : {};
    add({ uri: s.uri, suite: codename, components: unique, ...arch, origin: from });
    add({ uri: s.uri, suite: `${codename}-updates`, components: unique, ...arch, origin: from });
    const hasOwnSecurity = usable.some((o) => isSecuritySuite(o.suite) && baseCodename(o.suite) === codename);
    if (!hasOwnSecurity) {
      const sec = securityFor(s.uri, codename);
      add({ uri: sec.uri, suite: sec.suite, components: unique, ...arch, origin: from });
    }
  }
  return [...out.values()];
}

/**
 * `--apt-source` values replace the image's sources. A full one-line entry (`deb URL suite comp…`)
 * is taken as written; a bare URL is the mirror for the image's own suites and components (its
 * security suite derived from it like any other). Either way `suitesToCheck` then adds what is
 * missing.
 */
export function applyOverrides(image: readonly AptSource[], overrides: readonly string[]): AptSourcesResult {
  const sources: AptSource[] = [];
  const warnings: string[] = [];
  for (const value of overrides) {
    const text = value.trim();
    if (/^deb\s/.test(text)) {
      const parsed = parseOneLineSources(text, '--apt-source');
      if (parsed.sources.length === 0) throw new DrydockError('usage', `not a usable apt source: ${text}`);
      sources.push(...parsed.sources);
      continue;
    }
    if (!/^https?:\/\/\S+$/i.test(text)) {
      throw new DrydockError('usage', `--apt-source takes a mirror URL or a "deb URL suite component…" line: ${text}`);
    }
    const uri = text.replace(/\/+$/, '');
    const bases = image.filter((s) => !isSecuritySuite(s.suite));
    if (bases.length === 0) {
      throw new DrydockError(
        'usage',
        `--apt-source ${uri}: the image names no suite; give a full "deb ${uri} SUITE main" line`,
      );
    }
    for (const s of bases) sources.push({ ...s, uri, origin: `--apt-source (for ${s.origin})` });
  }
  return { sources, warnings };
}

/** The image's sources (or the overrides), expanded to every suite to check. */
export function aptSourcesForImage(options: {
  readonly files: ReadonlyMap<string, Buffer>;
  readonly overrides?: readonly string[];
}): AptSourcesResult {
  const image = readAptSources(options.files);
  const overrides = options.overrides ?? [];
  if (overrides.length === 0) return { sources: suitesToCheck(image.sources), warnings: image.warnings };
  const replaced = applyOverrides(image.sources, overrides);
  return { sources: suitesToCheck(replaced.sources), warnings: [...image.warnings, ...replaced.warnings] };
}
