import type { ManifestRule } from '../../rule.js';
import { railwayDockerfile } from '../dockerfile-path.js';
import { builderOf, type RailwayConfig } from '../subjects.js';

export const DR1003: ManifestRule<RailwayConfig> = {
  meta: {
    id: 'DR1003',
    kind: 'railway',
    title: 'Service is not built from a Dockerfile',
    severity: 'low',
    why: "Nixpacks/Railpack choose the base image, packages and user for you: none of the guide's measures (pinned slim base, apt-get upgrade, non-root USER) can be reviewed or enforced.",
    fix: 'Set `build.builder = "DOCKERFILE"` and commit the hardened Dockerfile.',
    aliases: [],
    example: {
      bad: '[build]\nbuilder = "NIXPACKS"',
      good: '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile"',
    },
  },
  check({ subject, report }) {
    if (railwayDockerfile(subject)) return;
    const builder = builderOf(subject);
    report({
      message: builder
        ? `the service is built by ${builder}, not from a Dockerfile drydock can check`
        : 'the config names no builder and there is no Dockerfile beside it: Railway picks a buildpack',
      span: subject.spanOf('build.builder'),
    });
  },
};
