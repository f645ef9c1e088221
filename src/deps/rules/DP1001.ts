import { audited, type DepsRule } from '../rule.js';

/** No version at all: whatever the index (or the branch) serves on the day of the build is installed. */
export const DP1001: DepsRule = {
  meta: {
    id: 'DP1001',
    title: 'Dependency not pinned',
    severity: 'medium',
    why: 'Without a version, every build installs whatever is newest that day: builds are not reproducible and a compromised or broken release goes straight in.',
    fix: 'Pin the exact version (`name==1.2.3`, `"name": "1.2.3"`) or commit a lock file; for a VCS dependency, pin a commit.',
    aliases: [],
    example: { bad: 'pyyaml', good: 'pyyaml==6.0.1' },
  },
  check(ctx) {
    for (const d of ctx.manifest.dependencies) {
      if (!audited(d) || d.role === 'constraint' || d.role === 'locked') continue;
      if (d.source.type === 'registry' && d.specifier.trim() === '') {
        if (ctx.pinnedElsewhere(d)) continue;
        const what = d.format === 'package-json' && d.specifierText.trim() !== '' ? ` ("${d.specifierText}")` : '';
        ctx.report({ message: `${d.name} is not pinned${what}: any version can be installed`, span: d.span });
      } else if (d.source.type === 'vcs' && d.source.ref === undefined) {
        ctx.report({
          message: `${d.name} is installed from ${d.source.url} without a ref: the default branch moves`,
          span: d.span,
        });
      }
    }
  },
};
