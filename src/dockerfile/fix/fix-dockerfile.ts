import type { FileError, Finding } from '../../core/finding.js';
import { SourceText } from '../../core/source-text.js';
import { applyEdits, MAX_FIX_PASSES, type TextEdit } from '../../core/text-edit.js';
import { DEFAULT_CONFIG, type DrydockConfig } from '../config.js';
import { type LintOptions, lintText } from '../linter.js';
import { Dockerfile } from '../parse/dockerfile.js';
import { explainFinding } from './needs-human.js';

export interface FixOptions {
  /** The file's config, with `imageFacts` when digests were resolved (see resolveImageFacts). */
  readonly config?: DrydockConfig;
  /** Run only the fixes of these rules (drydock ids or peer aliases); default: every enabled rule. */
  readonly rules?: readonly string[];
}

export interface AppliedFix {
  readonly ruleId: string;
  readonly description: string;
  /** 1-based line in the fixed text where the fix's first edit landed. */
  readonly line: number;
}

export interface NeedsHuman {
  readonly ruleId: string;
  /** 1-based position in the fixed text. */
  readonly line: number;
  readonly column: number;
  /** The lint finding's message. */
  readonly message: string;
  /** Why fix did not change it. */
  readonly reason: string;
}

export interface FixResult {
  readonly path: string;
  readonly input: string;
  /** The fixed text (equal to `input` when nothing changed or on error). */
  readonly output: string;
  readonly changed: boolean;
  readonly applied: readonly AppliedFix[];
  readonly needsHuman: readonly NeedsHuman[];
  /** Lint+fix passes that changed the text. */
  readonly passes: number;
  /** A further pass would change nothing (fixing the output again is a no-op). */
  readonly stable: boolean;
  /** Findings of the selected rules before and after. */
  readonly findingsBefore: readonly Finding[];
  readonly findingsAfter: readonly Finding[];
  /** Set when the file was left alone: unreadable, not a Dockerfile, a syntax error, or a fix broke it. */
  readonly error?: FileError;
}

/**
 * Lints, applies every fix the findings carry, and repeats until nothing changes (at most
 * MAX_FIX_PASSES passes), like ESLint's verifyAndFix. Edits are text edits only, so comments,
 * blank lines, continuations, heredocs and the escape directive are kept byte for byte outside the
 * changed spans. Synchronous and offline: digests come in through `config.imageFacts`.
 */
export function fixDockerfile(text: string, path: string, options: FixOptions = {}): FixResult {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const config = options.config ?? DEFAULT_CONFIG;
  const lintOptions: LintOptions = { config, ...(options.rules ? { only: options.rules } : {}) };
  const first = lintText(body, path, lintOptions);
  const unchanged = (error: FileError | undefined, findings: readonly Finding[] = first.findings): FixResult => ({
    path,
    input: text,
    output: text,
    changed: false,
    applied: [],
    needsHuman: [],
    passes: 0,
    stable: error === undefined,
    findingsBefore: findings,
    findingsAfter: findings,
    ...(error ? { error } : {}),
  });
  if (first.error) return unchanged(first.error, []);
  // The main lint reports parse problems too, unless --rules or the config leaves DD0001/DD0002 out.
  const fromLint = !options.rules && PARSE_RULES.every((id) => !config.rules.has(id));
  const parseBefore = fromLint ? parseOnly(first.findings) : parseFindings(body, path, config);
  const broken = parseBefore.find((f) => f.ruleId === 'DD0001');
  if (broken) {
    return unchanged({
      path,
      line: broken.location.line,
      column: broken.location.column,
      message: `not fixed: the Dockerfile has a syntax error (${broken.message})`,
    });
  }

  let current = body;
  let findings = first.findings;
  let passes = 0;
  let stable = false;
  /** Applied fixes with their offset in `current`. */
  let applied: { ruleId: string; description: string; offset: number }[] = [];
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    const candidates = findings.filter((f) => f.fix && f.fix.edits.length > 0);
    const accepted = acceptedFixes(current, candidates);
    if (accepted.length === 0) {
      stable = true;
      break;
    }
    const edits = accepted.flatMap((f) => f.fix?.edits ?? []);
    const next = applyEdits(
      current,
      accepted.map((f) => f.fix?.edits ?? []),
    ).text;
    if (next === current) {
      stable = true;
      break;
    }
    applied = applied.map((a) => ({ ...a, offset: shift(a.offset, edits) }));
    for (const f of accepted) {
      const own = f.fix?.edits ?? [];
      const start = Math.min(...own.map((e) => e.span.start));
      applied.push({
        ruleId: f.ruleId,
        description: f.fix?.description ?? '',
        offset: shift(
          start,
          edits.filter((e) => !own.includes(e)),
        ),
      });
    }
    current = next;
    passes = pass;
    const relinted = lintText(current, path, lintOptions);
    if (relinted.error) {
      return unchanged({ path, message: `not fixed: the fixed text could not be linted (${relinted.error.message})` });
    }
    findings = relinted.findings;
  }
  if (!stable) stable = !findings.some((f) => f.fix && f.fix.edits.length > 0);

  // A fix must never make the file unparseable: refuse the whole result rather than write it.
  const parseAfter =
    current === body ? parseBefore : fromLint ? parseOnly(findings) : parseFindings(current, path, config);
  if (parseAfter.length > parseBefore.length) {
    return unchanged({
      path,
      message: 'not fixed: the fixes would have made the Dockerfile unparseable (a drydock bug)',
    });
  }

  const out = new SourceText(path, current);
  const file = new Dockerfile(path, current);
  const output = bom + current;
  return {
    path,
    input: text,
    output,
    changed: output !== text,
    applied: applied.map((a) => ({
      ruleId: a.ruleId,
      description: a.description,
      line: out.positionAt(a.offset).line,
    })),
    needsHuman: findings.map((f) => ({
      ruleId: f.ruleId,
      line: f.location.line,
      column: f.location.column,
      message: f.message,
      reason: explainFinding(file, f, config),
    })),
    passes,
    stable,
    findingsBefore: first.findings,
    findingsAfter: findings,
  };
}

const PARSE_RULES = ['DD0001', 'DD0002'];

/** Dockerfile syntax errors (DD0001) and shell syntax errors in RUNs (DD0002). */
function parseFindings(text: string, path: string, config: DrydockConfig): readonly Finding[] {
  return lintText(text, path, { config, only: PARSE_RULES }).findings;
}

function parseOnly(findings: readonly Finding[]): readonly Finding[] {
  return findings.filter((f) => PARSE_RULES.includes(f.ruleId));
}

/**
 * The findings whose fixes one pass applies: applyEdits takes edit groups in text order and skips
 * any that overlaps one already taken, and it is asked, group by group, which those are.
 */
function acceptedFixes(text: string, findings: readonly Finding[]): Finding[] {
  const ordered = findings
    .map((f) => ({ f, start: Math.min(...(f.fix?.edits ?? []).map((e) => e.span.start)) }))
    .sort((a, b) => a.start - b.start);
  const taken: Finding[] = [];
  for (const { f } of ordered) {
    const groups = [...taken, f].map((t) => t.fix?.edits ?? []);
    if (applyEdits(text, groups).skipped === 0) taken.push(f);
  }
  return taken;
}

/** Where `offset` of the old text is after `edits` (an offset inside a replaced span goes to its start). */
function shift(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    if (e.span.end <= offset) delta += e.text.length - (e.span.end - e.span.start);
    else if (e.span.start < offset) return e.span.start + delta;
  }
  return offset + delta;
}
