import {
  type Argument,
  type Heredoc as AstHeredoc,
  type Instruction as AstInstruction,
  DockerfileParser,
  type Flag,
  type JSONInstruction,
  type ModifiableInstruction,
  type Onbuild,
} from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { type ImageRef, parseImageRef } from '../../core/image-ref.js';
import type { Span } from '../../core/location.js';
import { SourceText } from '../../core/source-text.js';
import { expandArgs } from './arg-expansion.js';
import { concatLogical, joinContinuations, type LogicalText, toFileSpan, verbatim } from './logical-text.js';
import { parseShell, type ShellScript, type ShellWord, scriptFromWords } from './shell.js';

/** A word of an instruction, as Docker splits it, with its place in the file. */
export interface Word {
  readonly value: string;
  readonly span: Span;
}

export interface InstructionFlag {
  /** Name without dashes: `from`, `chown`, `mount`. */
  readonly name: string;
  readonly value: string | null;
  readonly span: Span;
}

export interface Heredoc {
  readonly name: string;
  readonly contentSpan: Span | null;
  /** False when the file ended before the closing delimiter. */
  readonly terminated: boolean;
}

export interface Instruction {
  /** Upper-case keyword (`RUN`); unknown keywords too, as written upper-cased. */
  readonly keyword: string;
  readonly span: Span;
  readonly keywordSpan: Span;
  /** The arguments after keyword and flags. */
  readonly argsSpan: Span;
  readonly args: readonly Word[];
  readonly flags: readonly InstructionFlag[];
  /** Exec (JSON) form strings, or null for shell form. */
  readonly json: readonly Word[] | null;
  readonly heredocs: readonly Heredoc[];
  /** True for the trigger of an ONBUILD (`ONBUILD RUN …` → this RUN). */
  readonly onbuild: boolean;
  /** The stage this instruction belongs to; undefined for ARGs before the first FROM. */
  readonly stage: Stage | undefined;
  /** Position among the file's top-level instructions. */
  readonly index: number;
}

export interface Stage {
  readonly index: number;
  /** `AS name`, lower-cased as Docker compares it. */
  readonly name: string | undefined;
  readonly from: Instruction;
  /** The image argument as written (`${BASE}`, `python:3.11`). */
  readonly image: string;
  readonly imageSpan: Span;
  /** After substituting global ARG defaults. */
  readonly resolvedImage: string;
  /** A variable in the image had no default, so the image is only known at build time. */
  readonly unresolved: boolean;
  /** Parsed reference for an external image; undefined for scratch, stage bases, bad refs. */
  readonly ref: ImageRef | undefined;
  readonly refError: string | undefined;
  /** The earlier stage this one builds on (`FROM build AS test`). */
  readonly baseStage: Stage | undefined;
  readonly isScratch: boolean;
  readonly platform: string | undefined;
  readonly instructions: readonly Instruction[];
}

export interface Comment {
  readonly text: string;
  readonly span: Span;
  readonly line: number;
}

export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}

const REAL_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

export const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** A parsed Dockerfile. RUN bodies are parsed on first use and shared by all rules. */
export class Dockerfile {
  readonly source: SourceText;
  readonly escape: string;
  readonly directives: ReadonlyMap<string, string>;
  readonly comments: readonly Comment[];
  /** Top-level instructions in order (an ONBUILD appears as the ONBUILD instruction). */
  readonly instructions: readonly Instruction[];
  /** ONBUILD triggers, e.g. the RUN of `ONBUILD RUN …`. */
  readonly onbuildTriggers: readonly Instruction[];
  readonly stages: readonly Stage[];
  /** ARGs declared before the first FROM, with their defaults. */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  readonly problems: readonly ParseProblem[];
  private readonly logicalCache = new Map<Instruction, LogicalText>();
  private readonly shellCache = new Map<Instruction, ShellScript>();

