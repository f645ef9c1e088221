import { planNonRoot } from '../fix/non-root.js';
import { fixOf } from '../fix/plan.js';
import type { Rule } from '../rule.js';
import { effectiveUser, isRootUser, stageChain } from '../user-helpers.js';

/** The image's last USER decides who the container runs as; root there undoes every other measure. */
export const DD2001: Rule = {
  meta: {
    id: 'DD2001',
    title: 'Final stage runs as root',
    severity: 'high',
    category: 'user',
    why: 'A process running as root in the container is root on the host the moment it escapes the container, and can rewrite every file of the image.',
    fix: 'End the final stage with USER set to an unprivileged user created in the Dockerfile (the guide uses appuser).',
    aliases: ['DL3002', 'DS002', 'AVD-DS-0002'],
    fixable: true,
    peerNotes:
      'hadolint DL3002 reports every stage whose last USER is root, even a builder stage the final image does not build on; drydock only reports the USER the final image inherits (its own stage or the stages it is built FROM), because builder stages never run in production.',
    example: {
      bad: 'FROM python:3.12-slim\nRUN adduser --disabled-password --gecos "" appuser\nUSER root\nCMD ["python", "app.py"]',
      good: 'FROM python:3.12-slim\nRUN adduser --disabled-password --gecos "" appuser\nUSER appuser\nCMD ["python", "app.py"]',
    },
  },
  check({ file, config, report }) {
    const final = file.finalStage;
    if (!final) return;
    const user = effectiveUser(stageChain(final), file);
    if (!user || user.unresolved || !isRootUser(user.user)) return;
    const inherited = user.instr.stage !== final;
    report({
      message: inherited
        ? `final stage inherits USER ${user.spec} from stage "${user.instr.stage?.name ?? user.instr.stage?.index}"`
        : `final stage runs as USER ${user.spec}`,
      span: user.instr.span,
      ...fixOf(planNonRoot(file, config)),
    });
  },
};
