import { DrydockError } from '../../core/errors.js';
import { imageBaseName, parseImageRef } from '../../core/image-ref.js';
import { YamlEditor, type YamlValue } from '../yaml-edits.js';
import { writablePaths } from './harden.js';
import { DEFAULT_APP_UID } from './rules/DK2004.js';

export interface GenerateKubernetesOptions {
  /** The image to run: `ghcr.io/org/app:1.4.2@sha256:…` (a digest makes the result check clean). */
  readonly image: string;
  /** Numeric non-root UID (default 1000, the guide's). */
  readonly user?: number;
  /** Port the app listens on: adds the container port, TCP probes and a ClusterIP Service. */
  readonly port?: number;
  /** Name of the objects and the container (default: the image's base name). */
  readonly name?: string;
  readonly replicas?: number;
}

export interface GeneratedManifest {
  /** Multi-document YAML: ServiceAccount, Deployment and (with a port) Service. */
  readonly text: string;
  /** What the user still has to do (pin the digest, check the writable paths). */
  readonly notes: readonly string[];
}

/**
 * `drydock generate k8s --image REF --user 1000 --port 8000`: a Deployment that passes every
 * Kubernetes rule — the guide's securityContext, PSS restricted at pod and container level, no
 * service account token, resources, an emptyDir for each path the image writes to — ready to edit.
 * Built as data and rendered by the same YAML writer harden uses.
 */
export function generateKubernetes(options: GenerateKubernetesOptions): GeneratedManifest {
  const parsed = parseImageRef(options.image.trim());
  if (!parsed.ok) throw new DrydockError('usage', `--image: ${parsed.error}`, { where: options.image });
  const user = options.user ?? DEFAULT_APP_UID;
  if (!Number.isInteger(user) || user < 1)
    throw new DrydockError('usage', `--user must be a non-zero numeric UID (got ${user})`);
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)) {
    throw new DrydockError('usage', `--port must be 1-65535 (got ${options.port})`);
  }
  const name = dnsLabel(options.name ?? imageBaseName(parsed.ref));
  const notes: string[] = [];
  if (!parsed.ref.digest) {
    notes.push(`pin the image by digest (drydock pin, or ${options.image}@sha256:…): DK5002 reports it until then`);
  }
  if (!parsed.ref.digest && (parsed.ref.tag === undefined || parsed.ref.tag === 'latest')) {
    notes.push(`name a version tag instead of ${parsed.ref.tag ?? 'no tag'}: DK5001 reports it`);
  }
  if (options.port !== undefined && options.port < 1024) {
    notes.push(
      `port ${options.port} is below 1024: a non-root process needs NET_BIND_SERVICE (added) or a higher port`,
    );
  }
  const paths = writablePaths(options.image);
  notes.push(`emptyDir volumes at ${paths.join(', ')}: add any other path the app writes to`);

  const labels = { 'app.kubernetes.io/name': name };
  const capabilities: Record<string, YamlValue> = { drop: ['ALL'] };
  if (options.port !== undefined && options.port < 1024) capabilities.add = ['NET_BIND_SERVICE'];
  const container: Record<string, YamlValue> = {
    name,
    image: options.image.trim(),
    imagePullPolicy: 'IfNotPresent',
  };
  if (options.port !== undefined) {
    container.ports = [{ name: 'http', containerPort: options.port, protocol: 'TCP' }];
    container.readinessProbe = { tcpSocket: { port: 'http' }, periodSeconds: 10 };
    container.livenessProbe = { tcpSocket: { port: 'http' }, initialDelaySeconds: 10, periodSeconds: 20 };
  }
  container.resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
  container.securityContext = {
    runAsNonRoot: true,
    runAsUser: user,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const volumes = paths.map((path, i) => ({
    name: i === 0 ? 'tmp' : dnsLabel(path.split('/').filter(Boolean).slice(-2).join('-')),
    path,
  }));
  container.volumeMounts = volumes.map((v) => ({ name: v.name, mountPath: v.path }));

  const serviceAccount: YamlValue = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, labels },
    automountServiceAccountToken: false,
  };
  const deployment: YamlValue = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: options.replicas ?? 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: user,
            runAsGroup: user,
            fsGroup: user,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [container],
          volumes: volumes.map((v) => ({ name: v.name, emptyDir: {} })),
        },
      },
    },
  };
  const documents: YamlValue[] = [serviceAccount, deployment];
  if (options.port !== undefined) {
    documents.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels },
      spec: { selector: labels, ports: [{ name: 'http', port: options.port, targetPort: 'http', protocol: 'TCP' }] },
    });
  }
  // The writer renders into an empty text with the house style: two spaces, sequences indented.
  const writer = new YamlEditor('', { json: false, eol: '\n', indent: '  ', indentSequences: true });
  const header = `# Generated by drydock generate k8s: Pod Security Standards restricted and the container security guide.\n`;
  const body = documents
    .map((doc) =>
      Object.entries(doc as Record<string, YamlValue>)
        .map(([k, v]) => writer.renderBlockPair(k, v, ''))
        .join('\n'),
    )
    .join('\n---\n');
  return { text: `${header}${body}\n`, notes };
}

/** Kubernetes object names: lower-case DNS labels. */
function dnsLabel(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'app'
  );
}
