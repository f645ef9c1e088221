import type { Node } from 'yaml';
import { asMap, type MapNode, stringOf, valueAt } from '../yaml-nodes.js';
import type { Container } from './subjects.js';

/**
 * Pod Security Standards data and the kubelet's inheritance of security settings: a field set in a
 * container's securityContext wins over the same field in the pod's securityContext
 * (k8s.io/kubernetes pkg/securitycontext: DetermineEffectiveSecurityContext).
 */

/** Fields that exist at both levels and are inherited from the pod when the container leaves them out. */
export type InheritedField =
  | 'runAsUser'
  | 'runAsGroup'
  | 'runAsNonRoot'
  | 'seLinuxOptions'
  | 'seccompProfile'
  | 'appArmorProfile'
  | 'windowsOptions';

export interface EffectiveSetting {
  readonly value: Node;
  /** Where it was set: the container wins; `pod` means inherited. */
  readonly level: 'container' | 'pod';
  /** The securityContext map that holds it. */
  readonly owner: MapNode;
}

/** The value the kubelet applies for `field` to this container, and where it comes from. */
export function effective(c: Container, field: InheritedField): EffectiveSetting | undefined {
  const own = nonNull(valueAt(c.securityContext, field));
  if (own && c.securityContext) return { value: own, level: 'container', owner: c.securityContext };
  const pod = c.workload.podSecurityContext;
  const inherited = nonNull(valueAt(pod, field));
  if (inherited && pod) return { value: inherited, level: 'pod', owner: pod };
  return undefined;
}

function nonNull(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  const s = node as { value?: unknown };
  if ('value' in s && s.value === null) return undefined;
  return node;
}

/** PSS baseline "Capabilities": what may be added beyond the runtime defaults. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** PSS baseline "Sysctls": the safe set (namespaced, isolated per pod), as of Kubernetes 1.32. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/** PSS restricted "Volume Types": the only volume sources allowed. */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** PSS baseline "SELinux": the only `seLinuxOptions.type` values allowed (empty means the default). */
export const ALLOWED_SELINUX_TYPES: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

/** The capability names of `securityContext.capabilities.<list>` with their nodes. */
export function capabilityItems(
  c: Container,
  list: 'add' | 'drop',
): { readonly name: string; readonly node: Node; readonly index: number }[] {
  const caps = asMap(valueAt(c.securityContext, 'capabilities'));
  const seq = valueAt(caps, list) as { items?: unknown[] } | undefined;
  const out: { name: string; node: Node; index: number }[] = [];
  (seq?.items ?? []).forEach((item, index) => {
    const name = stringOf(item);
    if (name !== undefined) out.push({ name, node: item as Node, index });
  });
  return out;
}

/** The legacy seccomp annotations that apply to a container (`container.seccomp…/<name>`, then `…/pod`). */
export function seccompAnnotation(c: Container): { readonly value: string; readonly node: Node } | undefined {
  const annotations = asMap(valueAt(c.workload.podMetadata, 'annotations'));
  for (const key of [
    `container.seccomp.security.alpha.kubernetes.io/${c.name}`,
    'seccomp.security.alpha.kubernetes.io/pod',
  ]) {
    const node = valueAt(annotations, key);
    const value = stringOf(node);
    if (node && value !== undefined) return { value, node };
  }
  return undefined;
}

/** The legacy AppArmor annotation of a container (`container.apparmor.security.beta.kubernetes.io/<name>`). */
export function appArmorAnnotation(c: Container): { readonly value: string; readonly node: Node } | undefined {
  const annotations = asMap(valueAt(c.workload.podMetadata, 'annotations'));
  const node = valueAt(annotations, `container.apparmor.security.beta.kubernetes.io/${c.name}`);
  const value = stringOf(node);
  return node && value !== undefined ? { value, node } : undefined;
}
