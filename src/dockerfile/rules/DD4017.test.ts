import { ruleTester } from '../rule-tester.js';
import { DD4017 } from './DD4017.js';

const config = { requiredLabels: ['org.opencontainers.image.source', 'team'] };

ruleTester(DD4017, {
  valid: [
    { name: 'nothing required', code: 'FROM python:3.12-slim\nCOPY . /app' },
    {
      code: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.source="https://github.com/acme/app" \\\n      team=payments',
      config,
    },
    {
      name: 'quoted keys and the legacy form',
      code: 'FROM python:3.12-slim\nLABEL "org.opencontainers.image.source"=https://x.test/app\nLABEL team payments and billing',
      config,
    },
    {
      name: 'inherited from the stage it builds on',
      code: 'FROM python:3.12-slim AS base\nLABEL team=payments\nFROM base\nLABEL org.opencontainers.image.source=x',
      config,
    },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nLABEL team=payments',
      config,
      errors: [{ line: 1, column: 1, message: 'org.opencontainers.image.source' }],
    },
    {
      name: 'labels of an unrelated build stage do not count',
      code: 'FROM golang:1.22 AS build\nLABEL team=payments org.opencontainers.image.source=x\nFROM gcr.io/distroless/static\nCOPY --from=build /out /app',
      config,
      errors: [{ line: 3 }, { line: 3, message: 'team' }],
    },
    {
      name: 'a value is not a key',
      code: 'FROM python:3.12-slim\nLABEL owner="team=payments" org.opencontainers.image.source=x',
      config,
      errors: [{ message: 'label team' }],
    },
  ],
});
