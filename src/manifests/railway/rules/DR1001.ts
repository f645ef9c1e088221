import type { ManifestRule } from '../../rule.js';
import { railwayDockerfile, shownPath } from '../dockerfile-path.js';
import type { RailwayConfig } from '../subjects.js';

export const DR1001: ManifestRule<RailwayConfig> = {
  meta: {
    id: 'DR1001',
    kind: 'railway',
    title: 'Dockerfile builder points at a missing Dockerfile',
    severity: 'high',
    why: 'Railway fails the build, or with a typo in `dockerfilePath` falls back to another builder, so the hardened Dockerfile the team reviewed is not what ships.',
    fix: 'Point `build.dockerfilePath` at the Dockerfile, relative to the directory of railway.json/railway.toml.',
    aliases: [],
    example: {
      bad: '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile.prod"  # no such file',
      good: '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile"',
    },
  },
  check({ subject, report }) {
    const dockerfile = railwayDockerfile(subject);
    if (!dockerfile || dockerfile.exists) return;
    report({
      message: `the Dockerfile builder points at ${dockerfile.written}, which does not exist (${shownPath(dockerfile.path)})`,
      span: dockerfile.span,
    });
  },
};
