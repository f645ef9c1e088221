import * as CDX from '@cyclonedx/cyclonedx-library';
import type { Package } from '../catalog/package.js';
import type { FindingSeverity, VulnerabilityFinding } from '../match/finding.js';
import type { Suppression } from '../policy/budget.js';
import type { ScanReporter } from './scan-formats.js';

const Vuln = CDX.Models.Vulnerability;
const VEnum = CDX.Enums.Vulnerability;

const SEVERITY: Record<FindingSeverity, CDX.Enums.Vulnerability.Severity> = {
  critical: VEnum.Severity.Critical,
  high: VEnum.Severity.High,
  medium: VEnum.Severity.Medium,
  low: VEnum.Severity.Low,
  info: VEnum.Severity.Info,
  unknown: VEnum.Severity.Unknown,
};

const METHOD: Record<string, CDX.Enums.Vulnerability.RatingMethod> = {
  '2.0': VEnum.RatingMethod.CVSSv2,
  '3.0': VEnum.RatingMethod.CVSSv3,
  '3.1': VEnum.RatingMethod.CVSSv31,
  '4.0': VEnum.RatingMethod.CVSSv4,
};

/** OpenVEX justifications in CycloneDX terms (the CISA "VEX status justifications" crosswalk). */
const JUSTIFICATION: Record<string, CDX.Enums.Vulnerability.AnalysisJustification> = {
  component_not_present: VEnum.AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_present: VEnum.AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_in_execute_path: VEnum.AnalysisJustification.CodeNotReachable,
  vulnerable_code_cannot_be_controlled_by_adversary: VEnum.AnalysisJustification.ProtectedByMitigatingControl,
  inline_mitigations_already_exist: VEnum.AnalysisJustification.ProtectedByMitigatingControl,
};

function packageKey(purl: string, path: string | undefined): string {
  return `${purl}\u0000${path ?? ''}`;
}

/**
 * CycloneDX 1.6 with vulnerabilities: the scanned packages as components and one vulnerability per
 * (package, vulnerability) pointing at its component. Suppressions become the VEX `analysis` (VEX
 * `not_affected` with its justification, `fixed` as resolved, ignore entries as detail), so the BOM
 * carries the team's decisions along with the findings.
 */
export const scanCycloneDxReporter: ScanReporter = {
  id: 'cyclonedx',
  description: 'CycloneDX 1.6 JSON with vulnerabilities and VEX analysis',
  render(report) {
    const bom = new CDX.Models.Bom();
    bom.metadata.timestamp = new Date(report.generatedAt);
    bom.metadata.tools.components.add(
      new CDX.Models.Component(CDX.Enums.ComponentType.Application, report.tool.name, { version: report.tool.version }),
    );
    const digest = report.source?.indexDigest ?? report.source?.manifestDigest;
    bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Container, report.target, {
      bomRef: 'drydock:target',
      ...(digest ? { version: digest } : {}),
    });
    const refs = new Map<string, CDX.Models.Component>();
    const used = new Set<string>();
    const addComponent = (p: Pick<Package, 'name' | 'version' | 'purl'>, path: string | undefined) => {
      const key = packageKey(p.purl, path);
      const known = refs.get(key);
      if (known) return known;
      let ref = p.purl;
      for (let n = 2; used.has(ref); n++) ref = `${p.purl}#${n}`;
      used.add(ref);
      const c = new CDX.Models.Component(CDX.Enums.ComponentType.Library, p.name, {
        version: p.version,
        bomRef: ref,
        purl: p.purl,
      });
      if (path) c.properties.add(new CDX.Models.Property('drydock:location:path', path));
      bom.components.add(c);
      refs.set(key, c);
      return c;
    };
    for (const p of report.packages) addComponent(p, p.locations[0]?.path);
    for (const { finding, suppressed } of report.findings) {
      const component = addComponent(finding.package, finding.package.path);
      bom.vulnerabilities.add(vulnerability(finding, suppressed, component));
    }
    const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
    return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
  },
};

function vulnerability(
  f: VulnerabilityFinding,
  suppressed: Suppression | undefined,
  component: CDX.Models.Component,
): CDX.Models.Vulnerability.Vulnerability {
  const v = new Vuln.Vulnerability({
    bomRef: `drydock:vuln:${f.id}:${component.bomRef.value ?? ''}`,
    id: f.id,
    source: new Vuln.Source({ name: f.advisories[0]?.source ?? f.namespace }),
    ...(f.title ? { description: f.title } : {}),
    ...(f.status === 'fixed' && f.fixedVersion
      ? { recommendation: `Upgrade ${f.package.name} to ${f.fixedVersion}` }
      : {}),
  });
  for (const alias of f.aliases) v.references.add(new Vuln.Reference(alias, new Vuln.Source({ name: 'alias' })));
  v.ratings.add(
    new Vuln.Rating({ severity: SEVERITY[f.severity], source: new Vuln.Source({ name: f.severitySource }) }),
  );
  if (f.cvss) {
    v.ratings.add(
      new Vuln.Rating({
        score: f.cvss.score,
        vector: f.cvss.vector,
        method: METHOD[f.cvss.version] ?? VEnum.RatingMethod.Other,
      }),
    );
  }
  const affect = new Vuln.Affect(component.bomRef);
  affect.versions.add(new Vuln.AffectedSingleVersion(f.installedVersion, { status: VEnum.AffectStatus.Affected }));
  v.affects.add(affect);
  v.analysis = analysis(f, suppressed);
  v.properties.add(new CDX.Models.Property('drydock:status', f.status));
  if (f.fixedVersion) v.properties.add(new CDX.Models.Property('drydock:fixedVersion', f.fixedVersion));
  if (f.layer) v.properties.add(new CDX.Models.Property('drydock:layer', f.layer));
  return v;
}

function analysis(f: VulnerabilityFinding, s: Suppression | undefined): CDX.Models.Vulnerability.Analysis {
  const a = new Vuln.Analysis();
  if (f.status === 'fixed') a.response.add(VEnum.AnalysisResponse.Update);
  if (f.status === 'wont-fix') a.response.add(VEnum.AnalysisResponse.WillNotFix);
  if (f.status === 'unfixed') a.response.add(VEnum.AnalysisResponse.CanNotFix);
  // No state without a decision: "exploitable" would claim an analysis nobody made.
  if (!s) return a;
  if (s.by === 'vex' && s.reason.startsWith('not_affected')) {
    a.state = VEnum.AnalysisState.NotAffected;
    const justification = /^not_affected \(([a-z_]+)/.exec(s.reason)?.[1];
    const mapped = justification ? JUSTIFICATION[justification] : undefined;
    if (mapped) a.justification = mapped;
  } else if (s.by === 'vex') {
    a.state = VEnum.AnalysisState.Resolved;
  }
  // Ignore entries accept a risk; CycloneDX has no state for that, so only the detail says it.
  a.detail = `${s.by}: ${s.reason}${s.where ? ` (${s.where})` : ''}`;
  return a;
}
