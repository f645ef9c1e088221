import { type Severity, severityRank } from '../../core/severity.js';
import type { FindingSeverity } from '../../match/finding.js';
import type { Dependency } from '../model.js';
import { audited, type DepsRule } from '../rule.js';
import type { PinVulnerability, VersionConstraint } from '../vulnerabilities.js';

/** Advisories that carry no rating (most PyPA records) count as medium: known, but not judged. */
export const UNRATED_SEVERITY: Severity = 'medium';

function rated(severity: FindingSeverity): Severity {
  return severity === 'unknown' ? UNRATED_SEVERITY : severity;
}

const MAX_IDS = 6;

function describe(vulns: readonly PinVulnerability[]): string {
  const sorted = [...vulns].sort(
    (a, b) => severityRank(rated(b.severity)) - severityRank(rated(a.severity)) || a.id.localeCompare(b.id),
  );
  const shown = sorted.slice(0, MAX_IDS).map((v) => `${v.id}${v.severity === 'unknown' ? '' : ` ${v.severity}`}`);
  const more = sorted.length > MAX_IDS ? `, +${sorted.length - MAX_IDS} more` : '';
  return `${shown.join(', ')}${more}`;
}

function constraintList(constraints: readonly VersionConstraint[]): string {
  return constraints.map((c) => `${c.specifier} (${c.from})`).join(', ');
}

/** What to run when the version lives in a generated lock file. */
function lockAdvice(d: Dependency, version: string): string {
  switch (d.format) {
    case 'poetry-lock':
      return `run \`poetry update ${d.name}\` (raise the constraint in pyproject.toml if it excludes ${version})`;
    case 'uv-lock':
      return `run \`uv lock --upgrade-package ${d.name}==${version}\``;
    case 'pipfile-lock':
      return `run \`pipenv update ${d.name}\``;
    case 'package-lock':
      return d.direct
        ? `run \`npm install ${d.name}@${version}\``
        : `run \`npm update ${d.name}\`, or add "overrides": {"${d.name}": "${version}"} to package.json`;
    default:
      return `regenerate ${d.path}`;
  }
}

/** A pinned version with published advisories, and the smallest upgrade the other constraints allow. */
export const DP1004: DepsRule = {
  meta: {
    id: 'DP1004',
    title: 'Pinned version has known vulnerabilities',
    severity: 'high',
    why: 'The pinned release has published advisories (OSV): the fix exists, but this build still installs the vulnerable code.',
    fix: 'Raise the pin to the fixed version drydock names (`drydock deps fix --write`), or regenerate the lock with it.',
    aliases: [],
    fixable: true,
    example: { bad: 'django==4.2.7', good: 'django==4.2.11' },
  },
  check(ctx) {
    if (!ctx.vulnerabilitiesChecked) return;
    for (const d of ctx.manifest.dependencies) {
      if (!audited(d) || d.pin === undefined) continue;
      const assessment = ctx.assess(d);
      if (!assessment || assessment.vulnerabilities.length === 0) continue;
      const vulns = assessment.vulnerabilities;
      const severity = vulns
        .map((v) => rated(v.severity))
        .reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
      const count = `${vulns.length} known vulnerabilit${vulns.length === 1 ? 'y' : 'ies'}`;
      const head = `${d.name} ${d.pin.version} has ${count} (${describe(vulns)})`;
      const upgrade = assessment.upgrade;
      if (upgrade === undefined) {
        const tail =
          assessment.upgradeIgnoringConstraints !== undefined
            ? `; ${assessment.upgradeIgnoringConstraints} fixes them but is excluded by ${constraintList(assessment.blockedBy ?? [])}`
            : '; no fixed version is known';
        ctx.report({ message: `${head}${tail}`, span: d.span, severity });
        continue;
      }
      const constraints = ctx.constraintsFor(d);
      const within = constraints.length > 0 ? ` (within ${constraintList(constraints)})` : '';
      if (d.role === 'locked') {
        ctx.report({
          message: `${head}; ${upgrade} fixes them${within}: ${lockAdvice(d, upgrade)}`,
          span: d.span,
          severity,
        });
        continue;
      }
      const span = d.pin.span;
      if (span === undefined || d.fixBlocker !== undefined) {
        const why = d.fixBlocker ?? 'the version cannot be edited in place';
        ctx.report({ message: `${head}; upgrade to ${upgrade}${within} (${why})`, span: d.span, severity });
        continue;
      }
      ctx.report({
        message: `${head}; upgrade to ${upgrade}${within}`,
        span: d.span,
        severity,
        fix: { description: `raise ${d.name} to ${upgrade}`, edits: [{ span, text: upgrade }] },
      });
    }
  },
};
