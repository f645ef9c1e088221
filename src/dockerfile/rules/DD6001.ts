import type { Rule } from '../rule.js';
import { credentialValue, declarations, isPathValue, secretName } from '../secret-patterns.js';

/** ENV values ship in the image config; ARG values land in `docker history`. Neither is a secret store. */
export const DD6001: Rule = {
  meta: {
    id: 'DD6001',
    title: 'Secret in ARG or ENV',
    severity: 'high',
    category: 'secrets',
    why: 'ENV values are stored in the image config and build arguments in its history, so anyone who can pull the image can read them.',
    fix: 'Pass build-time secrets with RUN --mount=type=secret,id=… and runtime secrets through the orchestrator (secret volumes or injected env), never ARG/ENV.',
    aliases: ['DS031', 'AVD-DS-0031', 'CIS-DI-0010'],
    peerNotes:
      'Trivy DS031 matches a fixed list of names (AWS_ACCESS_KEY_ID, GITHUB_TOKEN, HF_TOKEN…) in the final stage only; drydock also matches name parts (PASSWORD, SECRET, TOKEN, API_KEY…), credential-shaped values (AKIA…, ghp_…, private keys, URLs with a password), and every stage, since builder-stage secrets stay in the build cache. Names ending _FILE/_PATH/_DIR/_URL/_LENGTH…, path values and empty ENV values are not secrets.',
    example: {
      bad: 'FROM node:22-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci',
      good: 'FROM node:22-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    },
  },
  check({ file, report }) {
    for (const instr of [...file.instructions, ...file.onbuildTriggers]) {
      if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
      // ARGs before the first FROM only feed FROM lines; a stage must re-declare them to use them.
      if (!instr.stage) continue;
      for (const decl of declarations(instr, file)) {
        const value = decl.value;
        const credential = value === undefined ? undefined : credentialValue(value);
        if (credential) {
          report({ message: `${instr.keyword} ${decl.name} holds ${credential}`, span: decl.span });
          continue;
        }
        if (!secretName(decl.name)) continue;
        if (value !== undefined && isPathValue(value)) continue;
        if (instr.keyword === 'ENV') {
          // An empty or boolean ENV (`ENV API_TOKEN=`, `ENV USE_AUTH=false`) holds no secret.
          if (value === undefined || /^(|true|false|yes|no|on|off|0|1)$/i.test(value)) continue;
          report({ message: `ENV ${decl.name} stores a secret in the image config`, span: decl.span });
        } else {
          report({
            message: `ARG ${decl.name} passes a secret as a build argument, which the image history keeps`,
            span: decl.span,
          });
        }
      }
    }
  },
};