  constructor(path: string, text: string) {
    this.source = new SourceText(path, text);
    const ast = DockerfileParser.parse(text);
    this.escape = ast.getEscapeCharacter();
    // dockerfile-ast reads any `# key=value` line at the top as a parser directive; only
    // syntax/escape/check are directives to Docker, the rest (e.g. hadolint pragmas) are comments.
    const directives = new Map<string, string>();
    const comments: Comment[] = [];
    for (const d of ast.getDirectives()) {
      const key = (d.getDirective() ?? '').toLowerCase();
      if (REAL_DIRECTIVES.has(key)) directives.set(key, d.getValue() ?? '');
      else {
        const line = d.getRange().start.line;
        const span = { start: this.source.lineStart(line + 1), end: this.source.lineEnd(line + 1) };
        comments.push({ text: this.text(span).replace(/^\s*#\s*/, ''), span, line: line + 1 });
      }
    }
    this.directives = directives;
    for (const c of ast.getComments()) {
      const span = this.span(c.getRange());
      comments.push({ text: c.getContent(), span, line: c.getRange().start.line + 1 });
    }
    this.comments = comments.sort((a, b) => a.span.start - b.span.start);
    const problems: ParseProblem[] = [];
    const builder = new StageBuilder();
    const instructions: Instruction[] = [];
    const triggers: Instruction[] = [];
    const globalArgs = new Map<string, string | undefined>();
    for (const astInstr of ast.getInstructions()) {
      const index = instructions.length;
      const instr = this.toInstruction(astInstr, index, false, undefined);
      if (instr.keyword === 'FROM') builder.startStage(instr, globalArgs);
      const withStage = builder.attach(instr);
      instructions.push(withStage);
      if (withStage.keyword === 'ARG' && !withStage.stage) {
        for (const [name, value] of argDeclarations(astInstr)) globalArgs.set(name, value);
      }
      if (withStage.keyword === 'ONBUILD') {
        const trigger = (astInstr as Onbuild).getTriggerInstruction();
        if (trigger) {
          const t = builder.attach(this.toInstruction(trigger, index, true, withStage.stage));
          triggers.push(t);
        }
      }
      if (!KNOWN_INSTRUCTIONS.has(withStage.keyword)) {
        problems.push({ message: `unknown instruction "${withStage.keyword}"`, span: withStage.keywordSpan });
      }
      for (const h of withStage.heredocs) {
        if (!h.terminated) {
          problems.push({
            message: `heredoc <<${h.name} is not terminated before the end of the file`,
            span: withStage.keywordSpan,
          });
        }
      }
    }
    this.instructions = instructions;
    this.onbuildTriggers = triggers;
    this.stages = builder.finish();
    this.globalArgs = globalArgs;
    this.problems = problems;
  }

  get path(): string {
    return this.source.path;
  }

  /** RUN instructions, ONBUILD RUN triggers included (they run in every child image). */
  get runs(): Instruction[] {
    const runs = this.instructions.filter((i) => i.keyword === 'RUN');
    for (const t of this.onbuildTriggers) if (t.keyword === 'RUN') runs.push(t);
    return runs.sort((a, b) => a.span.start - b.span.start);
  }

  get finalStage(): Stage | undefined {
    return this.stages.at(-1);
  }

  /** The arguments as Docker hands them on: continuations joined, inner comments dropped. */
  logicalArgs(instr: Instruction): LogicalText {
    let cached = this.logicalCache.get(instr);
    if (!cached) {
      cached = this.buildLogical(instr);
      this.logicalCache.set(instr, cached);
    }
    return cached;
  }

  /** The shell script a RUN (or shell-form CMD/ENTRYPOINT) runs, parsed once. */
  shell(instr: Instruction): ShellScript {
    let cached = this.shellCache.get(instr);
    if (cached) return cached;
    if (instr.json) {
      const words: ShellWord[] = instr.json.map((w) => ({ raw: w.value, value: w.value, literal: true, span: w.span }));
      cached = scriptFromWords(words);
    } else {
      const logical = this.scriptText(instr);
      const parsed = parseShell(logical.text);
      cached = mapScript(parsed, logical);
    }
    this.shellCache.set(instr, cached);
    return cached;
  }

  /** Converts a dockerfile-ast range (0-based line/character) to a span. */
  span(range: Range): Span {
    return {
      start: this.source.offsetAt(range.start.line, range.start.character),
      end: this.source.offsetAt(range.end.line, range.end.character),
    };
  }

  text(span: Span): string {
    return this.source.text.slice(span.start, span.end);
  }

  private buildLogical(instr: Instruction): LogicalText {
    const heredoc = instr.heredocs[0];
    if (!heredoc?.contentSpan) return joinContinuations(this.source.text, instr.argsSpan, this.escape);
    // Join continuations up to the line that opens the heredoc; the body is the shell's business.
    const bodyStart = heredoc.contentSpan.start;
    const head = joinContinuations(this.source.text, { start: instr.argsSpan.start, end: bodyStart }, this.escape);
    return concatLogical(head, verbatim(this.source.text, { start: bodyStart, end: instr.argsSpan.end }));
  }

  /** `RUN <<EOF` runs the heredoc body as the script; otherwise the whole text is the script. */
  private scriptText(instr: Instruction): LogicalText {
    const heredoc = instr.heredocs[0];
    const first = instr.args[0]?.value ?? '';
    if (heredoc?.contentSpan && /^<<-?["']?[A-Za-z_]/.test(first)) {
      return verbatim(this.source.text, heredoc.contentSpan);
    }
    return this.logicalArgs(instr);
  }

  private toInstruction(ast: AstInstruction, index: number, onbuild: boolean, stage: Stage | undefined): Instruction {
    const span = this.span(ast.getRange());
    const keywordSpan = this.span(ast.getInstructionRange());
    const flags = flagsOf(ast).map((f) => ({ name: f.getName(), value: f.getValue(), span: this.span(f.getRange()) }));
    const args = ast.getArguments().map((a: Argument) => ({ value: a.getValue(), span: this.span(a.getRange()) }));
    const afterFlags = flags.length > 0 ? (flags.at(-1)?.span.end ?? keywordSpan.end) : keywordSpan.end;
    const argsStart = args[0]?.span.start ?? afterFlags;
    const argsSpan = { start: Math.max(argsStart, afterFlags), end: Math.max(span.end, argsStart) };
    return {
      keyword: ast.getKeyword().toUpperCase(),
      span,
      keywordSpan,
      argsSpan,
      args,
      flags,
      json: this.jsonOf(ast),
      heredocs: heredocsOf(ast).map((h) => {
        const content = h.getContentRange();
        return {
          name: h.getName(),
          contentSpan: content ? this.span(content) : null,
          terminated: h.getDelimiterRange() !== null,
        };
      }),
      onbuild,
      stage,
      index,
    };
  }

  private jsonOf(ast: AstInstruction): Word[] | null {
    const json = ast as Partial<JSONInstruction>;
    if (typeof json.getJSONStrings !== 'function' || typeof json.getOpeningBracket !== 'function') return null;
    if (!json.getOpeningBracket() || !json.getClosingBracket?.()) return null;
    return json.getJSONStrings().map((s) => ({ value: s.getJSONValue(), span: this.span(s.getRange()) }));
  }
}

function flagsOf(ast: AstInstruction): Flag[] {
  const m = ast as Partial<ModifiableInstruction>;
  return typeof m.getFlags === 'function' ? m.getFlags() : [];
}

function heredocsOf(ast: AstInstruction): AstHeredoc[] {
  const h = ast as unknown as { getHeredocs?: () => AstHeredoc[] };
  return typeof h.getHeredocs === 'function' ? h.getHeredocs() : [];
}

/** `ARG A=1 B` → [["A","1"],["B",undefined]]. */
function argDeclarations(ast: AstInstruction): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (const arg of ast.getArguments()) {
    const value = arg.getValue();
    const eq = value.indexOf('=');
    if (eq === -1) out.push([value, undefined]);
    else out.push([value.slice(0, eq), unquote(value.slice(eq + 1))]);
  }
  return out;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

/** Shell word spans are relative to the script text; map them back to the file. */
function mapScript(script: ShellScript, logical: LogicalText): ShellScript {
  const mapWord = (w: ShellWord): ShellWord => ({ ...w, span: toFileSpan(logical, w.span) });
  return {
    text: script.text,
    hasError: script.hasError,
    commands: script.commands.map((c) => ({
      ...c,
      nameWord: mapWord(c.nameWord),
      args: c.args.map(mapWord),
      span: toFileSpan(logical, c.span),
    })),
  };
}

/** Assigns instructions to stages as FROMs open them. */
class StageBuilder {
  private readonly stages: { stage: Stage; instructions: Instruction[] }[] = [];

  startStage(from: Instruction, globalArgs: ReadonlyMap<string, string | undefined>): void {
    const words = from.args;
    const imageWord = words[0] ?? { value: '', span: from.argsSpan };
    const asIndex = words.findIndex((w, i) => i > 0 && w.value.toLowerCase() === 'as');
    const name = asIndex > 0 ? words[asIndex + 1]?.value.toLowerCase() : undefined;
    const expanded = expandArgs(imageWord.value, globalArgs);
    const lower = expanded.value.toLowerCase();
    const baseStage = this.stages.find((s) => s.stage.name !== undefined && s.stage.name === lower)?.stage;
    const isScratch = lower === 'scratch';
    let ref: ImageRef | undefined;
    let refError: string | undefined;
    if (!baseStage && !isScratch && !expanded.unresolved && expanded.value !== '') {
      const parsed = parseImageRef(expanded.value);
      if (parsed.ok) ref = parsed.ref;
      else refError = parsed.error;
    }
    const platform = from.flags.find((f) => f.name === 'platform')?.value ?? undefined;
    const instructions: Instruction[] = [];
    const stage: Stage = {
      index: this.stages.length,
      name,
      from,
      image: imageWord.value,
      imageSpan: imageWord.span,
      resolvedImage: expanded.value,
      unresolved: expanded.unresolved,
      ref,
      refError,
      baseStage,
      isScratch,
      platform,
      instructions,
    };
    this.stages.push({ stage, instructions });
  }

  /** Returns the instruction bound to the current stage. */
  attach(instr: Instruction): Instruction {
    const current = this.stages.at(-1);
    if (!current) return instr;
    const bound: Instruction = { ...instr, stage: current.stage };
    if (!instr.onbuild) current.instructions.push(bound);
    if (instr.keyword === 'FROM') {
      // The stage object was built before its FROM was bound; make them point at each other.
      (current.stage as { from: Instruction }).from = bound;
    }
    return bound;
  }

  finish(): Stage[] {
    return this.stages.map((s) => s.stage);
  }
}
