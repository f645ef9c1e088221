import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { serviceVolumes } from '../service-fields.js';
import type { ComposeService } from '../subjects.js';

/** Sockets (and the directories holding them) that hand out control of the host's container runtime. */
const RUNTIME_SOCKET =
  /^\/{1,2}(var\/)?run(\/(docker|docker\.sock|podman(\/podman\.sock)?|containerd(\/containerd\.sock)?|crio(\/crio\.sock)?))?\/?$/;

/** Mounting the Docker socket is root on the host with extra steps. */
export const DC1002: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC1002',
    kind: 'compose',
    title: 'Container runtime socket mounted',
    severity: 'high',
    why: 'Whoever can talk to /var/run/docker.sock can start a privileged container with the host filesystem mounted: the mount hands root on the host to the service (CIS Docker Benchmark 5.31).',
    fix: 'Remove the socket mount; if a tool really needs the Docker API, give it a filtering socket proxy with only the calls it needs.',
    aliases: ['d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b'],
    example: {
      bad: 'services:\n  web:\n    image: app:1.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock',
      good: 'services:\n  web:\n    image: app:1.0\n    volumes:\n      - data:/data',
    },
  },
  check({ subject, report }) {
    for (const volume of serviceVolumes(subject)) {
      if (volume.type !== 'bind' || !volume.source || !RUNTIME_SOCKET.test(volume.source)) continue;
      const what = /\.sock$/.test(volume.source)
        ? 'the container runtime socket'
        : 'the directory of the runtime socket';
      report({
        message: `service "${subject.name}" mounts ${what} (${volume.source})${volume.readOnly ? '; :ro does not make the API read-only' : ''}`,
        span: spanOf(volume.node),
      });
    }
  },
};
