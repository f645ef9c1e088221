import { type VerifyCheck, withoutConfig } from '../check.js';

export const DV7001: VerifyCheck = {
  meta: {
    id: 'DV7001',
    title: 'HEALTHCHECK present',
    severity: 'low',
    section: 'config',
    why: 'Without a health check Docker and Compose only see whether the process runs, not whether it answers, so a hung service is never restarted.',
    fix: 'Add `HEALTHCHECK CMD …` (build in Docker format: the OCI image format has no healthcheck field, so `buildah --format oci` drops it), or define the probe in the orchestrator.',
    aliases: ['CIS-DI-0006', 'DS026', 'AVD-DS-0026'],
  },
  check(context) {
    const none = withoutConfig(context);
    if (none) return none;
    const test = context.config.config?.Healthcheck?.Test;
    if (!test || test.length === 0)
      return {
        status: 'fail',
        evidence: 'no HEALTHCHECK in the image config',
        findings: [{ message: 'no HEALTHCHECK', field: 'config.Healthcheck' }],
      };
    if (test[0] === 'NONE')
      return {
        status: 'fail',
        evidence: 'HEALTHCHECK NONE disables the inherited check',
        findings: [{ message: 'HEALTHCHECK NONE', field: 'config.Healthcheck' }],
      };
    const cmd = test[0] === 'CMD-SHELL' ? test.slice(1).join(' ') : test.slice(test[0] === 'CMD' ? 1 : 0).join(' ');
    return { status: 'pass', evidence: `HEALTHCHECK ${cmd.length > 60 ? `${cmd.slice(0, 59)}…` : cmd}` };
  },
};
