import type { ImageRef } from '../../core/image-ref.js';
import type { DrydockConfig } from '../config.js';
import { displayImage, type FromReference } from '../image-helpers.js';
import type { Dockerfile, Stage } from '../parse/dockerfile.js';
import { factsFor } from './image-facts.js';
import { type FixPlan, manual } from './plan.js';

/**
 * DD1003's fix: `@sha256:…` after the tag, which stays for readers (`python:3.11@sha256:…`). The
 * digest is the one `drydock fix` resolved before linting (the multi-arch index digest the tag
 * points at) or was given with --digest; rules never go to the network themselves. A FROM that is
 * a whole ARG (`FROM ${BASE}`) is pinned in the ARG's default, so every FROM using it follows; one
 * whose name or tag comes from an ARG (`FROM node:${VERSION}`) is not pinned, as a digest would
 * silently override `--build-arg VERSION=…`. A missing tag is written out (`python:latest@sha256:…`)
 * so `drydock update` knows which tag to follow, as `drydock pin` does.
 */

export function planStagePin(file: Dockerfile, stage: Stage, ref: ImageRef, config: DrydockConfig): FixPlan {
  const digest = digestFor(ref, config);
  if (typeof digest !== 'string') return digest;
  const written = stage.image;
  if (/["']/.test(written)) return manual('the image is quoted: add the digest by hand');
  const whole = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(written);
  if (whole) {
    const name = whole[1] ?? whole[2] ?? '';
    const at = argDefaultEnd(file, name, stage);
    if (at === undefined) return manual(`the default of ARG ${name} is not written in this file`);
    return pin(at, ref, digest);
  }
  if (written.slice(written.lastIndexOf('/') + 1).includes('$')) {
    return manual('the name or tag comes from a build ARG: a digest here would silently override --build-arg');
  }
  return pin(stage.imageSpan.end, ref, digest);
}

/** `COPY --from=image` and `RUN --mount=…,from=image`: the digest goes right after the value. */
export function planReferencePin(file: Dockerfile, from: FromReference, ref: ImageRef, config: DrydockConfig): FixPlan {
  const digest = digestFor(ref, config);
  if (typeof digest !== 'string') return digest;
  const flag = file.text(from.span);
  if (/["'$]/.test(flag)) return manual('the reference is quoted or uses a variable: add the digest by hand');
  if (from.via === 'copy') return pin(from.span.end, ref, digest);
  const m = /(^|,)from=([^,]*)/i.exec(flag.slice(flag.indexOf('=') + 1));
  if (!m) return manual('cannot find from= in the mount');
  const valueEnd = flag.indexOf('=') + 1 + m.index + m[0].length;
  return pin(from.span.start + valueEnd, ref, digest);
}

function digestFor(ref: ImageRef, config: DrydockConfig): string | FixPlan {
  const facts = factsFor(config, ref);
  const name = displayImage(ref);
  if (!facts)
    return manual(
      `the digest of ${name} was not looked up (drydock fix resolves it, or pass --digest ${name}=sha256:…)`,
    );
  if (!facts.digest) return manual(facts.digestError ?? `no digest for ${name}`);
  return facts.digest;
}

function pin(at: number, ref: ImageRef, digest: string): FixPlan {
  return {
    fix: {
      description: `pin ${displayImage(ref)} to ${digest.slice(0, 19)}…`,
      edits: [{ span: { start: at, end: at }, text: `${ref.tag ? '' : ':latest'}@${digest}` }],
    },
  };
}

/** End of the default value of the last global `ARG name=value` before the stage (inside its quotes). */
function argDefaultEnd(file: Dockerfile, name: string, stage: Stage): number | undefined {
  const args = file.instructions.filter((i) => i.keyword === 'ARG' && !i.stage && i.index < stage.from.index);
  for (const arg of args.reverse()) {
    const prop = arg.properties.find((p) => p.name === name);
    if (!prop) continue;
    if (prop.value === undefined || prop.value === '') return undefined;
    const raw = file.text(prop.span);
    const closing = raw.at(-1);
    const quoted = (closing === '"' || closing === "'") && raw.indexOf(closing) < raw.length - 1;
    return quoted ? prop.span.end - 1 : prop.span.end;
  }
  return undefined;
}
