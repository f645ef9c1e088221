import { ruleTester } from '../rule-tester.js';
import { DD2001 } from './DD2001.js';

ruleTester(DD2001, {
  valid: [
    'FROM python:3.12-slim\nRUN useradd -r app\nUSER app',
    { name: 'root earlier, app last', code: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001:10001' },
    {
      name: 'root only in a builder stage',
      code: 'FROM golang:1.22 AS build\nUSER root\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /out/app /app',
    },
    { name: 'no USER at all is DD2002', code: 'FROM debian:12\nRUN true' },
    { name: 'user named like root', code: 'FROM debian:12\nUSER rootless' },
    { name: 'unresolved variable', code: 'FROM debian:12\nARG RUNTIME_USER\nUSER ${RUNTIME_USER}' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nUSER app\nRUN make\nUSER root',
      errors: [{ line: 4, column: 1, message: 'USER root' }],
      // The user the stage switched away from is the one to switch back to.
      output: 'FROM debian:12\nUSER app\nRUN make\nUSER app',
    },
    {
      name: 'uid 0 with group',
      code: 'FROM alpine:3.20\nUSER 0:0',
      errors: [{ line: 2, message: 'USER 0:0' }],
      output: 'FROM alpine:3.20\nRUN addgroup -S appuser && adduser -S -G appuser appuser\nUSER appuser',
    },
    {
      name: 'root with a group',
      code: 'FROM alpine:3.20\nUSER root:wheel',
      errors: 1,
      output: 'FROM alpine:3.20\nRUN addgroup -S appuser && adduser -S -G appuser appuser\nUSER appuser',
    },
    {
      name: 'inherited from the stage it is built FROM',
      code: 'FROM node:22 AS base\nUSER root\nFROM base AS app\nCOPY . /app',
      errors: [{ line: 2, message: 'inherits USER root from stage "base"' }],
      // The node images ship the `node` user.
      output: 'FROM node:22 AS base\nUSER root\nFROM base AS app\nCOPY . /app\nUSER node',
    },
    {
      name: 'resolved through an ARG default',
      code: 'FROM debian:12\nARG RUN_AS=root\nUSER ${RUN_AS}',
      errors: [{ line: 3, message: 'USER root' }],
      // The ARG may be overridden: USER ${RUN_AS} stays, the user is created before it and used after.
      output:
        'FROM debian:12\nARG RUN_AS=root\nRUN groupadd appuser && useradd --create-home --gid appuser appuser\nUSER ${RUN_AS}\nUSER appuser',
    },
    {
      name: 'root to install, then CMD: USER goes before the CMD',
      code: 'FROM ubuntu:24.04\nUSER root\nRUN apt-get install -y curl\nEXPOSE 8080\n# start the app\nCMD ["/app"]',
      errors: 1,
      output:
        'FROM ubuntu:24.04\nUSER root\nRUN apt-get install -y curl\nEXPOSE 8080\nRUN groupadd appuser && useradd --create-home --gid appuser appuser\nUSER appuser\n# start the app\nCMD ["/app"]',
    },
    {
      name: 'an entrypoint that drops privileges itself needs a human',
      code: 'FROM postgres:16\nUSER root\nENTRYPOINT ["docker-entrypoint.sh"]',
      errors: 1,
    },
  ],
});
