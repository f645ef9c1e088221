import { ruleTester } from '../rule-tester.js';
import { DD1005 } from './DD1005.js';

const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });

ruleTester(DD1005, {
  valid: [
    { name: 'no trustedRegistries configured', code: 'FROM quay.io/acme/app:1.0' },
    {
      name: 'Docker Hub in every spelling',
      code: 'FROM python:3.12-slim AS a\nFROM acme/tool:2 AS b\nFROM index.docker.io/library/debian:12 AS c',
      config: trusted('docker.io'),
    },
    {
      name: 'wildcard, stages and scratch',
      code: 'FROM registry.eu.acme.example/base:1 AS base\nFROM base AS test\nFROM scratch\nCOPY --from=base /a /a',
      config: trusted('*.acme.example'),
    },
    { name: 'star trusts all', code: 'FROM quay.io/x/y:1', config: trusted('*') },
    { name: 'ARG without default is not checkable', code: 'ARG REG\nFROM ${REG}/app:1', config: trusted('ghcr.io') },
  ],
  invalid: [
    {
      code: 'FROM quay.io/acme/app:1.0',
      config: trusted('ghcr.io', 'docker.io'),
      errors: [
        { line: 1, column: 6, message: 'comes from quay.io, which is not a trusted registry (ghcr.io, docker.io)' },
      ],
    },
    {
      name: 'Docker Hub not trusted',
      code: 'ARG BASE=node:20-slim\nFROM ${BASE}',
      config: trusted('registry.acme.example'),
      errors: [{ line: 2, column: 6, message: 'FROM node:20-slim comes from docker.io' }],
    },
    {
      name: 'wildcard does not match the bare domain',
      code: 'FROM acme.example/base:1',
      config: trusted('*.acme.example'),
      errors: 1,
    },
    {
      name: 'COPY --from, ONBUILD COPY --from and RUN --mount from an external image',
      code: 'FROM ghcr.io/acme/base:1\nCOPY --from=quay.io/x/tool:2 /t /t\nONBUILD COPY --from=gcr.io/y/z:3 /z /z\nRUN --mount=type=cache,from=quay.io/x/cache:1,target=/c make',
      config: trusted('ghcr.io'),
      errors: [
        { line: 2, column: 6, message: 'COPY --from=quay.io/x/tool:2' },
        { line: 3, column: 14, message: 'gcr.io' },
        { line: 4, column: 5, message: 'RUN --mount from=quay.io/x/cache:1' },
      ],
    },
  ],
});
