import { asMap, asSeq, spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import type { KubernetesRule } from '../rule-kit.js';
import { describeWorkload } from '../subjects.js';

/** Sockets whose owner can start privileged containers on the node. */
const RUNTIME_SOCKETS =
  /^\/(var\/)?run\/(docker\.sock|containerd\/containerd\.sock|crio\/crio\.sock|podman\/podman\.sock)$/;

/** The container runtime's socket is root on the node. */
export const DK1008: KubernetesRule = {
  meta: {
    id: 'DK1008',
    kind: 'kubernetes',
    title: 'Container runtime socket mounted',
    severity: 'critical',
    why: 'Whoever can talk to docker.sock (or containerd/CRI-O/Podman sockets) can start a privileged container with the node’s root file system: it is root on the node.',
    fix: 'Do not mount the runtime socket; build images with a daemonless builder (BuildKit rootless, kaniko, buildah) and read container data through the Kubernetes API.',
    aliases: ['KSV006', 'AVD-KSV-0006', 'CKV_K8S_27', 'PSS:HostPath Volumes'],
    pss: { level: 'baseline', control: 'HostPath Volumes' },
    peerNotes:
      'Trivy KSV006 and Checkov CKV_K8S_27 look for docker.sock only; the containerd, CRI-O and Podman sockets are just as powerful.',
    example: {
      bad: 'volumes:\n- name: docker\n  hostPath:\n    path: /var/run/docker.sock',
      good: 'volumes:\n- name: cache\n  emptyDir: {}',
    },
  },
  check({ subject: w, report }) {
    for (const item of asSeq(valueAt(w.podSpec, 'volumes'))?.items ?? []) {
      const volume = asMap(item);
      const pathNode = valueAt(asMap(valueAt(volume, 'hostPath')), 'path');
      const path = stringOf(pathNode)?.replace(/\/+$/, '');
      if (!pathNode || !path || !RUNTIME_SOCKETS.test(path)) continue;
      report({
        message: `${describeWorkload(w)} mounts the container runtime socket ${path}: root on the node`,
        span: spanOf(pathNode),
      });
    }
  },
};
