import type { Rule } from '../rule.js';

/** Docker rejects a Dockerfile in which two stages share a name. */
export const DD1007: Rule = {
  meta: {
    id: 'DD1007',
    title: 'Duplicate stage name',
    severity: 'high',
    category: 'syntax',
    why: 'Stage names must be unique (compared case-insensitively); Docker refuses the build when two FROMs use the same name.',
    fix: 'Give each stage its own name and update the COPY --from references.',
    aliases: ['DL3024', 'DS012', 'AVD-DS-0012'],
    example: {
      bad: 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim AS build\nCOPY --from=build /app /app',
      good: 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim AS runtime\nCOPY --from=build /app /app',
    },
  },
  check({ file, report }) {
    const first = new Map<string, number>();
    for (const stage of file.stages) {
      if (stage.name === undefined) continue;
      const line = file.source.positionAt(stage.from.span.start).line;
      const earlier = first.get(stage.name);
      if (earlier === undefined) {
        first.set(stage.name, line);
        continue;
      }
      const words = stage.from.args;
      const asAt = words.findIndex((w, i) => i > 0 && w.value.toLowerCase() === 'as');
      const span = words[asAt + 1]?.span ?? stage.from.keywordSpan;
      report({ message: `stage name "${stage.name}" is already used by the FROM on line ${earlier}`, span });
    }
  },
};
