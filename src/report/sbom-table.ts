import type { SbomReporter } from './sbom-formats.js';

/** A table for people: type, name, version, source package, where. */
export const sbomTableReporter: SbomReporter = {
  id: 'table',
  render(sbom) {
    const rows = sbom.packages.map((p) => [
      p.type,
      p.name,
      p.version,
      p.metadata.sourceName && p.metadata.sourceName !== p.name ? p.metadata.sourceName : '',
      p.locations[0]?.path ?? '',
    ]);
    const header = ['TYPE', 'NAME', 'VERSION', 'SOURCE', 'FOUND IN'];
    const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
    const fmt = (r: string[]) =>
      r
        .map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i] ?? 0) : c))
        .join('  ')
        .trimEnd();
    const lines = [fmt(header), ...rows.map(fmt)];
    const distro = sbom.distro
      ? `${sbom.distro.prettyName ?? `${sbom.distro.id} ${sbom.distro.versionId ?? ''}`.trim()}`
      : 'unknown OS';
    lines.push('', `${sbom.packages.length} packages in ${sbom.target} (${distro})`);
    for (const w of sbom.warnings) lines.push(`warning: ${w.path}${w.line ? `:${w.line}` : ''}: ${w.message}`);
    return `${lines.join('\n')}\n`;
  },
};
