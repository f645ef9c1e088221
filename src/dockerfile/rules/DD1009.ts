import { fromReferences } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/** A --from that names no earlier stage is pulled as an image called that name, or fails the build. */
export const DD1009: Rule = {
  meta: {
    id: 'DD1009',
    title: 'COPY --from refers to an unknown stage',
    severity: 'medium',
    category: 'syntax',
    why: 'A --from value that is no earlier stage is pulled from Docker Hub as an image of that name: the build fails or copies from a stranger’s image.',
    fix: 'Name a stage defined earlier (FROM … AS name), or write the external image with its tag: --from=nginx:1.27.',
    aliases: ['DL3022'],
    peerNotes:
      'As in hadolint, a value with `:`, `/` or `@` is an external image and a number must index an earlier stage. Beyond hadolint, `RUN --mount=…,from=` is checked too; ONBUILD triggers are not (they name stages of the child build).',
    example: {
      bad: 'FROM golang:1.22 AS builder\nRUN go build -o /app\nFROM alpine:3.19\nCOPY --from=build /app /app',
      good: 'FROM golang:1.22 AS builder\nRUN go build -o /app\nFROM alpine:3.19\nCOPY --from=builder /app /app',
    },
  },
  check({ file, report }) {
    for (const from of fromReferences(file)) {
      if (from.target.kind !== 'unknown') continue;
      const later = from.target.laterStage;
      const what =
        from.via === 'copy' ? `${from.instr.keyword} --from=${from.value}` : `RUN --mount from=${from.value}`;
      const why = later
        ? `stage ${later.name ? `"${later.name}"` : `number ${later.index}`} is defined after it`
        : /^\d+$/.test(from.value)
          ? 'there is no such earlier stage'
          : 'no earlier stage has that name (an external image needs a tag)';
      report({ message: `${what} refers to an unknown stage: ${why}`, span: from.span });
    }
  },
};
