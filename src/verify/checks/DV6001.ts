import { basename, dirname } from '../../core/posix-path.js';
import { fileFinding, listSome, type VerifyCheck, type VerifyFinding } from '../check.js';

/**
 * The setuid/setgid programs a base system needs to manage its own accounts and mounts (Debian's
 * passwd/login/mount/util-linux, Alpine's busybox suid, RHEL's shadow-utils and pam): present in
 * every slim base, expected. Anything else is a privilege escalation path someone added.
 */
const ALLOWED = new Set([
  'chage',
  'chfn',
  'chsh',
  'expiry',
  'gpasswd',
  'mount',
  'newgrp',
  'passwd',
  'su',
  'umount',
  'unix_chkpwd',
  'pam_extrausers_chkpwd',
  'pam_timestamp_check',
  'bbsuid',
]);
const SYSTEM_DIRS = new Set(['bin', 'sbin', 'usr/bin', 'usr/sbin']);

export function allowedSetuid(path: string): boolean {
  return SYSTEM_DIRS.has(dirname(path)) && ALLOWED.has(basename(path));
}

export const DV6001: VerifyCheck = {
  meta: {
    id: 'DV6001',
    title: 'No setuid or setgid files beyond the base system’s',
    severity: 'high',
    section: 'filesystem',
    why: 'A setuid or setgid program runs with its owner’s or group’s rights whoever starts it: each extra one is a way from the container’s user to root.',
    fix: 'Remove the package or the bit in the Dockerfile: `RUN chmod a-s /path/to/program` (or `find / -xdev -perm /6000 -type f -exec chmod a-s {} +`).',
    aliases: ['CIS-DI-0008'],
  },
  check(context) {
    const findings: VerifyFinding[] = [];
    const allowed: string[] = [];
    for (const e of context.entries.values()) {
      if ((e.type !== 'file' && e.type !== 'hardlink') || (e.mode & 0o6000) === 0) continue;
      if (allowedSetuid(e.path)) {
        allowed.push(basename(e.path));
        continue;
      }
      const bits = [
        (e.mode & 0o4000) !== 0 ? `setuid (uid ${e.uid})` : '',
        (e.mode & 0o2000) !== 0 ? `setgid (gid ${e.gid})` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      findings.push(fileFinding(`/${e.path} is ${bits}, mode ${(e.mode & 0o7777).toString(8).padStart(4, '0')}`, e));
    }
    const base =
      allowed.length > 0
        ? `${allowed.length} from the base system (${listSome(allowed.sort(), 4)})`
        : 'none from the base system';
    findings.sort((a, b) => (a.location?.path ?? '').localeCompare(b.location?.path ?? ''));
    if (findings.length === 0) return { status: 'pass', evidence: `no others; ${base}` };
    return {
      status: 'fail',
      evidence: `${findings.length} beyond the allowlist: ${listSome(
        findings.map((f) => `/${f.location?.path ?? ''}`),
        4,
      )}; ${base}`,
      findings,
    };
  },
};
