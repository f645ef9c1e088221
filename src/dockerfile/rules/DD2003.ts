import type { Rule } from '../rule.js';
import {
  chainRoot,
  effectiveUser,
  isNumericUser,
  isRootUser,
  isWellKnownUser,
  stageChain,
  usersCreatedIn,
} from '../user-helpers.js';

/** `USER appuser` without creating appuser fails at run time ("unable to find user appuser"). */
export const DD2003: Rule = {
  meta: {
    id: 'DD2003',
    title: 'USER is neither created in the Dockerfile nor a known user of the base image',
    severity: 'medium',
    category: 'user',
    why: 'A USER name that does not exist in the image makes the container fail to start, and people then "fix" it by dropping USER and running as root.',
    fix: 'Create the user in the same stage (useradd/adduser) before USER, or use a numeric uid or a user the base image ships.',
    aliases: [],
    example: {
      bad: 'FROM python:3.12-slim\nUSER appuser',
      good: "FROM python:3.12-slim\nRUN adduser --disabled-password --gecos '' appuser\nUSER appuser",
    },
  },
  check({ file, report }) {
    const final = file.finalStage;
    if (!final) return;
    const chain = stageChain(final);
    const user = effectiveUser(chain, file);
    if (!user || user.unresolved || user.user === '') return;
    if (isRootUser(user.user) || isNumericUser(user.user)) return;
    const root = chainRoot(chain);
    // `FROM ${BASE}` with no default: the base image and its users are unknown.
    if (root?.unresolved) return;
    // scratch has no /etc/passwd at all: only users copied in from another stage exist.
    if (!root?.isScratch && isWellKnownUser(user.user, root?.ref)) return;
    const created = usersCreatedIn(chain, file);
    if (created.unknown || created.names.has(user.user)) return;
    const image = root?.isScratch ? 'scratch' : (root?.resolvedImage ?? final.image);
    report({
      message: `USER ${user.user} is not created in the Dockerfile and is not a known user of ${image}`,
      span: user.instr.args[0]?.span ?? user.instr.span,
    });
  },
};
