import { ruleTester } from '../rule-tester.js';
import { DD0003 } from './DD0003.js';

ruleTester(DD0003, {
  valid: [
    'FROM python:3.12-slim\nLABEL a=b',
    { name: 'global ARGs first', code: 'ARG BASE=python\nARG TAG=3.12-slim\nFROM ${BASE}:${TAG}\nRUN echo hi' },
    {
      name: 'directives and comments first',
      code: '# syntax=docker/dockerfile:1\n# escape=\\\n# build the API\nFROM node:20-slim',
    },
  ],
  invalid: [
    {
      code: 'LABEL maintainer=ops@example.com\nFROM debian:12-slim',
      errors: [{ line: 1, column: 1, message: 'LABEL before the first FROM' }],
    },
    {
      name: 'after an ARG, reported once',
      code: 'ARG V=1\nENV V=$V\nRUN echo $V\nFROM alpine:3.19',
      errors: [{ line: 2, column: 1, message: 'ENV before' }],
    },
    {
      name: 'no FROM at all',
      code: '# just copies\nCOPY app /app',
      errors: [{ line: 2, column: 1, message: 'COPY' }],
    },
    {
      name: 'ONBUILD before FROM',
      code: 'ONBUILD RUN make\nFROM alpine:3.19',
      errors: [{ line: 1, column: 1, message: 'ONBUILD' }],
    },
  ],
});
