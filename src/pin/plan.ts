import { DrydockError, errorMessage } from '../core/errors.js';
import { formatLocation } from '../core/location.js';
import { applyEdits, type TextEdit } from '../core/text-edit.js';
import { findReferences } from './find-references.js';
import {
  type FileReferences,
  type ImageReference,
  parseReference,
  pinnedText,
  type ReferenceFileKind,
  tagKey,
  updatedText,
} from './image-reference.js';
import type { LockEntry } from './lock-file.js';
import type { DigestResolver } from './resolver.js';

/**
 * What happened to one reference:
 * - `pinned`: the tag was resolved and the digest added; `already-pinned`: it had one (pin leaves it);
 * - `updated`: the tag now points elsewhere and the digest was replaced; `current`: it did not move;
 * - `unpinned`: `update` only follows pinned references; `skipped`: never rewritten (see `reason`);
 * - `failed`: the registry could not resolve it (`reason` is the one-line error).
 */
export type RefStatus = 'pinned' | 'already-pinned' | 'updated' | 'current' | 'unpinned' | 'skipped' | 'failed';

export interface RefOutcome {
  readonly reference: ImageReference;
  readonly status: RefStatus;
  /** The tag followed (`python:3.11-slim`), for resolvable references. */
  readonly key?: string;
  /** The digest written (pinned, updated) or found current. */
  readonly digest?: string;
  /** The digest before `update`. */
  readonly oldDigest?: string;
  readonly reason?: string;
}

export interface FileChange {
  readonly path: string;
  readonly kind: ReferenceFileKind;
  readonly before: string;
  readonly after: string;
  readonly outcomes: readonly RefOutcome[];
}

export interface PinPlan {
  readonly files: readonly FileChange[];
  /** Resolution failures: one line each naming file:line and the reference. Nothing is written when any. */
  readonly errors: readonly DrydockError[];
  /** Every tag resolved in this run (for drydock.lock). */
  readonly resolved: ReadonlyMap<string, LockEntry>;
}

export interface PlanOptions {
  readonly resolve: DigestResolver;
  readonly now?: Date;
}

type Decide = (ref: ImageReference, resolve: (image: string) => Promise<string>) => Promise<Decision>;
type Decision = { outcome: Omit<RefOutcome, 'reference'>; edit?: TextEdit };

/** `drydock pin`: every unpinned, rewritable reference gets `@digest` of its tag; nothing else changes. */
export function planPin(files: readonly FileReferences[], options: PlanOptions): Promise<PinPlan> {
  return plan(files, options, async (ref, resolve) => {
    const parsed = parseReference(ref.image);
    if ('error' in parsed) return { outcome: { status: 'skipped', reason: `invalid reference: ${parsed.error}` } };
    const key = tagKey(parsed.ref);
    if (parsed.ref.digest !== undefined)
      return { outcome: { status: 'already-pinned', key, digest: parsed.ref.digest } };
    const digest = await resolve(ref.image);
    return {
      outcome: { status: 'pinned', key, digest },
      edit: { span: ref.span, text: pinnedText(ref.written, parsed.ref, digest) },
    };
  });
}

/** `drydock update`: every pinned reference whose tag moved gets the new digest, in its own span only. */
export function planUpdate(files: readonly FileReferences[], options: PlanOptions): Promise<PinPlan> {
  return plan(files, options, async (ref, resolve) => {
    const parsed = parseReference(ref.image);
    if ('error' in parsed) return { outcome: { status: 'skipped', reason: `invalid reference: ${parsed.error}` } };
    const old = parsed.ref.digest;
    if (old === undefined)
      return { outcome: { status: 'unpinned', key: tagKey(parsed.ref), reason: 'not pinned: run drydock pin' } };
    if (parsed.ref.tag === undefined) {
      return { outcome: { status: 'skipped', reason: 'pinned by digest only: there is no tag to follow' } };
    }
    const key = tagKey(parsed.ref);
    const digest = await resolve(ref.image);
    if (digest === old) return { outcome: { status: 'current', key, digest, oldDigest: old } };
    const text = updatedText(ref.written, old, digest);
    if (text === undefined) {
      return {
        outcome: { status: 'skipped', key, reason: `the digest is not written in ${ref.via ?? 'the reference'}` },
      };
    }
    return { outcome: { status: 'updated', key, digest, oldDigest: old }, edit: { span: ref.span, text } };
  });
}

async function plan(files: readonly FileReferences[], options: PlanOptions, decide: Decide): Promise<PinPlan> {
  const now = (options.now ?? new Date()).toISOString();
  const resolved = new Map<string, LockEntry>();
  const resolve = async (image: string) => {
    const digest = await options.resolve(image);
    const parsed = parseReference(image);
    if ('ref' in parsed) resolved.set(tagKey(parsed.ref), { digest, resolvedAt: now });
    return digest;
  };
  const errors: DrydockError[] = [];
  const changes = await Promise.all(
    files.map(async (file): Promise<FileChange> => {
      const decisions = await Promise.all(
        file.references.map(async (ref): Promise<{ outcome: RefOutcome; edit?: TextEdit }> => {
          if (ref.skip !== undefined) return { outcome: { reference: ref, status: 'skipped', reason: ref.skip } };
          try {
            const d = await decide(ref, resolve);
            return { outcome: { reference: ref, ...d.outcome }, ...(d.edit ? { edit: d.edit } : {}) };
          } catch (err) {
            const e = located(ref, err);
            errors.push(e);
            return { outcome: { reference: ref, status: 'failed', reason: e.toLine().replace(/^error: /, '') } };
          }
        }),
      );
      // One ARG default can feed several FROMs: its edit is made once.
      const edits = new Map<string, TextEdit>();
      for (const d of decisions) if (d.edit) edits.set(`${d.edit.span.start}:${d.edit.span.end}`, d.edit);
      const applied = applyEdits(
        file.text,
        [...edits.values()].map((e) => [e]),
      );
      if (applied.skipped > 0) {
        throw new DrydockError('input', 'overlapping image references: nothing was rewritten', { where: file.path });
      }
      checkRewrite(file, applied.text);
      return {
        path: file.path,
        kind: file.kind,
        before: file.text,
        after: applied.text,
        outcomes: decisions.map((d) => d.outcome),
      };
    }),
  );
  errors.sort((a, b) => (a.where ?? '').localeCompare(b.where ?? '', undefined, { numeric: true }));
  return { files: changes, errors, resolved };
}

/** A registry failure as one line naming where the reference is written and which it is. */
function located(ref: ImageReference, err: unknown): DrydockError {
  const where = formatLocation(ref.location);
  const code = err instanceof DrydockError ? err.code : 'io';
  const hint = err instanceof DrydockError ? err.hint : undefined;
  return new DrydockError(code, `${ref.image}: ${errorMessage(err)}`, {
    where,
    ...(hint ? { hint } : {}),
    cause: err,
  });
}

/** The rewritten file must still parse to the same references, or it is not written. */
function checkRewrite(file: FileReferences, after: string): void {
  if (after === file.text) return;
  const again = findReferences(file.path, after, file.kind);
  if (!again || again.references.length !== file.references.length) {
    throw new DrydockError('input', 'internal: the rewritten file no longer parses to the same image references', {
      where: file.path,
    });
  }
}
