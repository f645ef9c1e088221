import { atLeast } from '../../../core/severity.js';
import type { ManifestRule } from '../../rule.js';
import { lintDockerfile } from '../dockerfile-lint.js';
import { railwayDockerfile, shownPath } from '../dockerfile-path.js';
import type { RailwayConfig } from '../subjects.js';

/** The gate the guide asks of a deployed Dockerfile: `drydock lint --fail-on high` passes. */
const GATE = 'high';

export const DR1002: ManifestRule<RailwayConfig> = {
  meta: {
    id: 'DR1002',
    kind: 'railway',
    title: 'Deployed Dockerfile has high or critical lint findings',
    severity: 'high',
    why: 'Railway builds and runs exactly this Dockerfile: a root user, an unpinned base or a secret in it ships to production with every deploy.',
    fix: 'Run `drydock lint <Dockerfile> --fail-on high` and fix what it reports (`drydock fix` applies the automatic fixes).',
    aliases: [],
    peerNotes:
      'The Dockerfile is linted with the nearest .drydock.yaml, as `drydock lint` does; findings below high do not count here.',
    example: {
      bad: '[build]\nbuilder = "DOCKERFILE"   # Dockerfile: FROM python:3.12 / no USER',
      good: '[build]\nbuilder = "DOCKERFILE"   # Dockerfile passes drydock lint --fail-on high',
    },
  },
  check({ subject, report }) {
    const dockerfile = railwayDockerfile(subject);
    if (!dockerfile?.exists) return;
    const shown = shownPath(dockerfile.path);
    const lint = lintDockerfile(dockerfile.path);
    if (!lint.ok) {
      report({ message: `the deployed Dockerfile ${shown} cannot be linted: ${lint.error}`, span: dockerfile.span });
      return;
    }
    const failing = lint.findings.filter((f) => atLeast(f.severity, GATE));
    if (failing.length === 0) return;
    const listed = failing
      .slice(0, 3)
      .map((f) => `${f.ruleId} line ${f.location.line}`)
      .join(', ');
    report({
      message: `the deployed Dockerfile ${shown} has ${failing.length} finding${failing.length === 1 ? '' : 's'} at ${GATE} or above (${listed}${failing.length > 3 ? ', …' : ''}): run drydock lint ${shown}`,
      span: dockerfile.span,
    });
  },
};
