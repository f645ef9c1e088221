import { fromReferences } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/** A stage cannot read its own files through --from: Docker fails with a circular dependency. */
export const DD1008: Rule = {
  meta: {
    id: 'DD1008',
    title: 'COPY --from refers to its own stage',
    severity: 'high',
    category: 'syntax',
    why: 'A stage cannot copy from itself (it is still being built), so Docker rejects the build.',
    fix: 'Copy from the earlier stage that produced the files, or use a plain COPY/RUN cp within the stage.',
    aliases: ['DL3023', 'DS006', 'AVD-DS-0006'],
    example: {
      bad: 'FROM golang:1.22 AS build\nCOPY --from=build /src/app /app',
      good: 'FROM golang:1.22 AS build\nRUN go build -o /src/app .\nFROM alpine:3.19\nCOPY --from=build /src/app /app',
    },
  },
  check({ file, report }) {
    for (const from of fromReferences(file)) {
      if (from.target.kind !== 'self') continue;
      const stage = from.target.stage;
      const label = stage.name ? `"${stage.name}"` : `number ${stage.index}`;
      const what =
        from.via === 'copy' ? `${from.instr.keyword} --from=${from.value}` : `RUN --mount from=${from.value}`;
      report({ message: `${what} refers to its own stage ${label}`, span: from.span });
    }
  },
};
