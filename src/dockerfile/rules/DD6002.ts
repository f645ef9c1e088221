import type { Rule } from '../rule.js';
import { declarations, SECRET_FILE_VARIABLES, secretFileKind } from '../secret-patterns.js';

/** A copied key stays in its layer even if a later RUN deletes it. */
export const DD6002: Rule = {
  meta: {
    id: 'DD6002',
    title: 'Secret file copied into the image',
    severity: 'high',
    category: 'secrets',
    why: 'A key or credentials file copied into a layer can be extracted by anyone who pulls the image, even if a later step deletes it.',
    fix: 'Mount it only where needed with RUN --mount=type=secret (or type=ssh for SSH keys), list it in .dockerignore, and inject runtime credentials through the orchestrator.',
    aliases: ['DS031', 'AVD-DS-0031', 'CIS-DI-0010'],
    peerNotes:
      'Like Trivy DS031, drydock reports COPY into $AWS_CONFIG_FILE-style destinations and credential-file variables (GOOGLE_APPLICATION_CREDENTIALS…) that point into a copied directory; it also reads the source names (id_rsa, *.pem keys, .env, .npmrc…) in every stage, which Trivy does not.',
    example: {
      bad: 'FROM node:22-slim\nCOPY .npmrc package*.json ./\nRUN npm ci',
      good: 'FROM node:22-slim\nCOPY package*.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    },
  },
  check({ file, report }) {
    const all = [...file.instructions, ...file.onbuildTriggers].sort((a, b) => a.span.start - b.span.start);
    for (const instr of all) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      const words = instr.json ?? instr.args;
      const dest = words.at(-1);
      for (const source of words.slice(0, -1)) {
        const kind = secretFileKind(source.value);
        if (kind)
          report({ message: `${instr.keyword} ${source.value} puts ${kind} into the image`, span: source.span });
      }
      // Trivy: `COPY ./config $AWS_CONFIG_FILE` fills a credentials file the tools will read.
      const variable = dest?.value.replace(/^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/, '$1');
      if (dest && variable && variable !== dest.value && SECRET_FILE_VARIABLES.has(variable)) {
        report({
          message: `${instr.keyword} into $${variable} puts a credentials file into the image`,
          span: dest.span,
        });
      }
    }
    // `COPY . /app` + `ENV GOOGLE_APPLICATION_CREDENTIALS=/app/sa.json`: the key file came with the copy.
    for (const stage of file.stages) {
      const dests = stage.instructions
        .filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
        .map((i) => normalise((i.json ?? i.args).at(-1)?.value ?? '', stage.instructions, i.index));
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
        for (const decl of declarations(instr, file)) {
          if (!SECRET_FILE_VARIABLES.has(decl.name) || !decl.value) continue;
          const path = normalise(decl.value, stage.instructions, instr.index);
          if (!dests.some((d) => d !== undefined && isUnder(path, d))) continue;
          report({
            message: `${instr.keyword} ${decl.name} points at a credentials file copied into the image`,
            span: decl.span,
          });
        }
      }
    }
  },
};

/** Makes a path absolute against the WORKDIR in effect (relative paths resolve there). */
function normalise(
  path: string,
  instructions: readonly { keyword: string; args: readonly { value: string }[]; index: number }[],
  before: number,
): string {
  let workdir = '/';
  for (const i of instructions) {
    if (i.index >= before) break;
    if (i.keyword === 'WORKDIR') {
      const w = i.args[0]?.value ?? '/';
      workdir = w.startsWith('/') ? w : `${workdir.replace(/\/$/, '')}/${w}`;
    }
  }
  const abs = path.startsWith('/') ? path : `${workdir.replace(/\/$/, '')}/${path}`;
  const parts: string[] = [];
  for (const p of abs.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

function isUnder(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(`${dir}/`);
}
