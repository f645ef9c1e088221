import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Instruction as AstInstruction, DockerfileParser } from 'dockerfile-ast';
import { SourceText } from '../../src/core/source-text.js';
import { Dockerfile, type Instruction } from '../../src/dockerfile/parse/dockerfile.js';
import { corpusFiles, hasCorpus } from '../corpus/corpus.js';
import { hasPeerData, PEER_DIR } from '../peers/peer-cases.js';

/**
 * Differential test: drydock's own Dockerfile scanner against dockerfile-ast (the parser of the
 * Docker language server) on every real Dockerfile we have. They must agree on instruction
 * boundaries, keywords, heredocs, exec-form strings, ARG/ENV/LABEL pairs, plain words and comments.
 * Known, deliberate differences are listed where they are skipped.
 */
function peerDockerfiles(): string[] {
  if (!hasPeerData) return [];
  const rows = JSON.parse(readFileSync(join(PEER_DIR, 'trivy-checks/cases.json'), 'utf8')) as {
    kind: string;
    file: string;
  }[];
  return rows.filter((r) => r.kind === 'dockerfile').map((r) => join(PEER_DIR, 'trivy-checks', r.file));
}

function compare(path: string, rawText: string): string[] {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const ours = new Dockerfile(path, text);
  const ast = DockerfileParser.parse(text);
  const src = new SourceText(path, text);
  const off = (p: { line: number; character: number }) => src.offsetAt(p.line, p.character);
  const problems: string[] = [];
  const theirs = ast.getInstructions();
  if (theirs.length !== ours.instructions.length) {
    return [`${path}: ${theirs.length} instructions in dockerfile-ast, ${ours.instructions.length} here`];
  }
  theirs.forEach((t: AstInstruction, n) => {
    const o = ours.instructions[n] as Instruction;
    const at = `${path}:${src.positionAt(o.span.start).line}`;
    const expect = (what: string, a: unknown, b: unknown) => {
      if (JSON.stringify(a) !== JSON.stringify(b))
        problems.push(`${at} ${o.keyword} ${what}: dockerfile-ast ${JSON.stringify(a)}, drydock ${JSON.stringify(b)}`);
    };
    expect('keyword', t.getKeyword().toUpperCase(), o.keyword);
    expect('start', off(t.getRange().start), o.span.start);
    // dockerfile-ast keeps trailing blanks in the range; we end at the last visible character.
    expect('end', trimEnd(text, off(t.getRange().end)), o.span.end);
    expect(
      'keyword span',
      [off(t.getInstructionRange().start), off(t.getInstructionRange().end)],
      [o.keywordSpan.start, o.keywordSpan.end],
    );
    const target =
      t.getKeyword() === 'ONBUILD'
        ? (t as unknown as { getTriggerInstruction(): AstInstruction | null }).getTriggerInstruction()
        : t;
    const oursTarget = t.getKeyword() === 'ONBUILD' ? ours.onbuildTriggers.find((x) => x.index === o.index) : o;
    if (target && oursTarget) {
      const h = target as unknown as {
        getHeredocs?: () => {
          getName(): string;
          getContentRange(): { start: never; end: never } | null;
          getDelimiterRange(): unknown;
        }[];
      };
      if (typeof h.getHeredocs === 'function') {
        expect(
          'heredocs',
          h
            .getHeredocs()
            .map((d) => [
              d.getName(),
              d.getContentRange() ? off(d.getContentRange()?.start as never) : null,
              d.getDelimiterRange() !== null,
            ]),
          oursTarget.heredocs.map((d) => [d.name, d.contentSpan?.start ?? null, d.terminated]),
        );
      }
      const j = target as unknown as {
        getOpeningBracket?: () => unknown;
        getClosingBracket?: () => unknown;
        getJSONStrings?: () => { getJSONValue(): string }[];
      };
      if (
        typeof j.getJSONStrings === 'function' &&
        ['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'COPY', 'ADD'].includes(oursTarget.keyword)
      ) {
        // dockerfile-ast also accepts arrays with non-string items; Docker treats those as shell form.
        const strict =
          j.getOpeningBracket?.() && j.getClosingBracket?.() && isStringArray(ours.text(oursTarget.argsSpan));
        // dockerfile-ast drops blanks inside JSON strings (`"b c"` → `bc`); Docker keeps them, as we do.
        const noBlanks = (v: string) => v.replace(/\s+/g, '');
        expect(
          'exec form',
          strict ? j.getJSONStrings().map((s) => noBlanks(s.getJSONValue())) : null,
          oursTarget.json?.map((w) => noBlanks(w.value)) ?? null,
        );
      }
    }
    const p = t as unknown as { getProperties?: () => { getName(): string; getValue(): string | null }[] };
    // Skipped: escapes, and the legacy `LABEL name ="v"` form, whose quotes dockerfile-ast keeps.
    if (
      typeof p.getProperties === 'function' &&
      ['ARG', 'ENV', 'LABEL'].includes(o.keyword) &&
      !/[\\`]|\s=/.test(ours.text(o.span))
    ) {
      expect(
        'properties',
        p.getProperties().map((x) => [x.getName().replace(/^"(.*)"$/, '$1'), x.getValue() ?? undefined]),
        o.properties.map((x) => [x.name, x.value]),
      );
    }
    // Plain words: dockerfile-ast splits inside quotes and drops escapes; compare where neither occurs.
    if (
      !['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'ONBUILD', 'HEALTHCHECK'].includes(o.keyword) &&
      !/["'\\`]/.test(ours.text(o.span)) &&
      o.heredocs.length === 0
    ) {
      expect(
        'words',
        t
          .getArguments()
          .map((a) => a.getValue())
          .filter((v) => !v.startsWith('--') || o.flags.length === 0),
        o.args.map((w) => w.value),
      );
    }
  });
  const firstInstruction = ours.instructions[0]?.span.start ?? text.length;
  expect2(
    problems,
    path,
    'comments',
    ast.getComments().map((c) => [c.getContent(), c.getRange().start.line + 1]),
    ours.comments
      .filter((c) => !(c.span.start < firstInstruction && isDirectiveLike(c.text)))
      .map((c) => [c.text, c.line]),
  );
  return problems;
}

function expect2(problems: string[], path: string, what: string, a: unknown, b: unknown): void {
  if (JSON.stringify(a) !== JSON.stringify(b))
    problems.push(`${path} ${what}: dockerfile-ast ${JSON.stringify(a)}, drydock ${JSON.stringify(b)}`);
}

/** dockerfile-ast reads any `# key=value` top line as a directive; we keep unknown ones as comments. */
function isDirectiveLike(text: string): boolean {
  return /^[^=]+=/.test(text);
}

function isStringArray(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text.replace(/\\\r?\n/g, '').trim());
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

function trimEnd(text: string, end: number): number {
  let k = end;
  while (k > 0 && /[ \t\r\n]/.test(text[k - 1] ?? '')) k--;
  return k;
}

describe('scanner agrees with dockerfile-ast', { skip: hasCorpus ? false : 'corpus not found' }, () => {
  it('on the 576-file corpus and the peer fixtures', () => {
    const files = [...corpusFiles(), ...peerDockerfiles()];
    const problems = files.flatMap((f) => compare(f, readFileSync(f, 'utf8')));
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} differences`);
  });
  it("on hadolint's 1,104 spec snippets", { skip: hasPeerData ? false : 'peer data not found' }, () => {
    const rows = JSON.parse(readFileSync(join(PEER_DIR, 'hadolint/cases.json'), 'utf8')) as {
      dockerfile: string;
      spec: string;
    }[];
    const problems = rows.flatMap((r) => compare(r.spec, `${r.dockerfile}\n`));
    assert.deepEqual(problems, []);
  });
  it('on tricky inputs', () => {
    const cases = [
      'FROM a\nRUN a \\\n  # comment\n\n  b\n',
      '# escape=`\nFROM a\nRUN a `\n b\n',
      'FROM a\nCOPY <<-"EOT" /x\n\tline\n\tEOT\nRUN x\n',
      'FROM a\nRUN <<A <<B\na\nA\nb\nB\n',
      'FROM a\nENV X \\\n  y z\nENV A=1 B=2\nARG C\n',
      'FROM a\nONBUILD RUN a \\\n b\nONBUILD COPY <<EOF /x\nhi\nEOF\n',
      'FROM a\r\nRUN a \\\r\n  b\r\n',
      'FROM a\nRUN <<EOF\nunterminated\n',
      'FROM a\nRUN ["a", "b c"]\nCMD [ "x" ]\nVOLUME ["/data"]\n',
    ];
    assert.deepEqual(
      cases.flatMap((c, n) => compare(`case${n + 1}`, c)),
      [],
    );
  });
});
