import type { ManifestRule } from '../../rule.js';
import type { RailwayConfig } from '../subjects.js';

export const DR2001: ManifestRule<RailwayConfig> = {
  meta: {
    id: 'DR2001',
    kind: 'railway',
    title: 'No healthcheck (deploy.healthcheckPath)',
    severity: 'medium',
    why: 'Without a healthcheck Railway switches traffic to a new deployment as soon as its container starts, so a release that cannot serve replaces one that could.',
    fix: 'Set `deploy.healthcheckPath` to an endpoint that answers 200 only when the app is ready (and `healthcheckTimeout` if it starts slowly).',
    aliases: [],
    example: {
      bad: '[deploy]\nstartCommand = "gunicorn app.wsgi"',
      good: '[deploy]\nstartCommand = "gunicorn app.wsgi"\nhealthcheckPath = "/health"',
    },
  },
  check({ subject, report }) {
    const path = subject.deploy.healthcheckPath;
    if (typeof path === 'string' && path.trim() !== '') return;
    report({
      message: subject.has('deploy.healthcheckPath')
        ? 'deploy.healthcheckPath is empty: no healthcheck gates the deployment'
        : 'no deploy.healthcheckPath: Railway routes traffic to a deployment as soon as it starts',
      span: subject.spanOf('deploy.healthcheckPath'),
    });
  },
};
