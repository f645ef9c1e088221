import { type VerifyCheck, type VerifyFinding, withoutConfig } from '../check.js';

/**
 * Run instructions published in labels (Project Atomic's `RUN`/`INSTALL`/`UNINSTALL`, podman's
 * `runlabel`, and `privileged=true`-style markers) that ask whoever starts the image to drop its
 * isolation.
 */
const PRIVILEGED_FLAG =
  /--privileged\b|--cap-add[= ](ALL|SYS_ADMIN|SYS_PTRACE|NET_ADMIN)\b|--(pid|net|network|ipc|uts|userns)[= ]host\b|--security-opt[= ](seccomp|apparmor|label)[=:]?(unconfined|disable)|-v\s+\/:\/|--volume[= ]\/:\/|\/var\/run\/docker\.sock|\/run\/docker\.sock/i;

export function privilegedLabel(name: string, value: string): string | undefined {
  const flag = PRIVILEGED_FLAG.exec(value)?.[0];
  if (flag) return `asks for ${flag.trim()}`;
  if (/(^|[._-])privileged$/i.test(name) && /^(true|yes|1|on)$/i.test(value.trim()))
    return 'marks the image privileged';
  return undefined;
}

export const DV7003: VerifyCheck = {
  meta: {
    id: 'DV7003',
    title: 'No labels asking to run privileged',
    severity: 'high',
    section: 'config',
    why: 'Labels such as `RUN="docker run --privileged …"` are executed by `podman container runlabel` and copied by people: they turn off the isolation the rest of the guide builds.',
    fix: 'Remove the label; document the capabilities the container really needs and grant them in the deployment (and only those).',
    aliases: [],
  },
  check(context) {
    const none = withoutConfig(context);
    if (none) return none;
    const labels = context.config.config?.Labels ?? {};
    const findings: VerifyFinding[] = [];
    for (const [name, value] of Object.entries(labels)) {
      const why = privilegedLabel(name, value);
      if (why) findings.push({ message: `LABEL ${name} ${why}`, field: `config.Labels.${name}` });
    }
    const count = Object.keys(labels).length;
    if (findings.length === 0)
      return { status: 'pass', evidence: `none among ${count} label${count === 1 ? '' : 's'}` };
    return { status: 'fail', evidence: findings.map((f) => f.message).join('; '), findings };
  },
};
