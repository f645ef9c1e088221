import { type ImageRef, parseImageRef } from '../../core/image-ref.js';
import type { Span } from '../../core/location.js';
import { SourceText } from '../../core/source-text.js';
import { expandArgs } from './arg-expansion.js';
import { concatLogical, joinContinuations, type LogicalText, toFileSpan, verbatim } from './logical-text.js';
import { type ScannedInstruction, scanDockerfile, splitWords } from './scanner.js';
import { parseShell, type ShellScript, type ShellWord, scriptFromWords } from './shell.js';

/** A word of an instruction, as Docker splits it, with its place in the file. */
export interface Word {
  readonly value: string;
  readonly span: Span;
}

export interface Property {
  readonly name: string;
  /** Undefined for `ARG NAME` without a default. */
  readonly value: string | undefined;
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
  /** `NAME=value` pairs of ARG, ENV and LABEL (quotes removed); empty for other instructions. */
  readonly properties: readonly Property[];
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

const PROPERTY_INSTRUCTIONS = new Set(['ARG', 'ENV', 'LABEL']);
const JSON_INSTRUCTIONS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'COPY', 'ADD']);

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
  private cachedRuns: readonly Instruction[] | undefined;

  constructor(path: string, text: string) {
    this.source = new SourceText(path, text);
    const scan = scanDockerfile(text);
    this.escape = scan.escape;
    this.directives = scan.directives;
    this.comments = scan.comments.map((c) => ({
      text: c.text,
      span: c.span,
      line: this.source.positionAt(c.span.start).line,
    }));
    const problems: ParseProblem[] = [];
    const builder = new StageBuilder();
    const instructions: Instruction[] = [];
    const triggers: Instruction[] = [];
    const globalArgs = new Map<string, string | undefined>();
    for (const scanned of scan.instructions) {
      const index = instructions.length;
      const instr = new ScannedInstructionView(this, scanned, index, false);
      if (instr.keyword === 'FROM') builder.startStage(instr, globalArgs);
      builder.attach(instr);
      instructions.push(instr);
      if (instr.keyword === 'ARG' && !instr.stage) {
        for (const p of instr.properties) globalArgs.set(p.name, p.value);
      }
      let trigger: ScannedInstructionView | undefined;
      if (scanned.trigger) {
        trigger = new ScannedInstructionView(this, scanned.trigger, index, true);
        builder.attach(trigger);
        triggers.push(trigger);
      }
      if (!KNOWN_INSTRUCTIONS.has(instr.keyword)) {
        problems.push({ message: `unknown instruction "${instr.keyword}"`, span: instr.keywordSpan });
      }
      for (const h of (trigger ?? instr).heredocs) {
        if (!h.terminated) {
          problems.push({
            message: `heredoc <<${h.name} is not terminated before the end of the file`,
            span: instr.keywordSpan,
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
  get runs(): readonly Instruction[] {
    if (!this.cachedRuns) {
      const runs = this.instructions.filter((i) => i.keyword === 'RUN');
      for (const t of this.onbuildTriggers) if (t.keyword === 'RUN') runs.push(t);
      this.cachedRuns = runs.sort((a, b) => a.span.start - b.span.start);
    }
    return this.cachedRuns;
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
      const words: ShellWord[] = instr.json.map((w) => ({
        raw: this.text(w.span),
        value: w.value,
        literal: true,
        span: w.span,
      }));
      cached = scriptFromWords(words);
    } else {
      const logical = this.scriptText(instr);
      const parsed = parseShell(logical.text);
      cached = mapScript(parsed, logical);
    }
    this.shellCache.set(instr, cached);
    return cached;
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
    if (heredoc?.contentSpan && /^<<-?["']?[A-Za-z_]/.test(instr.args[0]?.value ?? '')) {
      return verbatim(this.source.text, heredoc.contentSpan);
    }
    return this.logicalArgs(instr);
  }
}

/** Removes shell-style quotes as Docker does for ARG/ENV/LABEL words: `"a b"` → `a b`, `'x'` → `x`. */
function unquote(value: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < value.length) out += value[++i];
      else out += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else out += ch;
  }
  return out;
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

  /** Binds the instruction to the current stage. */
  attach(instr: ScannedInstructionView): void {
    const current = this.stages.at(-1);
    if (!current) return;
    instr.stage = current.stage;
    if (!instr.onbuild) current.instructions.push(instr);
  }

  finish(): Stage[] {
    return this.stages.map((s) => s.stage);
  }
}

/**
 * An instruction from the scanner. Keyword and spans are known up front; flags, words, JSON and
 * properties are computed on first use (most rules never ask for a RUN's words: they use the shell).
 */
class ScannedInstructionView implements Instruction {
  readonly keyword: string;
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly onbuild: boolean;
  readonly index: number;
  readonly heredocs: readonly Heredoc[];
  stage: Stage | undefined = undefined;
  private readonly file: Dockerfile;
  private readonly headEnd: number;
  private cachedFlags: { flags: InstructionFlag[]; end: number } | undefined;
  private cachedArgs: Word[] | undefined;
  private cachedJson: Word[] | null | undefined;
  private cachedProperties: Property[] | undefined;

  constructor(file: Dockerfile, scanned: ScannedInstruction, index: number, onbuild: boolean) {
    this.file = file;
    this.index = index;
    this.onbuild = onbuild;
    this.keyword = scanned.keyword;
    this.span = scanned.span;
    this.keywordSpan = scanned.keywordSpan;
    this.headEnd = scanned.headEnd;
    this.heredocs = scanned.heredocs.map((h) => ({
      name: h.name,
      contentSpan: h.contentSpan,
      terminated: h.delimiterSpan !== null,
    }));
  }

  /** Leading `--name[=value]` words, scanned the way BuildKit does. */
  get flags(): readonly InstructionFlag[] {
    return this.scanFlags().flags;
  }

  get argsSpan(): Span {
    const start = this.scanFlags().end;
    return { start, end: Math.max(this.span.end, start) };
  }

  /** Words of the instruction's own lines (heredoc bodies excluded), quotes kept. */
  get args(): readonly Word[] {
    if (!this.cachedArgs) {
      const start = this.scanFlags().end;
      this.cachedArgs = splitWords(
        this.file.source.text,
        { start, end: Math.max(start, this.headEnd) },
        this.file.escape,
      );
    }
    return this.cachedArgs;
  }

  get json(): readonly Word[] | null {
    if (this.cachedJson === undefined) this.cachedJson = this.parseJson();
    return this.cachedJson;
  }

  /** `NAME=value` pairs of ARG, ENV and LABEL, and the legacy `ENV NAME value` form. */
  get properties(): readonly Property[] {
    if (!this.cachedProperties) {
      this.cachedProperties = [];
      if (PROPERTY_INSTRUCTIONS.has(this.keyword)) {
        const words = this.args;
        const first = words[0];
        if (first && this.keyword !== 'ARG' && !first.value.includes('=')) {
          const rest = words.slice(1);
          const value = rest.map((w) => w.value).join(' ');
          this.cachedProperties = [
            {
              name: unquote(first.value),
              value: unquote(value),
              span: { start: first.span.start, end: rest.at(-1)?.span.end ?? first.span.end },
            },
          ];
        } else {
          this.cachedProperties = words.map((w) => {
            const eq = w.value.indexOf('=');
            return eq === -1
              ? { name: unquote(w.value), value: undefined, span: w.span }
              : { name: unquote(w.value.slice(0, eq)), value: unquote(w.value.slice(eq + 1)), span: w.span };
          });
        }
      }
    }
    return this.cachedProperties;
  }

  /** Exec form: the arguments are a JSON array of strings (`["a", "b"]`); anything else is shell form. */
  private parseJson(): Word[] | null {
    if (!JSON_INSTRUCTIONS.has(this.keyword)) return null;
    const start = this.scanFlags().end;
    if (this.file.source.text[start] !== '[') return null;
    const logical = joinContinuations(
      this.file.source.text,
      { start, end: Math.max(start, this.headEnd) },
      this.file.escape,
    );
    const trimmed = logical.text.trim();
    if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return null;
    }
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) return null;
    // Locate each string token for its span.
    const words: Word[] = [];
    const t = logical.text;
    let k = t.indexOf('[');
    for (const value of parsed as string[]) {
      const open = t.indexOf('"', k);
      let close = open + 1;
      while (close < t.length && t[close] !== '"') close += t[close] === '\\' ? 2 : 1;
      words.push({ value, span: toFileSpan(logical, { start: open, end: close + 1 }) });
      k = close + 1;
    }
    return words;
  }

  private scanFlags(): { flags: InstructionFlag[]; end: number } {
    if (this.cachedFlags) return this.cachedFlags;
    const text = this.file.source.text;
    const escapeChar = this.file.escape;
    const flags: InstructionFlag[] = [];
    let i = this.keywordSpan.end;
    const end = this.headEnd;
    const skipBlank = () => {
      for (;;) {
        while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
        // A continuation between flags: escape, optional blanks, line break.
        if (text[i] === escapeChar) {
          let k = i + 1;
          while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
          if (text[k] === '\n' || text[k] === '\r') {
            i = k + (text[k] === '\r' && text[k + 1] === '\n' ? 2 : 1);
            continue;
          }
        }
        return;
      }
    };
    skipBlank();
    while (i < end && text.startsWith('--', i) && this.keyword !== 'ONBUILD') {
      const start = i;
      while (i < end && !/\s/.test(text[i] ?? ' ')) i++;
      const word = text.slice(start + 2, i);
      const eq = word.indexOf('=');
      flags.push({
        name: eq === -1 ? word : word.slice(0, eq),
        value: eq === -1 ? null : word.slice(eq + 1),
        span: { start, end: i },
      });
      skipBlank();
    }
    this.cachedFlags = { flags, end: Math.min(i, end) };
    return this.cachedFlags;
  }
}
