import { aptSourcesForImage, findPendingUpdates, isAptSourcesPath } from '../../vulndb/apt/index.js';
import { APK_REPOSITORIES, findApkUpgrades, parseApkRepositories } from '../apk-index.js';
import { type CheckContext, type CheckOutcome, fileFinding, listSome, type VerifyCheck } from '../check.js';

/**
 * The guide's `apt list --upgradable` → "Listing... Done", answered from the image's dpkg database
 * and the Packages indexes of its own suites (plus the -updates and security suites apt would get
 * fixes from), compared in dpkg order: the same candidates apt picks, no vulnerability database.
 * Alpine images get the same answer from their apk repositories' APKINDEX files.
 */
export const DV2001: VerifyCheck = {
  meta: {
    id: 'DV2001',
    title: 'Nothing is upgradable',
    severity: 'high',
    section: 'updates',
    guide: 'apt list --upgradable',
    why: 'Every pending upgrade in the security and updates suites is a fix already published for the image: shipping without it ships a known bug or vulnerability.',
    fix: 'Rebuild with `RUN apt-get update && apt-get upgrade -y && apt-get clean && rm -rf /var/lib/apt/lists/*` (Alpine: `apk upgrade --no-cache`), or on a refreshed base image.',
    aliases: ['CIS-DI-0004'],
  },
  required: (entry) => isAptSourcesPath(entry.path) || entry.path === APK_REPOSITORIES,
  async check(context) {
    const debs = context.packages.filter((p) => p.type === 'deb');
    if (debs.length === 0) {
      if (context.packages.some((p) => p.type === 'apk')) return apkCheck(context);
      const rpm = context.packages.some((p) => p.type === 'rpm');
      return {
        status: 'skip',
        evidence: rpm
          ? 'rpm packages: only dpkg and apk images are checked for upgrades so far'
          : 'no dpkg or apk packages',
      };
    }
    const overrides = context.options.aptSources ?? [];
    const { sources, warnings } = aptSourcesForImage({ files: context.files, overrides });
    if (sources.length === 0) {
      return {
        status: 'skip',
        evidence: `no apt sources in the image (${warnings[0] ?? 'no etc/apt/sources.list*'}); pass --apt-source URL`,
      };
    }
    if (context.options.offline) return { status: 'skip', evidence: 'offline: the mirror was not asked' };
    const arches = debs.map((p) => p.metadata.arch).filter((a): a is string => a !== undefined && a !== 'all');
    const pending = await findPendingUpdates({
      installed: debs.map((p) => ({
        name: p.name,
        version: p.version,
        ...(p.metadata.arch ? { arch: p.metadata.arch } : {}),
        ...(p.metadata.sourceName ? { sourceName: p.metadata.sourceName } : {}),
        ...(p.metadata.sourceVersion ? { sourceVersion: p.metadata.sourceVersion } : {}),
      })),
      sources,
      arch: mostCommon(arches) ?? 'amd64',
      changelogs: false,
      ...(context.options.cacheDir ? { cacheDir: context.options.cacheDir } : {}),
    });
    const found = pending.suites.filter((s) => s.found);
    const suites = [...new Set(found.map((s) => s.suite))];
    const missing = pending.suites.filter((s) => !s.found).map((s) => `${s.suite} (not on ${s.uri})`);
    const upgradable = pending.upgradable.map((u) => ({
      name: u.name,
      arch: u.arch,
      installed: u.installed,
      candidate: u.candidate,
      suite: u.suite,
    }));
    const data = {
      checked: debs.length,
      // What apt would need in its sources.list to give the same answer (the cross-check writes it).
      suites: found.map((s) => ({
        uri: s.uri,
        suite: s.suite,
        components: sources.find((x) => x.uri === s.uri && x.suite === s.suite)?.components ?? [],
        ...(s.date ? { date: s.date } : {}),
      })),
      upgradable,
      ...(missing.length > 0 ? { missingSuites: missing } : {}),
    };
    const against = `checked ${debs.length} packages against ${suites.join(', ')}`;
    const missingNote = missing.length > 0 ? `; missing: ${missing.join(', ')}` : '';
    if (upgradable.length === 0) return { status: 'pass', evidence: `0 upgradable (${against}${missingNote})`, data };
    return {
      status: 'fail',
      evidence: `${upgradable.length} upgradable (${against}${missingNote}): ${listSome(upgradable.map((u) => u.name))}`,
      findings: pending.upgradable.map((u) => {
        const message = `${u.name} ${u.installed} → ${u.candidate} (${u.suite})`;
        const where = context.packages.find((p) => p.type === 'deb' && p.name === u.name)?.locations[0];
        return where ? fileFinding(message, where) : { message };
      }),
      data,
    };
  },
};

/** The same question for Alpine: `apk list --upgradable` from `etc/apk/repositories` and the APKINDEX files. */
async function apkCheck(context: CheckContext): Promise<CheckOutcome> {
  const apks = context.packages.filter((p) => p.type === 'apk');
  const own = context.files.get(APK_REPOSITORIES)?.toString('utf8');
  const repositories =
    (context.options.aptSources ?? []).length > 0
      ? [...(context.options.aptSources ?? [])]
      : parseApkRepositories(own ?? '');
  if (repositories.length === 0) {
    return {
      status: 'skip',
      evidence: `no repositories in /${APK_REPOSITORIES}; pass --apt-source URL (an apk repository)`,
    };
  }
  if (context.options.offline) return { status: 'skip', evidence: 'offline: the mirror was not asked' };
  const arches = apks.map((p) => p.metadata.arch).filter((a): a is string => a !== undefined && a !== 'noarch');
  const pending = await findApkUpgrades({
    installed: apks.map((p) => ({ name: p.name, version: p.version })),
    repositories: repositories.map((r) => r.replace(/\/+$/, '')),
    arch: mostCommon(arches) ?? 'x86_64',
  });
  const short = (r: string) => r.split('/').slice(-2).join('/');
  const against = `checked ${apks.length} packages against ${pending.repositories.map(short).join(', ')}`;
  const missingNote = pending.missing.length > 0 ? `; missing: ${pending.missing.map(short).join(', ')}` : '';
  const data = {
    checked: apks.length,
    repositories: pending.repositories,
    upgradable: pending.upgradable,
    ...(pending.missing.length > 0 ? { missingRepositories: pending.missing } : {}),
  };
  if (pending.upgradable.length === 0)
    return { status: 'pass', evidence: `0 upgradable (${against}${missingNote})`, data };
  return {
    status: 'fail',
    evidence: `${pending.upgradable.length} upgradable (${against}${missingNote}): ${listSome(pending.upgradable.map((u) => u.name))}`,
    findings: pending.upgradable.map((u) => {
      const message = `${u.name} ${u.installed} → ${u.candidate} (${short(u.repository)})`;
      const where = apks.find((p) => p.name === u.name)?.locations[0];
      return where ? fileFinding(message, where) : { message };
    }),
    data,
  };
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
