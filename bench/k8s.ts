// Kubernetes: parity with Trivy 0.68 `trivy config` on the 200-manifest corpus (for every KSV check a
// drydock rule lists as an alias: how many of Trivy's findings drydock reports too, and why each miss
// is one), and speed: the whole corpus in one drydock process against one trivy run.
// Writes bench/results/k8s.md. Run alone with `npx tsx bench/k8s.ts` (after `npm run build`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import type { Finding } from '../src/core/finding.js';
import { checkKubernetesText, KUBERNETES_RULES } from '../src/manifests/k8s/index.js';
import { measure, repeat, type Sample } from './measure.js';
import { TRIVY, trivyEnv } from './peers.js';

export const K8S_CORPUS = join(import.meta.dirname, '../../shared/data/k8s');
const root = join(import.meta.dirname, '..');

interface TrivyMisconfig {
  ID: string;
  Message: string;
  CauseMetadata?: { StartLine?: number; EndLine?: number };
}

export interface K8sParityRow {
  readonly id: string;
  readonly rules: readonly string[];
  trivy: number;
  matched: number;
  readonly misses: Map<string, number>;
}

/** Trivy ids that some drydock Kubernetes rule lists as an alias → those rules. */
function aliasMap(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const rule of KUBERNETES_RULES) {
    for (const alias of rule.meta.aliases) {
      if (/^KSV\d+$/.test(alias)) map.set(alias, [...(map.get(alias) ?? []), rule.meta.id]);
    }
  }
  return map;
}

interface MissContext {
  readonly id: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly fileErrors: boolean;
  /** drydock findings of rules aliased to the id, anywhere in the file. */
  readonly aliased: readonly Finding[];
  /** Messages of Trivy findings (same id, same file) that drydock matched. */
  readonly matchedMessages: ReadonlySet<string>;
}

/**
 * Why drydock does not report a Trivy finding, by category. Each category was checked by reading the
 * findings it covers; a miss that fits none is printed as "unexplained" (and fails the bench).
 */
function missReason(c: MissContext): string {
  if (c.fileErrors) {
    return 'the file has a duplicated mapping key (kubectl and the API server reject or silently drop one of them); drydock reports it as a located error instead of checking a guess';
  }
  const lines = c.text.split('\n');
  const blockScalarBefore = lines.slice(0, c.end).some((l) => /(:|-)\s+[|>][-+]?\s*$/.test(l));
  if (blockScalarBefore && c.aliased.some((f) => f.location.line > c.end && f.location.line <= c.end + 30)) {
    return "Trivy's line numbers run behind the text after a block scalar (`- |`), so its range ends before the container it names; drydock reports that container a few lines further down";
  }
  if (/^Container '/.test(c.message) && c.matchedMessages.has(c.message)) {
    return "Trivy reports the same container twice, once with another container's line range; drydock's one finding matches the other";
  }
  if (c.id === 'KSV013' && /<[^>]+>/.test(lines.slice(c.start - 1, c.end).join('\n'))) {
    return 'the image is a placeholder such as `<YOUR-CONTAINER>`, not an image reference: drydock skips values that do not parse as references (templates are filled in before deploy)';
  }
  return 'unexplained';
}

