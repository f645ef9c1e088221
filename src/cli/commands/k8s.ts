import type { Command } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { registerManifestCommands } from '../manifest-commands.js';

/** `drydock k8s check|harden`: Pod Security Standards and the guide's hardening for Kubernetes YAML/JSON. */
export function registerK8s(program: Command, setExit: (code: number) => void): void {
  registerManifestCommands(program, setExit, {
    name: 'k8s',
    description: 'Check and harden Kubernetes manifests (Pod Security Standards baseline and restricted, the guide)',
    load: async () => {
      const [{ kubernetesChecker }, { hardenKubernetes }] = await Promise.all([
        import('../../manifests/k8s/index.js'),
        import('../../manifests/k8s/harden.js'),
      ]);
      return {
        checker: kubernetesChecker,
        harden: (text, path, { user }) => {
          // runAsUser is a number in a pod spec: names are for compose and ECS only.
          const uid = Number(user);
          if (!Number.isInteger(uid) || uid < 1) {
            throw new DrydockError('usage', `--user must be a non-zero numeric UID for Kubernetes (got "${user}")`);
          }
          const result = hardenKubernetes(text, path, { user: uid });
          return { ...result, messages: result.notes.map((n) => `note: ${n}`) };
        },
      };
    },
    checkExamples: `  drydock k8s check deploy/                      every manifest under deploy/
  drydock k8s check app.yaml --fail-on high      fail only on high and critical findings
  drydock k8s check k8s/ --only KSV012 KSV014    just these peer checks
  drydock k8s check k8s/ -f sarif -o k8s.sarif

Suppress a finding with a comment on the line above (or at the end of the line):
  # drydock-ignore=DK1007 the log shipper reads /var/log`,
    hardenExamples: `  drydock k8s harden deploy.yaml                 show the diff
  drydock k8s harden deploy.yaml --write         apply it in place
  drydock k8s harden deploy.yaml -o deploy.secure.yaml
  drydock k8s harden k8s/ --check                CI: exit 1 when something is left to harden`,
    hardenSummary: `harden adds the guide's securityContext (runAsNonRoot, runAsUser, readOnlyRootFilesystem,
allowPrivilegeEscalation: false, capabilities drop ALL, seccomp RuntimeDefault), turns off privileged
mode, unconfined profiles and the automatic service account token, and mounts an emptyDir where a
read-only root file system would break a writable path (/tmp, nginx's cache, database directories).
Comments, key order, quoting and JSON stay as they are. What needs a human (hostPath, host namespaces,
resources, image digests, secrets in env) is listed on stderr.`,
    notRecognised: 'not a Kubernetes manifest (no apiVersion and kind)',
    userHelp: 'runAsUser to add where runAsNonRoot: true is added and no UID is set',
  });
}
