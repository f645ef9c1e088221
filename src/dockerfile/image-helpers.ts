import { type ImageRef, imageBaseName, parseImageRef } from '../core/image-ref.js';
import type { Span } from '../core/location.js';
import { expandArgs } from './parse/arg-expansion.js';
import type { Dockerfile, Instruction, InstructionFlag, Stage } from './parse/dockerfile.js';

/**
 * Shared logic of the syntax and base-image rules (DD0xxx, DD1xxx): where `--from` points,
 * what an unresolved FROM still tells us, registry and image patterns, slim variants.
 */

/** What a `COPY --from=` or `RUN --mount=…,from=` value designates. */
export type FromTarget =
  | { readonly kind: 'stage'; readonly stage: Stage }
  /** The stage the instruction is in: Docker cannot copy from a stage that is still being built. */
  | { readonly kind: 'self'; readonly stage: Stage }
  | { readonly kind: 'image'; readonly ref: ImageRef }
  /** Neither an earlier stage nor image-like (no `:`, `/` or `@`), as hadolint DL3022 reads it. */
  | { readonly kind: 'unknown'; readonly laterStage: Stage | undefined }
  /** Image-like but not a valid reference, or only known at build time. */
  | { readonly kind: 'unchecked' };

export interface FromReference {
  readonly instr: Instruction;
  /** `copy` for COPY/ADD --from, `mount` for RUN --mount=…,from=…. */
  readonly via: 'copy' | 'mount';
  /** The value as written. */
  readonly value: string;
  /** The flag holding it: reports point here. */
  readonly span: Span;
  readonly target: FromTarget;
}

/** Every `--from` of COPY (and ADD) and every `from=` of a RUN mount, ONBUILD triggers included. */
export function fromReferences(file: Dockerfile): FromReference[] {
  const out: FromReference[] = [];
  const all = [...file.instructions, ...file.onbuildTriggers].sort((a, b) => a.span.start - b.span.start);
  for (const instr of all) {
    for (const flag of instr.flags) {
      const value = flagFrom(instr, flag);
      if (value === undefined || value === '') continue;
      out.push({
        instr,
        via: instr.keyword === 'RUN' ? 'mount' : 'copy',
        value,
        span: flag.span,
        target: classifyFrom(file, instr, value),
      });
    }
  }
  return out;
}

function flagFrom(instr: Instruction, flag: InstructionFlag): string | undefined {
  if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && flag.name === 'from') return flag.value ?? undefined;
  if (instr.keyword === 'RUN' && flag.name === 'mount' && flag.value) {
    const fields = flag.value.split(',').map((f) => f.trim());
    const from = fields.find((f) => /^from=/i.test(f));
    return from?.slice('from='.length);
  }
  return undefined;
}

function classifyFrom(file: Dockerfile, instr: Instruction, value: string): FromTarget {
  // An ONBUILD trigger runs in a child image's build: stage names and indices there are unknowable.
  const current = instr.onbuild ? undefined : instr.stage;
  const expanded = value.includes('$') ? expandArgs(value, file.globalArgs) : { value, unresolved: false };
  if (expanded.unresolved) return { kind: 'unchecked' };
  const name = expanded.value.toLowerCase();
  const upTo = current?.index ?? -1;
  if (/^\d+$/.test(name)) {
    if (instr.onbuild) return { kind: 'unchecked' };
    const n = Number(name);
    const stage = file.stages[n];
    if (stage && n < upTo) return { kind: 'stage', stage };
    if (stage && current && n === upTo) return { kind: 'self', stage };
    return { kind: 'unknown', laterStage: stage };
  }
  const named = file.stages.filter((s) => s.name === name);
  const earlier = named.find((s) => s.index < upTo);
  if (earlier) return { kind: 'stage', stage: earlier };
  if (current && current.name === name) return { kind: 'self', stage: current };
  if (/[:/@]/.test(name)) {
    const parsed = parseImageRef(expanded.value);
    return parsed.ok ? { kind: 'image', ref: parsed.ref } : { kind: 'unchecked' };
  }
  if (instr.onbuild) return { kind: 'unchecked' };
  return { kind: 'unknown', laterStage: named.find((s) => s.index > upTo) };
}

/** The external image a stage ends up on: `FROM build` follows `build` back to its own FROM. */
export function rootStage(stage: Stage): Stage {
  let s = stage;
  const seen = new Set<Stage>();
  while (s.baseStage && !seen.has(s)) {
    seen.add(s);
    s = s.baseStage;
  }
  return s;
}

