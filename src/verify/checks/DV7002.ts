import { type VerifyCheck, withoutConfig } from '../check.js';

export const DV7002: VerifyCheck = {
  meta: {
    id: 'DV7002',
    title: 'Port 22 not exposed',
    severity: 'medium',
    section: 'config',
    why: 'An exposed SSH port means an SSH daemon is meant to run in the container: a second, password- or key-guarded way in that bypasses the orchestrator.',
    fix: 'Remove `EXPOSE 22` and the SSH server; use `docker exec`/`kubectl exec` to get a shell.',
    aliases: ['DS004', 'AVD-DS-0004'],
  },
  check(context) {
    const none = withoutConfig(context);
    if (none) return none;
    const ports = Object.keys(context.config.config?.ExposedPorts ?? {}).sort();
    const ssh = ports.filter((p) => /^22(\/(tcp|udp|sctp))?$/.test(p));
    const listed = ports.length > 0 ? `exposed: ${ports.join(', ')}` : 'no exposed ports';
    if (ssh.length === 0) return { status: 'pass', evidence: listed };
    return {
      status: 'fail',
      evidence: listed,
      findings: ssh.map((p) => ({ message: `EXPOSE ${p}`, field: `config.ExposedPorts.${p}` })),
    };
  },
};
