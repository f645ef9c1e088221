import { secretName } from '../../../dockerfile/secret-patterns.js';
import type { ManifestRule } from '../../rule.js';
import { isInterpolation, serviceEnvironment } from '../service-fields.js';
import type { ComposeService } from '../subjects.js';

/** A secret not written in the file, but still handed over as an environment variable. */
export const DC4002: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC4002',
    kind: 'compose',
    title: 'Secret passed through environment',
    severity: 'low',
    why: 'A secret interpolated from the shell (`${DB_PASSWORD}`) is not in git, but it is still readable with `docker inspect`, in /proc/*/environ and by every child process, and ends up in crash dumps and debug pages.',
    fix: "Use a compose `secrets:` entry mounted at /run/secrets/NAME and the image's `*_FILE` variable where it has one.",
    aliases: [],
    example: {
      bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=${DB_PASSWORD}',
      good: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD_FILE=/run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    environment: DB_PASSWORD',
    },
  },
  check({ subject, report }) {
    for (const entry of serviceEnvironment(subject)) {
      if (!secretName(entry.name)) continue;
      const value = entry.value?.trim();
      if (value && !isInterpolation(value)) continue;
      report({
        message: `service "${subject.name}" passes secret ${entry.name} through its environment${value ? ` (${value})` : ' from the shell'}`,
        span: entry.span,
      });
    }
  },
};
