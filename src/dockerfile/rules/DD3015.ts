import type { ShellCommand, ShellWord } from '../parse/shell.js';
import type { Rule } from '../rule.js';
import { options, PIPX, pipInvocation, pipLabel, pipOptions } from '../shell-commands.js';

/** Optional: `pip install flask` takes whatever PyPI serves that day. */
export const DD3015: Rule = {
  meta: {
    id: 'DD3015',
    title: 'pip install without pinned versions',
    severity: 'low',
    category: 'packages',
    why: 'An unpinned requirement installs whatever PyPI serves at build time, so builds are not reproducible and a compromised release flows straight in.',
    fix: 'Pin with == (flask==3.0.3) or install from a pinned requirements or constraints file.',
    aliases: ['DL3013'],
    optional: true,
    peerNotes:
      'hadolint counts any version operator as a pin; drydock only ==, === and ~= (a patch-level range), so ' +
      '`pkg>=1`, `pkg<1` and `pkg!=1` are reported: they still float to new releases.',
    example: {
      bad: 'RUN pip install --no-cache-dir flask',
      good: 'RUN pip install --no-cache-dir flask==3.0.3',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      for (const cmd of file.shell(run).commands) {
        const requirements = installedRequirements(cmd);
        if (!requirements) continue;
        for (const word of requirements.words) {
          if (!word.literal || pinned(word.value)) continue;
          report({ message: `${requirements.tool} install ${word.value} without a pinned version`, span: word.span });
        }
      }
    }
  },
};

/** The requirement words of `pip install …` or `pipx install …`; none when a constraints file pins them. */
function installedRequirements(cmd: ShellCommand): { tool: string; words: readonly ShellWord[] } | undefined {
  if (pipInvocation(cmd)?.sub === 'install') {
    const opts = pipOptions(cmd);
    if (!opts || opts.flags.has('c') || opts.flags.has('constraint')) return undefined;
    return { tool: pipLabel(cmd), words: opts.positionals.slice(1) };
  }
  if (cmd.name === 'pipx') {
    const opts = options(cmd, PIPX);
    if (opts.positionals[0]?.value !== 'install') return undefined;
    return { tool: 'pipx', words: opts.positionals.slice(1) };
  }
  return undefined;
}

function pinned(spec: string): boolean {
  if (/(===?|~=)/.test(spec)) return true;
  // VCS URLs pin with @ref after the repository path (git+https://host/repo.git@v1.2#egg=x).
  const vcs = /^(git|hg|svn|bzr)\+[a-z]+:\/\/[^/]*(\/[^#]*)/.exec(spec);
  if (vcs) return (vcs[2] ?? '').includes('@');
  // `name @ https://…` direct references, plain archive URLs, local files and directories.
  if (/:\/\//.test(spec)) return true;
  if (/^[.~/]/.test(spec) || spec.includes('/')) return true;
  return /\.(whl|tar\.gz|tgz|tar\.bz2|zip)$/.test(spec);
}
