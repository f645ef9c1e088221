import type * as Sarif from 'sarif';
import { compareSeverity } from '../core/severity.js';
import type { FindingSeverity, VulnerabilityFinding } from '../match/finding.js';
import { sarifLog } from './sarif-log.js';
import type { ScanReporter } from './scan-formats.js';
import { statusText } from './scan-summary.js';

const LEVEL: Record<FindingSeverity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
  unknown: 'warning',
};

/** GitHub code scanning ranks by `security-severity` (0–10); a real CVSS score beats the band's midpoint. */
const BAND_SCORE: Record<FindingSeverity, number> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 3.0,
  info: 0.0,
  unknown: 5.0,
};

function worse(a: FindingSeverity, b: FindingSeverity): FindingSeverity {
  if (a === 'unknown') return b;
  if (b === 'unknown') return a;
  return compareSeverity(a, b) >= 0 ? a : b;
}

function message(f: VulnerabilityFinding): string {
  const p = f.package;
  return `${p.name} ${p.version}${p.sourceName && p.sourceName !== p.name ? ` (source ${p.sourceName})` : ''}: ${f.id} (${f.severity}), ${statusText(f)}`;
}

/**
 * SARIF 2.1.0: one rule per vulnerability id, one result per (package, vulnerability) located at the
 * file the package was catalogued from. Suppressed findings stay in the log with a SARIF suppression
 * (VEX/ignore reason), so code scanning shows them as dismissed rather than forgetting them.
 */
export const scanSarifReporter: ScanReporter = {
  id: 'sarif',
  description: 'SARIF 2.1.0 (GitHub code scanning)',
  render(report) {
    const ruleIds: string[] = [];
    const ruleFindings = new Map<string, VulnerabilityFinding[]>();
    for (const { finding } of report.findings) {
      if (!ruleFindings.has(finding.id)) ruleIds.push(finding.id);
      ruleFindings.set(finding.id, [...(ruleFindings.get(finding.id) ?? []), finding]);
    }
    const rules: Sarif.ReportingDescriptor[] = ruleIds.map((id) => {
      const fs = ruleFindings.get(id) ?? [];
      const severity = fs.map((f) => f.severity).reduce(worse, 'unknown');
      const score = Math.max(...fs.map((f) => f.score ?? BAND_SCORE[f.severity]));
      const title = fs.find((f) => f.title)?.title ?? id;
      const aliases = [...new Set(fs.flatMap((f) => f.aliases))];
      return {
        id,
        shortDescription: { text: title },
        fullDescription: { text: aliases.length ? `${title} (${aliases.join(', ')})` : title },
        helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
        help: { text: `${title}. Upgrade the affected package to a fixed version when one exists.` },
        defaultConfiguration: { level: LEVEL[severity] },
        properties: {
          tags: ['security', 'vulnerability', ...aliases],
          'security-severity': score.toFixed(1),
          precision: 'very-high',
        },
      };
    });
    const results: Sarif.Result[] = report.findings.map(({ finding: f, suppressed }) => {
      const uri = (f.package.path ?? report.target).split('/').map(encodeURIComponent).join('/');
      const result: Sarif.Result = {
        ruleId: f.id,
        ruleIndex: ruleIds.indexOf(f.id),
        level: LEVEL[f.severity],
        message: { text: message(f) },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
            logicalLocations: [{ name: f.package.name, fullyQualifiedName: f.package.purl, kind: 'package' }],
          },
        ],
        partialFingerprints: { 'drydock/vulnerability/v1': `${f.id}|${f.package.purl}|${f.package.path ?? ''}` },
        properties: {
          purl: f.package.purl,
          installedVersion: f.installedVersion,
          status: f.status,
          ...(f.fixedVersion ? { fixedVersion: f.fixedVersion } : {}),
          severity: f.severity,
          severitySource: f.severitySource,
          ...(f.layer ? { layer: f.layer } : {}),
          ...(f.layerCreatedBy ? { layerCreatedBy: f.layerCreatedBy } : {}),
        },
      };
      if (suppressed) {
        result.suppressions = [
          { kind: 'external', status: 'accepted', justification: `${suppressed.by}: ${suppressed.reason}` },
        ];
      }
      return result;
    });
    const log = sarifLog(
      report.tool.version,
      rules,
      results,
      report.errors.map((e) => ({
        level: 'error' as const,
        message: { text: e.path ? `${e.path}: ${e.message}` : e.message },
      })),
    );
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};
