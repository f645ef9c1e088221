import { ruleTester } from '../rule-tester.js';
import { DD1002 } from './DD1002.js';

const DIGEST = 'sha256:139020233cc412efe4c8135b0efe1c7569dc8b28ddd88bddb109b764f8977e30';

ruleTester(DD1002, {
  valid: [
    'FROM node:20-bookworm-slim',
    { name: 'latest pinned by digest', code: `FROM node:latest@${DIGEST}` },
    { name: 'untagged is DD1001', code: 'FROM node' },
    { name: 'stage named latest', code: 'FROM node:20 AS latest\nFROM latest' },
    { name: 'ARG without default for the tag', code: 'ARG TAG\nFROM node:${TAG}' },
  ],
  invalid: [
    { code: 'FROM node:latest AS app', errors: [{ line: 1, column: 6, message: 'FROM node:latest' }] },
    {
      name: 'ARG default latest',
      code: 'ARG TAG="latest"\nFROM openjdk:${TAG}',
      errors: [{ line: 2, column: 6, message: 'openjdk:latest (openjdk:${TAG})' }],
    },
    {
      name: 'registry with port',
      code: 'FROM golang:1.22 AS build\nFROM test.registry.com:3000/openjdk:latest',
      errors: [{ line: 2, column: 6, message: 'test.registry.com:3000/openjdk:latest' }],
    },
    {
      name: 'repository from an ARG without default, literal latest',
      code: 'ARG REPO\nFROM $REPO/app:latest',
      errors: [{ line: 2, column: 6, message: 'uses the latest tag' }],
    },
  ],
});
