import { ruleTester } from '../rule-tester.js';
import { DD4013 } from './DD4013.js';

ruleTester(DD4013, {
  valid: [
    'FROM node:20-slim\nCMD ["node", "server.js"]',
    { name: 'exec form ENTRYPOINT', code: 'FROM node:20-slim\nENTRYPOINT ["docker-entrypoint.sh"]' },
    { name: 'shell replaced by exec', code: 'FROM node:20-slim\nCMD exec node server.js --port "$PORT"' },
    {
      name: 'HEALTHCHECK is not PID 1',
      code: 'FROM node:20-slim\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    },
    {
      name: 'exec form over continuation lines',
      code: 'FROM node:20-slim\nCMD [ "/bin/sh", "-c", \\\n      "echo a && \\\n       echo b" ]',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCMD node server.js',
      errors: [{ line: 2, column: 5, message: 'CMD in shell form' }],
      output: 'FROM node:20-slim\nCMD ["node", "server.js"]',
    },
    {
      name: 'quoted literal words and a continuation',
      code: "FROM python:3.12-slim\nENTRYPOINT gunicorn --bind 0.0.0.0:8000 \\\n    'app:create_app()'",
      errors: [{ message: 'ENTRYPOINT in shell form' }],
      output: 'FROM python:3.12-slim\nENTRYPOINT ["gunicorn", "--bind", "0.0.0.0:8000", "app:create_app()"]',
    },
    {
      name: 'shell syntax: no fix',
      code: 'FROM node:20-slim\nCMD node server.js --port $PORT && echo done',
      errors: 1,
    },
    {
      name: 'ENTRYPOINT with a CMD in the stage: no fix (exec form would append the CMD)',
      code: 'FROM node:20-slim\nENTRYPOINT node server.js\nCMD ["--verbose"]',
      errors: 1,
    },
    {
      name: 'CMD under an inherited ENTRYPOINT: no fix',
      code: 'FROM node:20-slim AS base\nENTRYPOINT ["tini", "--"]\nFROM base\nCMD node server.js',
      errors: 1,
    },
    {
      name: 'ONBUILD CMD: reported without a fix',
      code: 'FROM node:20-slim\nONBUILD CMD npm start',
      errors: [{ line: 2, column: 13 }],
    },
  ],
});
