import { planAbsoluteWorkdir } from '../fix/absolute-workdir.js';
import { fixOf } from '../fix/plan.js';
import { unquote } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** A relative WORKDIR resolves against whatever the previous WORKDIR (or the base image) was. */
export const DD4006: Rule = {
  meta: {
    id: 'DD4006',
    title: 'WORKDIR is not absolute',
    severity: 'medium',
    category: 'instructions',
    why: 'A relative WORKDIR resolves against the previous WORKDIR, possibly one set by the base image, so the directory changes when the base image does.',
    fix: 'Give WORKDIR an absolute path, such as /app.',
    aliases: ['DL3000', 'DS009', 'AVD-DS-0009'],
    fixable: true,
    example: {
      bad: 'WORKDIR app',
      good: 'WORKDIR /app',
    },
  },
  check({ file, config, report }) {
    const workdirs = [...file.instructions, ...file.onbuildTriggers].filter((i) => i.keyword === 'WORKDIR');
    for (const workdir of workdirs) {
      const path = unquote(file.logicalArgs(workdir).text.trim());
      if (path === '' || isAbsolute(path)) continue;
      report({
        message: `WORKDIR ${path} is relative: use an absolute path`,
        span: workdir.argsSpan,
        ...fixOf(planAbsoluteWorkdir(file, workdir, config)),
      });
    }
  },
};

/** `/x`, a Windows drive (`C:\`, `C:/`), or a variable, which is only known at build time. */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:/.test(path);
}
