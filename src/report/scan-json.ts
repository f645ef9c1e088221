import type { GatedFinding } from '../policy/budget.js';
import type { ScanReporter } from './scan-formats.js';

/** Schema docs/schemas/scan-report.v1.json: fields are only added within a schemaVersion. */
export const SCAN_JSON_SCHEMA_VERSION = 1;

/** Absent optional values are `null`, not missing: consumers (jq, dashboards) can rely on every key. */
function finding(g: GatedFinding): object {
  const f = g.finding;
  const p = f.package;
  return {
    id: f.id,
    aliases: f.aliases,
    package: {
      name: p.name,
      version: p.version,
      type: p.type,
      purl: p.purl,
      sourceName: p.sourceName ?? null,
      sourceVersion: p.sourceVersion ?? null,
      path: p.path ?? null,
    },
    installedVersion: f.installedVersion,
    matchedVersion: f.matchedVersion,
    namespace: f.namespace,
    matcher: f.matcher,
    status: f.status,
    fixedVersion: f.fixedVersion ?? null,
    statusReason: f.statusReason ?? null,
    severity: f.severity,
    score: f.score ?? null,
    cvss: f.cvss ? { version: f.cvss.version, vector: f.cvss.vector, score: f.cvss.score } : null,
    severitySource: f.severitySource,
    title: f.title ?? null,
    layer: f.layer ?? null,
    layerCreatedBy: f.layerCreatedBy ?? null,
    advisories: f.advisories.map((a) => ({
      id: a.id,
      source: a.source,
      status: a.status,
      fixedVersion: a.fixedVersion ?? null,
    })),
    suppressed: g.suppressed
      ? { by: g.suppressed.by, reason: g.suppressed.reason, where: g.suppressed.where ?? null }
      : null,
  };
}

export const scanJsonReporter: ScanReporter = {
  id: 'json',
  description: 'stable JSON (docs/schemas/scan-report.v1.json)',
  render(report) {
    const v = report.verdict;
    const out = {
      schemaVersion: SCAN_JSON_SCHEMA_VERSION,
      tool: report.tool,
      target: report.target,
      source: report.source ?? null,
      distro: report.distro
        ? {
            id: report.distro.id,
            versionId: report.distro.versionId ?? null,
            versionCodename: report.distro.versionCodename ?? null,
            prettyName: report.distro.prettyName ?? null,
          }
        : null,
      generatedAt: report.generatedAt,
      db: report.db ?? null,
      summary: {
        packages: report.packages.length,
        total: v.counts.total,
        bySeverity: v.counts.bySeverity,
        byStatus: v.counts.byStatus,
        suppressed: v.suppressed,
        hidden: v.hidden,
      },
      verdict: {
        exitCode: v.exitCode,
        passed: v.passed,
        failOn: v.failOn ?? null,
        max: v.max ?? null,
        reasons: v.reasons,
        notices: v.notices,
      },
      findings: report.findings.map(finding),
      upgrades: report.upgrades.map((u) => ({
        package: {
          name: u.package.name,
          version: u.package.version,
          purl: u.package.purl,
          path: u.package.path ?? null,
        },
        to: u.to,
        fixes: u.fixes,
        remaining: u.remaining,
        ids: u.ids,
      })),
      errors: report.errors.map((e) => ({ path: e.path ?? null, message: e.message })),
    };
    return `${JSON.stringify(out, null, 2)}\n`;
  },
};
