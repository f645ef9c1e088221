import type { VerifyReporter } from './formats.js';

/**
 * docs/schemas/verify-report.v1.json: every field always present (optional ones null), so
 * consumers never test for a missing key; fields are only added within a schemaVersion.
 */
export const verifyJsonReporter: VerifyReporter = {
  id: 'json',
  description: 'the report as JSON (docs/schemas/verify-report.v1.json)',
  render(report) {
    const s = report.source;
    const d = report.distro;
    const doc = {
      schemaVersion: report.schemaVersion,
      tool: report.tool,
      target: report.target,
      source: {
        kind: s.kind,
        indexDigest: s.indexDigest ?? null,
        manifestDigest: s.manifestDigest ?? null,
        configDigest: s.configDigest ?? null,
        platform: s.platform ?? null,
      },
      distro: d
        ? {
            id: d.id,
            versionId: d.versionId ?? null,
            versionCodename: d.versionCodename ?? null,
            prettyName: d.prettyName ?? null,
          }
        : null,
      generatedAt: report.generatedAt,
      image: {
        user: report.image.user,
        layers: report.image.layers.map((l) => ({
          index: l.index,
          digest: l.digest,
          size: l.size,
          createdBy: l.createdBy ?? null,
          steps: l.steps,
        })),
        packages: report.image.packages,
      },
      failOn: report.failOn,
      verdict: report.verdict,
      results: report.results.map((r) => ({
        id: r.id,
        title: r.title,
        section: r.section,
        severity: r.severity,
        aliases: r.aliases,
        guide: r.guide ?? null,
        status: r.status,
        evidence: r.evidence,
        findings: r.findings.map((f) => ({
          message: f.message,
          path: f.location?.path ?? null,
          line: f.location?.line ?? null,
          layer: f.location?.layer ?? null,
          field: f.field ?? null,
        })),
        data: r.data ?? null,
        why: r.why,
        fix: r.fix,
        ms: r.ms,
      })),
      warnings: report.warnings.map((w) => ({ path: w.path ?? null, message: w.message })),
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  },
};