/** An image as users write it: `python:3.11-slim`, `ghcr.io/org/app@sha256:…`. */
export function displayImage(ref: ImageRef): string {
  return `${ref.familiar}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/**
 * What the written text of an unresolved image (a build ARG without default) still says about
 * its tag. Only the last path segment can carry a tag; a variable in it could supply one.
 */
export function unresolvedTag(image: string): 'none' | 'latest' | 'tagged' | 'unknown' {
  const masked = image.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '\u0000');
  const last = masked.slice(masked.lastIndexOf('/') + 1);
  if (last.includes('@')) return 'tagged';
  const colon = last.indexOf(':');
  if (colon !== -1) {
    const tag = last.slice(colon + 1);
    return tag === 'latest' ? 'latest' : 'tagged';
  }
  if (last === '' || last.includes('\u0000')) return 'unknown';
  return 'none';
}

/** Build ARGs used in `text` that have no value before the build starts. */
export function argsWithoutDefault(text: string, args: ReadonlyMap<string, string | undefined>): string[] {
  const names = [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
  return [...new Set(names.filter((n) => args.get(n) === undefined))];
}

/** `*` matches any run of characters (`/` and `.` included), `?` one character; whole-string, case-insensitive. */
export function globMatch(pattern: string, text: string): boolean {
  const source = pattern
    .split('')
    .map((c) => {
      if (c === '*') return '.*';
      if (c === '?') return '.';
      return c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, 'i').test(text);
}

/** Docker Hub's other names: a config listing any of them trusts `python`, `docker.io/library/python`… */
const DOCKER_HUB = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'hub.docker.com',
  'registry.hub.docker.com',
]);

/** A registry is trusted when a configured entry names it or matches it as a glob (`*.corp.example`, `*`). */
export function registryTrusted(registry: string, trusted: readonly string[]): boolean {
  const host = registry.toLowerCase();
  return trusted.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (DOCKER_HUB.has(host) && DOCKER_HUB.has(e)) return true;
    return e === host || (e.includes('*') && globMatch(e, host));
  });
}

/** The names an allowedImages pattern may match: familiar and fully normalised, with and without tag/digest. */
export function imageCandidates(ref: ImageRef): string[] {
  const names = [ref.familiar, `${ref.registry}/${ref.repository}`];
  // No tag and no digest means :latest to Docker.
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  const out: string[] = [];
  for (const name of names) {
    out.push(name);
    if (tag) out.push(`${name}:${tag}`);
    if (ref.digest) {
      out.push(`${name}@${ref.digest}`);
      if (tag) out.push(`${name}:${tag}@${ref.digest}`);
    }
  }
  return out;
}

/** Windows base images run RUN through cmd.exe, not a POSIX shell. */
export function isWindowsImage(ref: ImageRef): boolean {
  const text = `${ref.repository}:${ref.tag ?? ''}`.toLowerCase();
  return /windows|nanoserver|servercore/.test(text);
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'busybox']);

/** True when `argv0` (a path or name) is a POSIX-style shell; `env bash` looks at the next word. */
export function isPosixShell(argv: readonly string[]): boolean {
  let i = 0;
  let name = basename(argv[0] ?? '');
  while (name === 'env' && i + 1 < argv.length) {
    i++;
    name = basename(argv[i] ?? '');
    if (name.startsWith('-')) name = 'env';
  }
  return POSIX_SHELLS.has(name.toLowerCase().replace(/\.exe$/, ''));
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The shell a RUN runs under: the last SHELL before it in its stage, else the one its base stage
 * ends with, else cmd on Windows images and /bin/sh elsewhere. Returns the SHELL argv.
 */
export function effectiveShell(instr: Instruction): readonly string[] {
  let stage = instr.stage;
  let before = instr.index;
  const seen = new Set<Stage>();
  while (stage && !seen.has(stage)) {
    seen.add(stage);
    const shell = stage.instructions.filter((i) => i.keyword === 'SHELL' && i.json && i.index < before).at(-1);
    if (shell?.json) return shell.json.map((w) => w.value);
    if (!stage.baseStage) {
      if (stage.ref && isWindowsImage(stage.ref)) return ['cmd', '/S', '/C'];
      break;
    }
    before = Number.POSITIVE_INFINITY;
    stage = stage.baseStage;
  }
  return ['/bin/sh', '-c'];
}

/** Official images that publish slim variants, and how each names them. */
const SLIM_IMAGES: ReadonlyMap<string, 'slim-after-version' | 'slim-after-suite' | 'append'> = new Map([
  ['python', 'slim-after-version'],
  ['ruby', 'slim-after-version'],
  ['perl', 'slim-after-version'],
  ['rust', 'slim-after-version'],
  ['node', 'slim-after-suite'],
  ['debian', 'append'],
]);

const MINIMAL_MARKERS = /(^|[-_.])(slim|alpine|minimal|distroless|chainguard|busybox|micro|wolfi)/i;
const SUITES = /^(trixie|bookworm|bullseye|buster|stretch)$/;

/**
 * For an official image with a slim variant whose tag is not minimal, the suggested slim tag
 * (`python:3.11` → `3.11-slim`, `node:20-bookworm` → `20-bookworm-slim`); undefined otherwise.
 */
export function slimSuggestion(ref: ImageRef): string | undefined {
  if (ref.registry !== 'docker.io' || !ref.repository.startsWith('library/')) return undefined;
  const style = SLIM_IMAGES.get(imageBaseName(ref));
  if (!style) return undefined;
  const tag = ref.tag ?? 'latest';
  if (MINIMAL_MARKERS.test(tag)) return undefined;
  // Windows variants have no slim counterpart.
  if (/windowsservercore|nanoserver/i.test(tag)) return undefined;
  if (tag === 'latest') return style === 'append' ? 'stable-slim' : 'slim';
  if (style === 'append') return `${tag}-slim`;
  const parts = tag.split('-');
  if (style === 'slim-after-suite') {
    const suiteAt = parts.findIndex((p) => SUITES.test(p));
    if (suiteAt === -1) return `${tag}-slim`;
    parts.splice(suiteAt + 1, 0, 'slim');
  } else {
    // python/ruby/perl/rust put the variant right after the version: 3.11-slim-bookworm, 5.38-slim-threaded.
    parts.splice(/^\d/.test(parts[0] ?? '') ? 1 : 0, 0, 'slim');
  }
  return parts.join('-');
}
