import { ruleTester } from '../rule-tester.js';
import { DD0001 } from './DD0001.js';

ruleTester(DD0001, {
  valid: [
    'FROM python:3.11-slim\nRUN pip install flask',
    { name: 'heredoc closed', code: 'FROM alpine:3.19\nRUN <<EOF\napk add --no-cache curl\nEOF\n' },
    { name: 'ARG image with a default', code: 'ARG BASE=node:20-slim\nFROM ${BASE}\nCMD ["node"]' },
    { name: 'stage reference and scratch', code: 'FROM golang:1.22 AS build\nFROM build AS test\nFROM scratch' },
    {
      name: 'registry with port and digest',
      code: 'FROM localhost:5000/team/app:1.0@sha256:139020233cc412efe4c8135b0efe1c7569dc8b28ddd88bddb109b764f8977e30',
    },
  ],
  invalid: [
    {
      name: 'unknown instruction',
      code: 'FROM debian:12\nRUNN apt-get update',
      errors: [{ line: 2, column: 1, message: 'unknown instruction "RUNN"' }],
    },
    {
      name: 'unterminated heredoc',
      code: 'FROM alpine:3.19\nRUN <<EOF\napk add curl\n',
      errors: [{ line: 2, column: 1, message: 'heredoc <<EOF' }],
    },
    {
      name: 'upper-case repository',
      code: 'FROM Python:3.11-slim AS app\nCMD ["python"]',
      errors: [{ line: 1, column: 6, message: /Python:3\.11-slim.*lowercase/ }],
    },
    {
      name: 'invalid reference through an ARG default',
      code: 'ARG REPO=MyOrg/app\nFROM ${REPO}:1.0',
      errors: [{ line: 2, column: 6, message: '${REPO}:1.0 (= MyOrg/app:1.0)' }],
    },
    {
      name: 'FROM without an image',
      code: 'FROM\nRUN true',
      errors: [{ line: 1, column: 1, message: 'FROM without' }],
    },
  ],
});
