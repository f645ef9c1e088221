import { ruleTester } from '../rule-tester.js';
import { DD4002 } from './DD4002.js';

ruleTester(DD4002, {
  valid: [
    'FROM node:20-slim\nENTRYPOINT ["node", "server.js"]',
    {
      name: 'one per stage',
      code: 'FROM golang:1.22 AS build\nENTRYPOINT ["go"]\nFROM alpine:3.20\nENTRYPOINT ["/app"]',
    },
    {
      name: 'ONBUILD ENTRYPOINT is for child images',
      code: 'FROM alpine:3.20\nENTRYPOINT ["/a"]\nONBUILD ENTRYPOINT ["/b"]',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nENTRYPOINT ["node"]\nRUN npm ci\nENTRYPOINT ["node", "server.js"]',
      errors: [{ line: 4, column: 1, message: 'line 2' }],
    },
    {
      name: 'three in the second stage',
      code: 'FROM golang:1.22 AS build\nENTRYPOINT go\nFROM alpine:3.20 AS run\nENTRYPOINT a\nENTRYPOINT b\nENTRYPOINT c',
      errors: [
        { line: 5, message: 'stage run' },
        { line: 6, message: 'line 5' },
      ],
    },
  ],
});
