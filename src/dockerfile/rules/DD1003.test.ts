import { ruleTester } from '../rule-tester.js';
import { DD1003 } from './DD1003.js';

const DIGEST = 'sha256:139020233cc412efe4c8135b0efe1c7569dc8b28ddd88bddb109b764f8977e30';
const OTHER = 'sha256:2222222222222222222222222222222222222222222222222222222222222222';

/** The digests `drydock fix` resolved before linting (config.imageFacts), keyed by registry/repository:tag. */
const RESOLVED = {
  imageFacts: new Map([
    ['docker.io/library/python:3.11-slim-bookworm', { digest: DIGEST }],
    ['ghcr.io/acme/base:1.4', { digest: OTHER }],
    ['ghcr.io/astral-sh/uv:0.4', { digest: OTHER }],
    ['docker.io/library/busybox:1.36', { digest: DIGEST }],
    ['docker.io/library/node:20', { digest: OTHER }],
    ['registry.example.com/app:1', { digestError: 'cannot resolve registry.example.com/app:1: no such host' }],
  ]),
};

ruleTester(DD1003, {
  valid: [
    `FROM python:3.11-slim-bookworm@${DIGEST}`,
    {
      name: 'stages, scratch and stage copies',
      code: `FROM golang:1.22@${DIGEST} AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /app /app\nCOPY --from=0 /etc/ssl /etc/ssl`,
    },
    { name: 'ARG default carries the digest', code: `ARG BASE=node:20-slim@${DIGEST}\nFROM \${BASE}` },
    { name: 'digest written after an ARG tag', code: `ARG TAG\nFROM node:\${TAG}@${DIGEST}` },
    {
      name: 'COPY --from an image pinned by digest',
      code: `FROM scratch\nCOPY --from=busybox:1.36@${DIGEST} /bin/busybox /busybox`,
    },
  ],
  invalid: [
    {
      code: 'FROM python:3.11-slim-bookworm AS app',
      errors: [
        { line: 1, column: 6, message: 'FROM python:3.11-slim-bookworm is not pinned by digest: run `drydock pin`' },
      ],
    },
    {
      name: 'pinned with the resolved digest, the tag kept',
      code: 'FROM python:3.11-slim-bookworm AS app',
      config: RESOLVED,
      errors: 1,
      output: `FROM python:3.11-slim-bookworm@${DIGEST} AS app`,
    },
    {
      name: 'a whole-ARG FROM is pinned in the ARG default, once for every FROM using it',
      code: 'ARG BASE="ghcr.io/acme/base:1.4"\nFROM ${BASE} AS one\nFROM $BASE',
      config: RESOLVED,
      errors: 2,
      output: `ARG BASE="ghcr.io/acme/base:1.4@${OTHER}"\nFROM \${BASE} AS one\nFROM $BASE`,
    },
    {
      name: 'a tag from a build ARG: a digest would override --build-arg, so no fix',
      code: 'ARG NODE=20\nFROM --platform=$BUILDPLATFORM node:${NODE}',
      config: RESOLVED,
      errors: 1,
    },
    {
      name: 'a registry from an ARG, the tag written: pinned in place',
      code: 'ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/node:20',
      config: RESOLVED,
      errors: 1,
      output: `ARG REGISTRY=docker.io\nFROM \${REGISTRY}/library/node:20@${OTHER}`,
    },
    {
      name: 'no tag: written out as latest, as drydock pin does',
      code: 'FROM ghcr.io/acme/tool',
      config: { imageFacts: new Map([['ghcr.io/acme/tool:latest', { digest: OTHER }]]) },
      errors: 1,
      output: `FROM ghcr.io/acme/tool:latest@${OTHER}`,
    },
    {
      name: 'COPY --from and RUN --mount from, pinned in place',
      code: `FROM debian:12-slim@${DIGEST}\nCOPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/uv\nRUN --mount=type=bind,from=busybox:1.36,target=/bb ls /bb`,
      config: RESOLVED,
      errors: 2,
      output: `FROM debian:12-slim@${DIGEST}\nCOPY --from=ghcr.io/astral-sh/uv:0.4@${OTHER} /uv /bin/uv\nRUN --mount=type=bind,from=busybox:1.36@${DIGEST},target=/bb ls /bb`,
    },
    {
      name: 'unresolvable: no fix (fix reports the reason)',
      code: 'FROM registry.example.com/app:1',
      config: RESOLVED,
      errors: 1,
    },
    {
      name: 'ARG default without digest',
      code: 'ARG BASE=ghcr.io/acme/base:1.4\nFROM $BASE',
      errors: [{ line: 2, column: 6, message: 'ghcr.io/acme/base:1.4 is not pinned' }],
    },
    {
      name: 'ARG without default',
      code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}',
      errors: [{ line: 2, column: 6, message: 'ARG BASE_IMAGE has no default), so its digest cannot be checked' }],
    },
    {
      name: 'COPY --from and RUN --mount from external images',
      code: `FROM debian:12-slim@${DIGEST}\nCOPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/uv\nRUN --mount=type=bind,from=docker.io/library/busybox:1.36,target=/bb ls /bb`,
      errors: [
        { line: 2, column: 6, message: 'COPY --from=ghcr.io/astral-sh/uv:0.4' },
        { line: 3, column: 5, message: 'RUN --mount from=busybox:1.36' },
      ],
    },
  ],
});
