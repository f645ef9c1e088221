import { ruleTester } from '../rule-tester.js';
import { DD4003 } from './DD4003.js';

ruleTester(DD4003, {
  valid: [
    'FROM node:20-slim\nCMD ["node", "server.js"]',
    {
      name: 'one per stage',
      code: 'FROM golang:1.22 AS build\nCMD ["go"]\nFROM alpine:3.20\nCMD ["/app"]',
    },
    { name: 'ONBUILD CMD is for child images', code: 'FROM alpine:3.20\nCMD ["/a"]\nONBUILD CMD ["/b"]' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCMD ["node"]\nRUN npm ci\nCMD ["node", "server.js"]',
      errors: [{ line: 4, column: 1, message: 'line 2' }],
    },
    {
      name: 'three in the second stage',
      code: 'FROM golang:1.22 AS build\nCMD go\nFROM alpine:3.20 AS run\nCMD a\nCMD b\nCMD c',
      errors: [
        { line: 5, message: 'stage run' },
        { line: 6, message: 'line 5' },
      ],
    },
  ],
});
