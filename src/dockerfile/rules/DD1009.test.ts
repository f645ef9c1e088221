import { ruleTester } from '../rule-tester.js';
import { DD1009 } from './DD1009.js';

ruleTester(DD1009, {
  valid: [
    'FROM golang:1.22 AS Builder\nFROM alpine:3.19\nCOPY --from=builder /app /app',
    {
      name: 'external images',
      code: 'FROM alpine:3.19\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=ghcr.io/astral-sh/uv /uv /uv',
    },
    { name: 'earlier stage by index', code: 'FROM golang:1.22\nFROM alpine:3.19\nCOPY --from=0 /go/bin /bin' },
    { name: 'ONBUILD names a stage of the child build', code: 'FROM alpine:3.19\nONBUILD COPY --from=assets /a /a' },
    { name: 'ARG without default', code: 'ARG SRC\nFROM alpine:3.19\nCOPY --from=${SRC} /a /a' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS builder\nFROM alpine:3.19\nCOPY --from=build /app /app',
      errors: [{ line: 3, column: 6, message: 'COPY --from=build refers to an unknown stage: no earlier stage' }],
    },
    {
      name: 'stage defined later',
      code: 'FROM alpine:3.19\nCOPY --from=assets /a /a\nFROM node:20 AS assets',
      errors: [{ line: 2, column: 6, message: 'stage "assets" is defined after it' }],
    },
    {
      name: 'index out of range, and a RUN mount',
      code: 'FROM alpine:3.19\nCOPY --from=3 /a /a\nRUN --mount=from=cache,target=/c ls /c',
      errors: [
        { line: 2, column: 6, message: 'no such earlier stage' },
        { line: 3, column: 5, message: 'RUN --mount from=cache' },
      ],
    },
  ],
});
