import { accountsOf, contextUser, describeUser, isAccountFile, permits } from '../accounts.js';
import { type VerifyCheck, type VerifyFinding, withoutConfig } from '../check.js';

/** Home directories that mean "none" (adduser --system, distroless). */
const NO_HOME = new Set(['', '/', '/nonexistent', '/dev/null']);

/**
 * The user can live in the image: its home (when the image has it) is its own, and the working
 * directory exists and can be entered. A root-owned home breaks every tool that writes to `~`
 * (pip, npm, shells); a missing WORKDIR makes the runtime create it owned by root.
 */
export const DV1002: VerifyCheck = {
  meta: {
    id: 'DV1002',
    title: "The user's home is its own and the working directory is usable",
    severity: 'low',
    section: 'user',
    why: 'A home owned by another user breaks tools that write to ~ (pip, npm caches, shell history) and a WORKDIR the user cannot enter stops the process at start.',
    fix: 'Create the user with its home (`adduser`/`useradd -m`), and `COPY --chown` or `chown` only the directories the process must write.',
    aliases: [],
  },
  required: isAccountFile,
  check(context) {
    const none = withoutConfig(context);
    if (none) return none;
    const user = contextUser(context);
    if (user.uid === undefined) return { status: 'skip', evidence: `no such user (${user.problem ?? 'unresolved'})` };
    const accounts = accountsOf(context.files);
    const findings: VerifyFinding[] = [];
    const notes: string[] = [];
    const home = user.home;
    if (home !== undefined && !NO_HOME.has(home)) {
      const entry = context.resolve(home);
      if (!entry) notes.push(`home ${home} absent`);
      else if (entry.type !== 'dir') findings.push({ message: `home ${home} is not a directory`, field: 'etc/passwd' });
      else if (entry.uid !== user.uid)
        findings.push({
          message: `home ${home} is owned by uid ${entry.uid}, not ${describeUser(user)}`,
          field: 'etc/passwd',
        });
      else notes.push(`home ${home} owned by it`);
    }
    const workdir = context.config.config?.WorkingDir;
    if (workdir) {
      const entry = context.resolve(workdir);
      if (!entry)
        findings.push({ message: `WORKDIR ${workdir} does not exist in the image`, field: 'config.WorkingDir' });
      else if (entry.type !== 'dir')
        findings.push({ message: `WORKDIR ${workdir} is not a directory`, field: 'config.WorkingDir' });
      else if (!permits(entry, user, accounts, 1))
        findings.push({
          message: `WORKDIR ${workdir} cannot be entered by ${describeUser(user)}`,
          field: 'config.WorkingDir',
        });
      else notes.push(`workdir ${workdir} usable`);
    }
    if (findings.length > 0) return { status: 'fail', evidence: findings.map((f) => f.message).join('; '), findings };
    return { status: 'pass', evidence: notes.length > 0 ? notes.join(', ') : 'no home or workdir to check' };
  },
};
