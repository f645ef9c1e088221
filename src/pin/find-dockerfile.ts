import type { Span } from '../core/location.js';
import { fromReferences } from '../dockerfile/image-helpers.js';
import type { Dockerfile, Property } from '../dockerfile/parse/dockerfile.js';
import type { ImageReference } from './image-reference.js';

/**
 * Image references of a Dockerfile: every external `FROM` (stage bases and `scratch` are not
 * images), `COPY/ADD --from=image` and `RUN --mount=…,from=image`, ONBUILD triggers included.
 * A reference that comes from a global ARG (`FROM ${BASE}`) is rewritten at the ARG's default, so
 * every stage using it moves together and the FROM line stays as written.
 */
export function findDockerfileReferences(file: Dockerfile): ImageReference[] {
  const out: ImageReference[] = [];
  const path = file.path;
  for (const stage of file.stages) {
    if (stage.baseStage || stage.isScratch) continue;
    const base = {
      path,
      kind: 'dockerfile' as const,
      field: stage.name ? `FROM (stage ${stage.name})` : 'FROM',
      location: file.source.location(stage.imageSpan),
    };
    if (stage.unresolved) {
      out.push({
        ...base,
        image: stage.image,
        span: stage.imageSpan,
        written: stage.image,
        skip: `a build ARG in ${stage.image} has no default: the image is only known at build time`,
      });
      continue;
    }
    const located = locate(file, stage.image, stage.imageSpan, 0);
    out.push({ ...base, image: stage.resolvedImage, ...located });
  }
  for (const from of fromReferences(file)) {
    if (from.target.kind !== 'image') continue;
    const value = valueSpan(file, from.span, from.via);
    const base = {
      path,
      kind: 'dockerfile' as const,
      field: from.via === 'copy' ? `${from.instr.keyword} --from` : 'RUN --mount from',
      image: from.target.ref.raw,
      location: file.source.location(from.span),
    };
    if (!value) {
      out.push({ ...base, span: from.span, written: from.value, skip: 'the flag value is quoted' });
      continue;
    }
    out.push({ ...base, ...locate(file, from.value, value, 0) });
  }
  return out.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

interface Located {
  readonly span: Span;
  readonly written: string;
  readonly via?: string;
  readonly skip?: string;
}

const SINGLE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * Where the text of a reference written as `text` at `span` really lives. `${BASE}` alone leads to
 * the ARG's default (recursively: `ARG BASE=${MIRROR}/python:3.11`); a reference whose registry or
 * path comes from an ARG but whose last segment (`python:3.11`) is literal is pinned in place, since
 * the digest appended there matches the tag written beside it. A name or tag from an ARG is left alone:
 * a digest there would silently override a different `--build-arg`.
 */
function locate(file: Dockerfile, text: string, span: Span, depth: number): Located {
  if (!text.includes('$')) {
    return /^["']/.test(text) ? { span, written: text, skip: 'the image is quoted' } : { span, written: text };
  }
  const single = SINGLE_VARIABLE.exec(text);
  if (single && depth < 8) {
    const name = single[1] ?? single[2] ?? '';
    const arg = globalArg(file, name);
    if (arg?.value === undefined) return { span, written: text, skip: `ARG ${name} has no default` };
    const value = argValueSpan(file, arg);
    if (!value) return { span, written: text, skip: `the default of ARG ${name} is quoted with escapes` };
    const inner = locate(file, arg.value, value, depth + 1);
    const line = file.source.positionAt(arg.span.start).line;
    return { ...inner, via: inner.via ?? `ARG ${name} (line ${line})` };
  }
  const last = text.slice(text.lastIndexOf('/') + 1);
  if (last.includes('$')) {
    return {
      span,
      written: text,
      skip: `the image name or tag comes from a build ARG (${text}): put the whole reference in one ARG default to pin it`,
    };
  }
  return { span, written: text };
}

/** The global ARG (before the first FROM) that FROM lines see: the last declaration wins. */
function globalArg(file: Dockerfile, name: string): Property | undefined {
  let found: Property | undefined;
  for (const instr of file.instructions) {
    if (instr.keyword === 'FROM') break;
    if (instr.keyword !== 'ARG') continue;
    for (const p of instr.properties) if (p.name === name) found = p;
  }
  return found;
}

/** The span of an ARG default's value inside `NAME=value`, inside its quotes when quoted. */
function argValueSpan(file: Dockerfile, arg: Property): Span | undefined {
  const raw = file.text(arg.span);
  const eq = raw.indexOf('=');
  if (eq === -1 || arg.value === undefined) return undefined;
  let start = arg.span.start + eq + 1;
  let end = arg.span.end;
  const valueRaw = raw.slice(eq + 1);
  const quote = valueRaw[0];
  if ((quote === '"' || quote === "'") && valueRaw.length >= 2 && valueRaw.endsWith(quote)) {
    start++;
    end--;
  }
  return file.source.text.slice(start, end) === arg.value ? { start, end } : undefined;
}

/** The span of the image in `--from=IMAGE` or in the `from=IMAGE` field of `--mount=…`; undefined when quoted. */
function valueSpan(file: Dockerfile, flagSpan: Span, via: 'copy' | 'mount'): Span | undefined {
  const raw = file.text(flagSpan);
  let start: number;
  let end: number;
  if (via === 'copy') {
    start = raw.indexOf('=') + 1;
    end = raw.length;
  } else {
    const m = /(^|[=,])from=/i.exec(raw);
    if (!m) return undefined;
    start = m.index + m[0].length;
    const comma = raw.indexOf(',', start);
    end = comma === -1 ? raw.length : comma;
  }
  if (/^["']/.test(raw.slice(start, end))) return undefined;
  return { start: flagSpan.start + start, end: flagSpan.start + end };
}
