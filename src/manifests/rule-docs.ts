import { aliasTool as dockerfileAliasTool, ruleBodySections } from '../dockerfile/rule-docs.js';
import type { ManifestKind, ManifestRuleMeta } from './rule.js';

/** Source folder of each kind, below `src/manifests/` (also where its rule files live). */
export const MANIFEST_KIND_DIR: Readonly<Record<ManifestKind, string>> = {
  kubernetes: 'k8s',
  ecs: 'ecs',
  compose: 'compose',
  railway: 'railway',
};

const KIND_LABEL: Readonly<Record<ManifestKind, string>> = {
  kubernetes: 'Kubernetes',
  ecs: 'AWS ECS task definition',
  compose: 'docker-compose',
  railway: 'Railway',
};

const FENCE: Readonly<Record<ManifestKind, string>> = {
  kubernetes: 'yaml',
  ecs: 'json',
  compose: 'yaml',
  railway: 'toml',
};

/** The peer tool an alias belongs to (Kubernetes/ECS/compose peers, then the Dockerfile ones). */
export function manifestAliasTool(alias: string): string {
  if (/^(AVD-)?KSV-?\d+$/.test(alias)) return 'Trivy';
  if (/^(AVD-)?(AWS|DS)-?\d+$/.test(alias)) return 'Trivy';
  if (/^CKV2?_(K8S|AWS|DOCKER)_\d+$/.test(alias)) return 'Checkov';
  // KICS query ids are UUIDs (shortened to their first block in some aliases).
  if (/^(KICS[ -])?[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/.test(alias)) return 'KICS';
  if (/^PSS[:/ ]/i.test(alias) || /^pss-/i.test(alias)) return 'Pod Security Standards';
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(alias)) return 'kube-score';
  if (/^[a-z][A-Za-z0-9]+$/.test(alias)) return 'Polaris';
  return dockerfileAliasTool(alias);
}

export function renderManifestRulePage(m: ManifestRuleMeta): string {
  const lines = [
    `# ${m.id}: ${m.title}`,
    '',
    '| | |',
    '|---|---|',
    `| Applies to | ${KIND_LABEL[m.kind]} |`,
    `| Severity | ${m.severity} |`,
    ...(m.pss ? [`| Pod Security Standards | ${m.pss.level}: ${m.pss.control} |`] : []),
    `| Enabled by default | ${m.optional ? 'no (select it with `--only`)' : 'yes'} |`,
    `| Auto-fix (harden) | ${m.fixable ? 'yes' : 'no'} |`,
    `| Aliases | ${m.aliases.length > 0 ? m.aliases.map((a) => `\`${a}\` (${manifestAliasTool(a)})`).join(', ') : '—'} |`,
    '',
    ...ruleBodySections(m, FENCE[m.kind]),
  ];
  lines.push(
    '## Suppress',
    '',
    `\`# drydock-ignore=${m.id} reason\` on the line above (YAML), or \`# drydock-ignore-file=${m.id}\` anywhere in the file.`,
    '',
  );
  return lines.join('\n');
}

/** One table per kind, appended to the rules index. */
export function renderManifestRulesIndex(metas: readonly ManifestRuleMeta[]): string {
  const lines: string[] = [];
  for (const kind of Object.keys(KIND_LABEL) as ManifestKind[]) {
    const ofKind = metas.filter((m) => m.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(
      `## ${KIND_LABEL[kind]} rules`,
      '',
      '| id | title | severity | PSS | aliases | fix |',
      '|---|---|---|---|---|---|',
    );
    for (const m of ofKind) {
      lines.push(
        `| [${m.id}](${m.id}.md) | ${m.title.replace(/\|/g, '\\|')} | ${m.severity}${m.optional ? ' (optional)' : ''} | ${m.pss?.level ?? ''} | ${m.aliases.join(', ') || '—'} | ${m.fixable ? 'yes' : ''} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
