import { fileFinding, listSome, type VerifyCheck, type VerifyFinding } from '../check.js';

/** Under these the runtime mounts its own filesystems: what the image holds there is never seen. */
const MOUNTED = /^(proc|sys|dev)(\/|$)/;

export const DV6002: VerifyCheck = {
  meta: {
    id: 'DV6002',
    title: 'No world-writable files, nor world-writable directories without the sticky bit',
    severity: 'medium',
    section: 'filesystem',
    why: 'Any process in the container can replace a world-writable file (a script, a config) or another user’s files in a world-writable directory without the sticky bit.',
    fix: 'Give the application user ownership of what it writes instead of `chmod 777` (`COPY --chown=appuser`, `chown appuser /data`); shared scratch directories get mode 1777.',
    aliases: [],
  },
  check(context) {
    const findings: VerifyFinding[] = [];
    let sticky = 0;
    for (const e of context.entries.values()) {
      if ((e.mode & 0o002) === 0 || MOUNTED.test(e.path)) continue;
      const mode = (e.mode & 0o7777).toString(8).padStart(4, '0');
      if (e.type === 'dir') {
        if ((e.mode & 0o1000) !== 0) sticky++;
        else
          findings.push(
            fileFinding(`/${e.path}/ is a world-writable directory without the sticky bit (mode ${mode})`, e),
          );
      } else if (e.type === 'file' || e.type === 'hardlink') {
        findings.push(fileFinding(`/${e.path} is world-writable (mode ${mode})`, e));
      }
    }
    const note = `${sticky} world-writable director${sticky === 1 ? 'y' : 'ies'} with the sticky bit (like /tmp)`;
    findings.sort((a, b) => (a.location?.path ?? '').localeCompare(b.location?.path ?? ''));
    if (findings.length === 0) return { status: 'pass', evidence: `none; ${note}` };
    return {
      status: 'fail',
      evidence: `${findings.length}: ${listSome(
        findings.map((f) => `/${f.location?.path ?? ''}`),
        4,
      )}; ${note}`,
      findings,
    };
  },
};
