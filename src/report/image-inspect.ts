import type { Image } from '../sources/types.js';

/** What `drydock image inspect` shows: a pure function of the resolved image. */
export interface ImageDescription {
  readonly source: string;
  readonly indexDigest: string | null;
  readonly manifestDigest: string | null;
  readonly manifestMediaType: string | null;
  readonly configDigest: string | null;
  readonly platform: string | null;
  readonly created: string | null;
  /** Sum of the stored layer sizes. */
  readonly size: number;
  readonly config: {
    readonly user: string;
    readonly workingDir: string;
    readonly env: readonly string[];
    readonly entrypoint: readonly string[] | null;
    readonly cmd: readonly string[] | null;
    readonly exposedPorts: readonly string[];
    readonly labels: Readonly<Record<string, string>>;
    readonly healthcheck: readonly string[] | null;
    readonly stopSignal: string | null;
  };
  readonly layers: readonly {
    readonly digest: string;
    readonly diffId: string | null;
    readonly mediaType: string;
    readonly size: number;
    readonly createdBy: string | null;
  }[];
  readonly history: readonly {
    readonly created: string | null;
    readonly createdBy: string;
    readonly emptyLayer: boolean;
  }[];
}

export function describeImage(image: Image): ImageDescription {
  const c = image.config.config ?? {};
  const history = (image.config.history ?? []).map((h) => ({
    created: h.created ?? null,
    createdBy: h.created_by ?? '',
    emptyLayer: h.empty_layer === true,
  }));
  // History entries that made a layer line up, in order, with the layers.
  const layerHistory = history.filter((h) => !h.emptyLayer);
  const platform = image.platform
    ? `${image.platform.os}/${image.platform.architecture}${image.platform.variant ? `/${image.platform.variant}` : ''}`
    : image.config.os && image.config.architecture
      ? `${image.config.os}/${image.config.architecture}`
      : null;
  return {
    source: image.source,
    indexDigest: image.indexDigest ?? null,
    manifestDigest: image.manifestDigest ?? null,
    manifestMediaType: image.manifestMediaType ?? null,
    configDigest: image.configDigest ?? null,
    platform,
    created: image.config.created ?? null,
    size: image.layers.reduce((n, l) => n + l.size, 0),
    config: {
      user: c.User ?? '',
      workingDir: c.WorkingDir ?? '',
      env: c.Env ?? [],
      entrypoint: c.Entrypoint ?? null,
      cmd: c.Cmd ?? null,
      exposedPorts: Object.keys(c.ExposedPorts ?? {}).sort(),
      labels: c.Labels ?? {},
      healthcheck: c.Healthcheck?.Test ?? null,
      stopSignal: c.StopSignal ?? null,
    },
    layers: image.layers.map((l, i) => ({
      digest: l.digest,
      diffId: l.diffId ?? image.config.rootfs?.diff_ids[i] ?? null,
      mediaType: l.mediaType,
      size: l.size,
      createdBy: layerHistory[i]?.createdBy ?? null,
    })),
    history,
  };
}

export function renderImageJson(d: ImageDescription): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export function renderImageText(d: ImageDescription): string {
  const lines: string[] = [];
  const row = (k: string, v: string | null | undefined) => {
    if (v !== null && v !== undefined && v !== '') lines.push(`${`${k}:`.padEnd(18)}${v}`);
  };
  row('Source', d.source);
  row('Index digest', d.indexDigest);
  row('Manifest digest', d.manifestDigest);
  row('Manifest type', d.manifestMediaType);
  row('Config digest', d.configDigest);
  row('Platform', d.platform);
  row('Created', d.created);
  row('Size', `${formatBytes(d.size)} in ${d.layers.length} layer${d.layers.length === 1 ? '' : 's'}`);
  row('User', d.config.user === '' ? '(none: root)' : d.config.user);
  row('WorkingDir', d.config.workingDir);
  row('Entrypoint', d.config.entrypoint ? JSON.stringify(d.config.entrypoint) : null);
  row('Cmd', d.config.cmd ? JSON.stringify(d.config.cmd) : null);
  row('Exposed ports', d.config.exposedPorts.join(', '));
  row('Healthcheck', d.config.healthcheck ? JSON.stringify(d.config.healthcheck) : '(none)');
  row('Stop signal', d.config.stopSignal);
  if (d.config.env.length > 0) {
    lines.push('Env:');
    for (const e of d.config.env) lines.push(`  ${e}`);
  }
  const labels = Object.entries(d.config.labels);
  if (labels.length > 0) {
    lines.push('Labels:');
    for (const [k, v] of labels.sort()) lines.push(`  ${k}=${v}`);
  }
  lines.push('Layers:');
  d.layers.forEach((l, i) => {
    lines.push(
      `  ${String(i + 1).padStart(2)}  ${l.digest}  ${formatBytes(l.size).padStart(9)}  ${truncate(l.createdBy ?? '', 80)}`,
    );
  });
  if (d.history.length > 0) {
    lines.push('History:');
    for (const h of d.history)
      lines.push(`  ${h.created ?? ''}  ${h.emptyLayer ? '(no layer) ' : ''}${truncate(h.createdBy, 100)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

function truncate(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