export async function k8sParity(scratch: string): Promise<K8sParityRow[]> {
  const out = join(scratch, 'trivy-k8s.json');
  execFileSync(TRIVY, ['config', '--skip-check-update', '--quiet', '-f', 'json', '-o', out, K8S_CORPUS], {
    env: trivyEnv(scratch),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const results =
    (JSON.parse(readFileSync(out, 'utf8')) as { Results?: { Target: string; Misconfigurations?: TrivyMisconfig[] }[] })
      .Results ?? [];
  const aliases = aliasMap();
  const rows = new Map<string, K8sParityRow>();
  for (const r of results) {
    const misconfigs = (r.Misconfigurations ?? []).filter((m) => aliases.has(m.ID));
    if (misconfigs.length === 0) continue;
    const path = join(K8S_CORPUS, r.Target);
    const checked = checkKubernetesText(readFileSync(path, 'utf8'), r.Target, KUBERNETES_RULES);
    const matched = new Map<string, Set<string>>();
    const hits = new Map<TrivyMisconfig, boolean>();
    for (const m of misconfigs) {
      const start = m.CauseMetadata?.StartLine ?? 0;
      const end = m.CauseMetadata?.EndLine ?? start;
      const aliased = checked.findings.filter((f) => f.aliases.includes(m.ID));
      const hit =
        start === 0 ? aliased.length > 0 : aliased.some((f) => f.location.line >= start && f.location.line <= end);
      hits.set(m, hit);
      if (hit) matched.set(m.ID, (matched.get(m.ID) ?? new Set()).add(m.Message));
    }
    for (const m of misconfigs) {
      const row = rows.get(m.ID) ?? {
        id: m.ID,
        rules: aliases.get(m.ID) ?? [],
        trivy: 0,
        matched: 0,
        misses: new Map(),
      };
      rows.set(m.ID, row);
      row.trivy++;
      const start = m.CauseMetadata?.StartLine ?? 0;
      const end = m.CauseMetadata?.EndLine ?? start;
      const aliased = checked.findings.filter((f) => f.aliases.includes(m.ID));
      if (hits.get(m)) {
        row.matched++;
        continue;
      }
      const reason = missReason({
        id: m.ID,
        message: m.Message,
        start,
        end,
        text: readFileSync(path, 'utf8'),
        fileErrors: checked.errors.length > 0,
        aliased,
        matchedMessages: matched.get(m.ID) ?? new Set(),
      });
      row.misses.set(reason, (row.misses.get(reason) ?? 0) + 1);
      if (reason === 'unexplained')
        console.log(`unexplained miss: ${m.ID} ${relative(K8S_CORPUS, path)}:${start} ${m.Message}`);
    }
  }
  return [...rows.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function renderK8s(rows: readonly K8sParityRow[], drydock: Sample, trivy: Sample, files: number): string {
  const total = rows.reduce((n, r) => n + r.trivy, 0);
  const matched = rows.reduce((n, r) => n + r.matched, 0);
  const lines = [
    '# Kubernetes: parity with Trivy and speed',
    '',
    `Generated by \`npx tsx bench/k8s.ts\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; corpus \`shared/data/k8s\` (${files} real manifests).`,
    '',
    '## Speed (whole processes, GNU time, median)',
    '',
    '| run | wall (s) | peak RSS (MB) |',
    '|---|---|---|',
    `| \`drydock k8s check\` (all rules, JSON) | ${drydock.wallSeconds} | ${drydock.maxRssMb.toFixed(0)} |`,
    `| \`trivy config\` 0.68.2 (all checks, JSON) | ${trivy.wallSeconds} | ${trivy.maxRssMb.toFixed(0)} |`,
    '',
    `drydock is **${(trivy.wallSeconds / drydock.wallSeconds).toFixed(1)}x** faster (target: 20x).`,
    '',
    '## Parity',
    '',
    'For every KSV check that a drydock rule lists as an alias: Trivy findings, and how many drydock also',
    'reports (same file, a finding of a rule aliased to that KSV id on a line inside the range Trivy gives).',
    '',
    '| Trivy id | drydock rules | Trivy findings | drydock also reports | misses |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.id} | ${r.rules.join(', ')} | ${r.trivy} | ${r.matched} | ${r.trivy - r.matched} |`);
  }
  lines.push(`| **all** | | ${total} | ${matched} | ${total - matched} |`, '');
  const missed = rows.filter((r) => r.misses.size > 0);
  if (missed.length > 0) {
    lines.push('## Every miss category, with the reason', '');
    for (const r of missed) {
      for (const [reason, n] of r.misses) lines.push(`- **${r.id}** × ${n}: ${reason}.`);
    }
    lines.push('');
  }
  lines.push(
    'Trivy checks with no drydock alias are out of scope here: KSV020/KSV021 (UID/GID above 10000), KSV110',
    '(default namespace), KSV117 (ports below 1024), KSV118 (no securityContext at all: every field it asks',
    'for is its own drydock rule), KSV0125 (trusted registries), RBAC checks.',
    '',
  );
  return lines.join('\n');
}

export async function runK8sBench(): Promise<void> {
  if (!existsSync(TRIVY)) throw new Error('Trivy not installed: run npm run bench once (it installs bench/.peers)');
  if (!existsSync(join(root, 'dist/cli/commands/k8s.js')))
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const scratch = mkdtempSync(join(tmpdir(), 'drydock-k8s-bench-'));
  try {
    const files = readFileSync(join(K8S_CORPUS, 'SOURCE.md'), 'utf8').includes('200 YAML files') ? 200 : 0;
    const drydock = repeat(5, () =>
      measure(process.execPath, [
        join(root, 'bin/drydock.js'),
        'k8s',
        'check',
        K8S_CORPUS,
        '-f',
        'json',
        '-o',
        join(scratch, 'd.json'),
      ]),
    );
    console.log(`drydock k8s check corpus: ${drydock.wallSeconds}s ${drydock.maxRssMb.toFixed(0)} MB`);
    const trivyHome = join(scratch, 'trivy');
    mkdirSync(trivyHome);
    const trivy = repeat(3, () =>
      measure(
        TRIVY,
        ['config', '--skip-check-update', '--quiet', '-f', 'json', '-o', join(scratch, 't.json'), K8S_CORPUS],
        trivyEnv(trivyHome),
      ),
    );
    console.log(`trivy config corpus: ${trivy.wallSeconds}s ${trivy.maxRssMb.toFixed(0)} MB`);
    const rows = await k8sParity(scratch);
    const md = renderK8s(rows, drydock, trivy, files);
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(join(import.meta.dirname, 'results/k8s.md'), md);
    console.log(md);
    if (rows.some((r) => r.misses.has('unexplained'))) process.exitCode = 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await runK8sBench();
