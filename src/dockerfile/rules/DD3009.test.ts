import { ruleTester } from '../rule-tester.js';
import { DD3009 } from './DD3009.js';

ruleTester(DD3009, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    { name: 'flag before the subcommand', code: 'FROM alpine:3.20\nRUN apk --no-cache add curl' },
    { name: 'flag after the packages', code: 'FROM alpine:3.20\nRUN apk add curl --no-cache' },
    {
      name: 'cache removed afterwards',
      code: 'FROM alpine:3.20\nRUN apk add --update curl && rm -rf /var/cache/apk/*',
    },
    { name: 'cache mount', code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl' },
    { name: 'apk update is another rule', code: 'FROM alpine:3.20\nRUN apk update' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add curl',
      errors: [{ line: 2, column: 5, message: 'apk add without --no-cache' }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
    },
    {
      name: 'a misspelt flag, continuation, set -eux',
      code: 'FROM alpine:3.20\nRUN set -eux; \\\n    apk upgrade --no-cache && \\\n    sudo apk add --no-cacher curl',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM alpine:3.20\nRUN set -eux; \\\n    apk upgrade --no-cache && \\\n    sudo apk add --no-cache --no-cacher curl',
    },
    {
      name: 'cache removed before the add',
      code: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add -U curl',
      errors: 1,
      output: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add --no-cache -U curl',
    },
    {
      name: 'cache mount elsewhere',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache apk add curl',
      errors: 1,
      output: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache apk add --no-cache curl',
    },
    {
      name: 'ONBUILD, exec form and heredoc',
      code: 'FROM alpine:3.20\nONBUILD RUN apk add git\nRUN ["apk", "add", "git"]\nRUN <<EOF\napk add git\nEOF',
      errors: 3,
      output:
        'FROM alpine:3.20\nONBUILD RUN apk add --no-cache git\nRUN ["apk", "add", "--no-cache", "git"]\nRUN <<EOF\napk add --no-cache git\nEOF',
    },
  ],
});
