import { contextUser, describeUser, isAccountFile } from '../accounts.js';
import { type VerifyCheck, withoutConfig } from '../check.js';

/** The guide's `docker run … whoami` → `appuser`, answered from the config and /etc/passwd. */
export const DV1001: VerifyCheck = {
  meta: {
    id: 'DV1001',
    title: 'Runs as a non-root user that exists in the image',
    severity: 'high',
    section: 'user',
    guide: 'whoami',
    why: 'A process running as root in the container is root on the host if it escapes, and can rewrite every file of the image at run time.',
    fix: 'Create the user in the Dockerfile (`RUN adduser --disabled-password --gecos "" appuser`) and end with `USER appuser`.',
    aliases: ['CIS-DI-0001', 'DS002', 'AVD-DS-0002'],
    example: {
      bad: 'FROM python:3.11-slim\nCMD ["python3", "app.py"]',
      good: 'FROM python:3.11-slim\nRUN adduser --disabled-password --gecos "" appuser\nUSER appuser\nCMD ["python3", "app.py"]',
    },
  },
  required: isAccountFile,
  check(context) {
    const none = withoutConfig(context);
    if (none) return none;
    const user = contextUser(context);
    const data = {
      configured: user.configured,
      ...(user.name ? { name: user.name } : {}),
      ...(user.uid === undefined ? {} : { uid: user.uid }),
      ...(user.gid === undefined ? {} : { gid: user.gid }),
    };
    const field = 'config.User';
    if (user.problem) {
      return {
        status: 'fail',
        evidence: `${user.problem}: the container would not start`,
        findings: [{ message: `USER ${user.configured}: ${user.problem}`, field }],
        data,
      };
    }
    if (user.uid === 0) {
      const why = user.configured === '' ? 'no USER in the image config' : `USER ${user.configured} is uid 0`;
      return {
        status: 'fail',
        evidence: `${describeUser(user)}: ${why}`,
        findings: [{ message: `the container runs as root (${why})`, field }],
        data,
      };
    }
    const note = user.name
      ? ''
      : context.files.has('etc/passwd')
        ? ' (no /etc/passwd entry: whoami prints no name)'
        : '';
    return { status: 'pass', evidence: `user ${describeUser(user)}${note}`, data };
  },
};
