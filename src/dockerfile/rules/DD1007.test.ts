import { ruleTester } from '../rule-tester.js';
import { DD1007 } from './DD1007.js';

ruleTester(DD1007, {
  valid: [
    'FROM golang:1.22 AS build\nFROM alpine:3.19 AS runtime',
    { name: 'unnamed stages', code: 'FROM golang:1.22\nFROM alpine:3.19\nFROM alpine:3.19' },
    { name: 'a stage built on another', code: 'FROM golang:1.22 AS build\nFROM build AS test' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.19 AS build',
      errors: [{ line: 3, column: 21, message: 'stage name "build" is already used by the FROM on line 1' }],
    },
    {
      name: 'case-insensitive, reported per duplicate',
      code: 'FROM node:20 AS Deps\nFROM node:20 as deps\nFROM node:20-slim AS DEPS',
      errors: [
        { line: 2, column: 17, message: '"deps"' },
        { line: 3, column: 22, message: 'line 1' },
      ],
    },
  ],
});
