import { credentialValue, secretName } from '../../../dockerfile/secret-patterns.js';
import type { ManifestRule } from '../../rule.js';
import { isInterpolation, serviceEnvironment } from '../service-fields.js';
import type { ComposeService } from '../subjects.js';

/** A secret written into the compose file: in git, in `docker inspect`, in every process's environment. */
export const DC4001: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC4001',
    kind: 'compose',
    title: 'Hard-coded secret in environment',
    severity: 'high',
    why: 'A password or token written in `environment:` is in version control, in `docker inspect`, in /proc/*/environ and in the environment of every child process.',
    fix: 'Move it to a `secrets:` entry (a file mounted at /run/secrets/NAME) and point the app at it, e.g. `POSTGRES_PASSWORD_FILE: /run/secrets/db_password`.',
    aliases: [],
    peerNotes:
      'Names are matched as in the Dockerfile rule DD6001 (PASSWORD, SECRET, TOKEN, API_KEY… between `_` boundaries; `_FILE`/`_PATH`/`_URL`-style names are not secrets); values are matched by shape (AWS keys, GitHub/GitLab/npm/Slack tokens, private keys, URLs with a password) whatever the name. Values that are only `${VAR}` interpolation are DC4002.',
    example: {
      bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: changeme',
      good: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./db_password.txt',
    },
  },
  check({ subject, report }) {
    for (const entry of serviceEnvironment(subject)) {
      const value = entry.value?.trim();
      if (!value || isInterpolation(value)) continue;
      const shape = credentialValue(value);
      if (!shape && !secretName(entry.name)) continue;
      report({
        message: shape
          ? `service "${subject.name}" has ${shape} written in environment variable ${entry.name}`
          : `service "${subject.name}" has a hard-coded secret in environment variable ${entry.name}`,
        span: entry.span,
      });
    }
  },
};
