import { listSome, type VerifyCheck, type VerifyFinding, withoutConfig } from '../check.js';
import { secretInVariable } from '../secrets.js';

/**
 * Secrets in what `docker inspect` and `docker history` show: ENV, labels, and build arguments
 * Docker and buildah record in front of each RUN (`|1 NPM_TOKEN=… /bin/sh -c npm ci`).
 */
export const DV5002: VerifyCheck = {
  meta: {
    id: 'DV5002',
    title: 'No secrets in ENV, labels or build history',
    severity: 'critical',
    section: 'secrets',
    why: 'The image config (ENV, labels) and history (every RUN with the build arguments it saw) are public to anyone who can pull the image.',
    fix: 'Pass build-time secrets with `RUN --mount=type=secret` instead of ARG, and runtime ones through the orchestrator instead of ENV.',
    aliases: ['CIS-DI-0010', 'DS031', 'AVD-DS-0031'],
  },
  check(context) {
    const none = withoutConfig(context);
    if (none) return none;
    const findings: VerifyFinding[] = [];
    const c = context.config.config;
    (c?.Env ?? []).forEach((pair, i) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      const kind = eq === -1 ? undefined : secretInVariable(name, pair.slice(eq + 1));
      if (kind) findings.push({ message: `ENV ${name} holds ${kind}`, field: `config.Env[${i}]` });
    });
    for (const [name, value] of Object.entries(c?.Labels ?? {})) {
      const kind = secretInVariable(name, value);
      if (kind) findings.push({ message: `LABEL ${name} holds ${kind}`, field: `config.Labels.${name}` });
    }
    (context.config.history ?? []).forEach((h, i) => {
      const createdBy = h.created_by ?? '';
      const seen = new Set<string>();
      for (const { name, value } of buildArgs(createdBy)) {
        const kind = secretInVariable(name, value);
        if (kind) {
          seen.add(name);
          findings.push({
            message: `build argument ${name} holds ${kind}, kept in the history of step ${i + 1}`,
            field: `history[${i}].created_by`,
          });
        }
      }
      // ENV steps repeat what config.Env already reported; other steps may echo a credential.
      if (/#\(nop\)\s+ENV\s/.test(createdBy)) return;
      const kind = secretInVariable('', createdBy);
      if (kind && seen.size === 0)
        findings.push({ message: `step ${i + 1} of the history holds ${kind}`, field: `history[${i}].created_by` });
    });
    const env = c?.Env?.length ?? 0;
    const labels = Object.keys(c?.Labels ?? {}).length;
    const steps = context.config.history?.length ?? 0;
    const looked = `${env} ENV, ${labels} labels, ${steps} history steps`;
    if (findings.length === 0) return { status: 'pass', evidence: `none in ${looked}` };
    return {
      status: 'fail',
      evidence: `${findings.length} in ${looked}: ${listSome(
        findings.map((f) => f.message),
        3,
      )}`,
      findings,
    };
  },
};

/** `|2 A=1 B=two /bin/sh -c …`: the build arguments Docker and buildah record before a RUN. */
export function buildArgs(createdBy: string): { name: string; value: string }[] {
  const m = /^\|(\d+) /.exec(createdBy);
  if (!m) return [];
  const out: { name: string; value: string }[] = [];
  let rest = createdBy.slice(m[0].length);
  for (let i = 0; i < Number(m[1]); i++) {
    const arg = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*) ?/.exec(rest);
    if (!arg) break;
    out.push({ name: arg[1] ?? '', value: arg[2] ?? '' });
    rest = rest.slice(arg[0].length);
  }
  return out;
}
