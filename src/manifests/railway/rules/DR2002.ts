import type { ManifestRule } from '../../rule.js';
import type { RailwayConfig } from '../subjects.js';

export const DR2002: ManifestRule<RailwayConfig> = {
  meta: {
    id: 'DR2002',
    kind: 'railway',
    title: 'Restart policy leaves a crashed service down',
    severity: 'medium',
    why: 'With `restartPolicyType = "NEVER"` (or ON_FAILURE with zero retries) one crash takes the service offline until someone redeploys it.',
    fix: 'Use `restartPolicyType = "ON_FAILURE"` with `restartPolicyMaxRetries` of a few (Railway\'s default is 10), or ALWAYS.',
    aliases: [],
    example: {
      bad: '[deploy]\nhealthcheckPath = "/health"\nrestartPolicyType = "NEVER"',
      good: '[deploy]\nhealthcheckPath = "/health"\nrestartPolicyType = "ON_FAILURE"\nrestartPolicyMaxRetries = 5',
    },
  },
  check({ subject, report }) {
    const type =
      typeof subject.deploy.restartPolicyType === 'string' ? subject.deploy.restartPolicyType.toUpperCase() : undefined;
    if (type === 'NEVER') {
      report({
        message: 'restartPolicyType is NEVER: a crash leaves the service down',
        span: subject.spanOf('deploy.restartPolicyType'),
      });
      return;
    }
    const retries = subject.deploy.restartPolicyMaxRetries;
    if (type === 'ON_FAILURE' && (retries === 0 || retries === '0')) {
      report({
        message: 'restartPolicyMaxRetries is 0: ON_FAILURE never restarts',
        span: subject.spanOf('deploy.restartPolicyMaxRetries'),
      });
    }
  },
};
