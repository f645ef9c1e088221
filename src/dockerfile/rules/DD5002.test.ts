import { ruleTester } from '../rule-tester.js';
import { DD5002 } from './DD5002.js';

const BUILD = 'FROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y gcc make\n';

ruleTester(DD5002, {
  valid: [
    { name: 'single stage is exempt', code: 'FROM debian:12\nRUN apt-get install -y gcc make' },
    {
      name: 'tools only in the builder',
      code: `${BUILD}FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends libpq5`,
    },
    {
      name: 'apk virtual removed in the same RUN',
      code: `${BUILD}FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install uwsgi && apk del .build-deps`,
    },
    {
      name: 'purged by name',
      code: `${BUILD}FROM debian:12\nRUN set -eux; \\\n    apt-get install -y gcc; \\\n    make -C /src; \\\n    apt-get purge -y gcc`,
    },
    {
      name: 'apt-mark dance with purge --auto-remove',
      code: `${BUILD}FROM debian:12\nRUN apt-get install -y libssl-dev && ./configure && apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false`,
    },
    { name: 'dev target', code: `${BUILD}FROM build AS dev-envs\nRUN apt-get install -y git` },
    { name: 'SDK image on purpose', code: `${BUILD}FROM buildpack-deps:bookworm-scm\nRUN apt-get install -y gcc make` },
  ],
  invalid: [
    {
      code: `${BUILD}FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev curl`,
      errors: [
        {
          line: 4,
          column: 23,
          message: 'apt-get installs build tools in the final stage and keeps them: gcc, libpq-dev',
        },
      ],
    },
    {
      name: 'apk add git with sudo, removed in another RUN',
      code: `${BUILD}FROM alpine:3.20\nRUN sudo apk add --no-cache git build-base\nRUN apk del git build-base`,
      errors: [{ line: 4, message: 'git, build-base' }],
    },
    {
      name: 'dnf devel packages',
      code: `${BUILD}FROM fedora:40\nRUN dnf install -y gcc-c++ openssl-devel && dnf clean all`,
      errors: [{ message: 'dnf installs' }],
    },
    {
      name: 'inherited from the stage it builds on',
      code: 'FROM debian:12 AS base\nRUN apt-get install -y cmake\nFROM base\nCOPY . /app',
      errors: [{ line: 2, message: 'cmake' }],
    },
    { name: 'exec form', code: `${BUILD}FROM debian:12\nRUN ["apt-get", "install", "-y", "git"]`, errors: 1 },
    {
      name: 'heredoc RUN',
      code: `${BUILD}FROM debian:12\nRUN <<EOF\napt-get install -y git\nEOF`,
      errors: [{ line: 5 }],
    },
  ],
});
