import { ruleTester } from '../rule-tester.js';
import { DD2003 } from './DD2003.js';

ruleTester(DD2003, {
  valid: [
    "FROM python:3.12-slim\nRUN adduser --disabled-password --gecos '' appuser\nUSER appuser",
    {
      name: 'busybox adduser',
      code: 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -D -G app app\nUSER app:app',
    },
    { name: 'debian system user', code: 'FROM debian:12\nRUN adduser --system --group svc\nUSER svc' },
    {
      name: 'useradd with options, in set -eux and a continuation',
      code: 'FROM debian:12\nRUN set -eux; \\\n    groupadd -g 10001 web; \\\n    useradd -u 10001 -g web -m -s /usr/sbin/nologin web\nUSER web',
    },
    { name: 'heredoc RUN', code: 'FROM debian:12\nRUN <<EOF\nuseradd -r worker\nEOF\nUSER worker' },
    { name: 'numeric uid', code: 'FROM debian:12\nUSER 10001' },
    { name: 'node image ships node', code: 'FROM node:22-alpine\nUSER node' },
    { name: 'nobody everywhere', code: 'FROM alpine:3.20\nUSER nobody' },
    { name: 'distroless nonroot', code: 'FROM gcr.io/distroless/base-debian12\nUSER nonroot:nonroot' },
    { name: 'created in the stage it builds on', code: 'FROM debian:12 AS base\nRUN useradd app\nFROM base\nUSER app' },
    {
      name: 'scratch with /etc/passwd from a builder',
      code: 'FROM alpine:3.20 AS build\nRUN adduser -D -u 10001 app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nUSER app',
    },
    { name: 'user name from a variable', code: 'FROM debian:12\nARG NAME\nRUN useradd "$NAME"\nUSER svc' },
    { name: 'Windows', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser' },
    { name: 'root is DD2001', code: 'FROM debian:12\nUSER root' },
    { name: 'unknown base', code: 'ARG BASE\nFROM ${BASE}\nUSER app' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nUSER appuser',
      errors: [{ line: 2, column: 6, message: 'USER appuser is not created' }],
    },
    {
      name: 'user part of user:group',
      code: 'FROM debian:12\nRUN groupadd appgroup\nUSER appuser:appgroup',
      errors: [{ message: 'USER appuser ' }],
    },
    {
      name: 'created only in a builder stage',
      code: 'FROM debian:12 AS build\nRUN useradd builder\nFROM debian:12\nUSER builder',
      errors: 1,
    },
    { name: 'node user on a python image', code: 'FROM python:3.12\nUSER node', errors: 1 },
    { name: 'scratch has no nobody', code: 'FROM scratch\nUSER nobody', errors: [{ message: 'scratch' }] },
    {
      name: 'ONBUILD useradd does not create it here',
      code: 'FROM debian:12\nONBUILD RUN useradd app\nUSER app',
      errors: 1,
    },
  ],
});
