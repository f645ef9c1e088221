import { ruleTester } from '../rule-tester.js';
import { DD1006 } from './DD1006.js';

const DIGEST = 'sha256:139020233cc412efe4c8135b0efe1c7569dc8b28ddd88bddb109b764f8977e30';
const allowed = (...allowedImages: string[]) => ({ allowedImages });

ruleTester(DD1006, {
  valid: [
    { name: 'no allowedImages configured', code: 'FROM anything/at-all:1' },
    {
      name: 'familiar, normalised and registry patterns',
      code: `FROM python:3.11-slim-bookworm@${DIGEST} AS a\nFROM debian:12-slim AS b\nFROM gcr.io/distroless/static-debian12:nonroot`,
      config: allowed('python:*-slim*', 'docker.io/library/debian:*', '*/distroless/*'),
    },
    {
      name: 'stages, scratch and ARG without default are not checked',
      code: 'ARG BASE\nFROM python:3.12-slim AS build\nFROM build\nFROM scratch\nFROM ${BASE}',
      config: allowed('python:*-slim*'),
    },
    {
      name: 'ARG default resolves to an allowed image',
      code: 'ARG V=3.12\nFROM python:${V}-slim',
      config: allowed('python:*-slim'),
    },
  ],
  invalid: [
    {
      code: 'FROM python:3.11-bookworm',
      config: allowed('python:*-slim*'),
      errors: [
        { line: 1, column: 6, message: 'FROM python:3.11-bookworm matches none of allowedImages (python:*-slim*)' },
      ],
    },
    {
      name: 'untagged means latest',
      code: 'FROM golang:1.22-bookworm AS build\nFROM debian',
      config: allowed('golang:*', 'debian:*-slim'),
      errors: [{ line: 2, column: 6, message: 'debian' }],
    },
    {
      name: 'registry matters in the normalised name',
      code: 'FROM quay.io/library/debian:12',
      config: allowed('docker.io/library/debian:*'),
      errors: 1,
    },
  ],
});
