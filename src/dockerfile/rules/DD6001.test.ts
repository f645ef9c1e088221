import { ruleTester } from '../rule-tester.js';
import { DD6001 } from './DD6001.js';

ruleTester(DD6001, {
  valid: [
    'FROM node:22\nENV NODE_ENV=production PORT=8080',
    { name: 'secret file path', code: 'FROM debian:12\nENV DB_PASSWORD_FILE=/run/secrets/db_password' },
    { name: 'path value', code: 'FROM debian:12\nENV API_KEY=/run/secrets/api_key' },
    { name: 'length setting', code: 'FROM debian:12\nENV PASSWORD_MIN_LENGTH=12' },
    { name: 'empty ENV', code: 'FROM debian:12\nENV AUTH_TOKEN=""' },
    { name: 'PWD', code: 'FROM debian:12\nENV PWD=/app' },
    { name: 'public GPG fingerprint', code: 'FROM debian:12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D' },
    { name: 'tokenizer setting', code: 'FROM python:3.12\nENV TOKENIZERS_PARALLELISM=false' },
    { name: 'global ARG only feeds FROM', code: 'ARG GITHUB_TOKEN\nFROM debian:12\nRUN true' },
    {
      name: 'URL password from a variable',
      code: 'FROM debian:12\nENV DATABASE_URL=postgres://app:${DB_PASS}@db:5432/app',
    },
    { name: 'token endpoint', code: 'FROM debian:12\nENV OAUTH_TOKEN_URL=https://auth.example.com/token' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nARG NPM_TOKEN\nRUN npm ci',
      errors: [{ line: 2, column: 5, message: 'ARG NPM_TOKEN passes a secret as a build argument' }],
    },
    {
      name: 'Trivy list with a default and a prefix',
      code: 'FROM node:22\nARG VITE_AWS_ACCESS_KEY_ID=REPLACE_ME',
      errors: [{ message: 'VITE_AWS_ACCESS_KEY_ID' }],
    },
    {
      name: 'several ENV pairs with quotes',
      code: 'FROM postgres:16\nENV PGDATA=/var/lib/pg POSTGRES_PASSWORD="s3cr3t value" LANG=C.UTF-8',
      errors: [{ line: 2, column: 24, message: 'ENV POSTGRES_PASSWORD stores a secret' }],
    },
    {
      name: 'legacy ENV form',
      code: 'FROM debian:12\nENV SECRET_KEY_BASE abc def',
      errors: [{ message: 'SECRET_KEY_BASE' }],
    },
    {
      name: 'credential-shaped value, innocent name',
      code: 'FROM debian:12\nENV DATABASE_URL=postgres://app:hunter2@db:5432/app',
      errors: [{ message: 'ENV DATABASE_URL holds a URL with a password' }],
    },
    {
      name: 'AWS key id value',
      code: 'FROM debian:12\nENV S3_USER=AKIAIOSFODNN7EXAMPLE',
      errors: [{ message: 'an AWS access key id' }],
    },
    {
      name: 'ENV persisting an ARG',
      code: 'FROM debian:12\nARG GH_TOKEN\nENV GH_TOKEN=${GH_TOKEN}',
      errors: 2,
    },
    { name: 'ONBUILD ENV', code: 'FROM debian:12\nONBUILD ENV API_KEY=abc123', errors: 1 },
    {
      name: 'continuation',
      code: 'FROM debian:12\nENV APP_ENV=prod \\\n    JWT_SECRET=changeme',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
