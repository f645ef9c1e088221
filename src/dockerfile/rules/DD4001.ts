import { replaceSpan } from '../fixes.js';
import { copyOperands, isHistoryForm, keywordText } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** ADD fetches URLs and unpacks local tar archives; for anything else it is a COPY with surprises. */
export const DD4001: Rule = {
  meta: {
    id: 'DD4001',
    title: 'ADD used instead of COPY',
    severity: 'low',
    category: 'instructions',
    why: 'ADD silently unpacks anything that looks like a tar archive and can fetch URLs, so using it for plain files hides what the build really does.',
    fix: 'Use COPY for local files and directories; keep ADD for remote URLs, git sources and tar archives you want extracted.',
    aliases: ['DL3020', 'DS005', 'AVD-DS-0005', 'CIS-DI-0009'],
    fixable: true,
    peerNotes:
      'Sources with variables (`ADD $SRC /app/`), ADD with --checksum, --keep-git-dir or --unpack, and the `file:<hash> in /` form of image history (as in Trivy) are not reported: the source may be a URL or an archive. Like hadolint, archives are recognised by their extension (.tar, .tgz, .gz, .bz2, .xz, .zst…).',
    example: {
      bad: 'ADD app.jar /opt/app/app.jar',
      good: 'COPY app.jar /opt/app/app.jar',
    },
  },
  check({ file, report }) {
    const adds = [...file.instructions, ...file.onbuildTriggers].filter((i) => i.keyword === 'ADD');
    for (const add of adds) {
      if (add.flags.some((f) => REMOTE_FLAGS.has(f.name))) continue;
      const operands = copyOperands(add);
      if (!operands || isHistoryForm(operands)) continue;
      const sources = operands.sources.map((s) => s.value);
      if (sources.some((s) => s.includes('$') || isRemote(s) || isArchive(s))) continue;
      report({
        message: `ADD of local ${sources.length === 1 ? 'file' : 'files'} ${sources.join(', ')}: use COPY`,
        span: add.keywordSpan,
        fix: replaceSpan(add.keywordSpan, keywordText(file, add, 'COPY'), 'replace ADD with COPY'),
      });
    }
  },
};

/** Flags that only make sense for remote or archive sources. */
const REMOTE_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

function isRemote(source: string): boolean {
  return /^(https?|git|ssh):\/\//i.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

/** Docker unpacks tar archives, plain or compressed with gzip, bzip2, xz or zstd. */
const ARCHIVE = /\.(tar|tar\.\w+|tgz|tbz2?|tb2|txz|tzst|tlz|tZ|gz|bz2|xz|zst|lz|lzma|Z)$/;

function isArchive(source: string): boolean {
  return ARCHIVE.test(source);
}
