import type { Distro } from '../catalog/package.js';
import type { Namespace } from '../vulndb/types.js';

/**
 * Debian testing and sid have no VERSION_ID; the tracker and OSV still file them by number
 * (distro-info-data), so the codename decides.
 */
const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  sid: 'unstable',
};

/** Distros whose advisories are filed under Red Hat's release (rebuilds share RHSA data). */
const RHEL_LIKE = new Set(['rhel', 'centos', 'rocky', 'almalinux', 'ol']);

/**
 * The advisory namespace of an OS: `debian:12`, `ubuntu:22.04`, `alpine:3.19`, `rhel:9`. Debian and RHEL
 * file by major release, Alpine by branch (major.minor), Ubuntu by the full release number.
 */
export function osNamespace(distro: Distro | undefined): Namespace | undefined {
  if (!distro) return undefined;
  const id = distro.id.toLowerCase();
  const version = distro.versionId?.trim();
  switch (id) {
    case 'debian': {
      const major = version ? /^(\d+)/.exec(version)?.[1] : undefined;
      const release = major ?? DEBIAN_CODENAMES[distro.versionCodename?.toLowerCase() ?? ''];
      return release ? `debian:${release}` : undefined;
    }
    case 'ubuntu':
      return version ? `ubuntu:${version}` : undefined;
    case 'alpine': {
      const branch = version ? /^(\d+\.\d+)/.exec(version)?.[1] : undefined;
      return branch ? `alpine:${branch}` : undefined;
    }
    default: {
      if (RHEL_LIKE.has(id)) {
        const major = version ? /^(\d+)/.exec(version)?.[1] : undefined;
        return major ? `rhel:${major}` : undefined;
      }
      // Rolling distros (wolfi, chainguard) have no release number.
      return version ? `${id}:${version}` : id;
    }
  }
}
