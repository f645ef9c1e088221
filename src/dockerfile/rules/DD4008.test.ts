import { ruleTester } from '../rule-tester.js';
import { DD4008 } from './DD4008.js';

ruleTester(DD4008, {
  valid: [
    'FROM node:20-slim\nCOPY package.json package-lock.json /app/',
    { name: 'single source', code: 'FROM node:20-slim\nCOPY package.json /app' },
    { name: 'current directory', code: 'FROM node:20-slim\nWORKDIR /app\nCOPY --from=build a.js b.js .' },
    { name: 'exec form', code: 'FROM node:20-slim\nCOPY ["a.js", "b.js", "/app/"]' },
    { name: 'variable destination', code: 'FROM node:20-slim\nARG DEST\nCOPY a.js b.js $DEST' },
    { name: 'image history form', code: 'FROM node:20-slim\nCOPY file:8b88b3e02a33a579dc2 in /usr/local/bin/app' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCOPY package.json package-lock.json /app',
      errors: [{ line: 2, column: 37, message: '2 sources to /app' }],
      output: 'FROM node:20-slim\nCOPY package.json package-lock.json /app/',
    },
    {
      name: 'exec form with flags',
      code: 'FROM node:20-slim\nCOPY --chown=node:node ["a.js", "b.js", "/srv/app"]',
      errors: 1,
      output: 'FROM node:20-slim\nCOPY --chown=node:node ["a.js", "b.js", "/srv/app/"]',
    },
    {
      name: 'quoted destination on a continuation line',
      code: 'FROM node:20-slim\nCOPY a.js \\\n     b.js "lib"',
      errors: [{ line: 3, column: 11 }],
      output: 'FROM node:20-slim\nCOPY a.js \\\n     b.js "lib/"',
    },
    {
      name: 'ADD and ONBUILD',
      code: 'FROM node:20-slim\nONBUILD ADD a.tgz b.tgz /opt',
      errors: 1,
      output: 'FROM node:20-slim\nONBUILD ADD a.tgz b.tgz /opt/',
    },
    {
      name: 'two heredocs',
      code: 'FROM node:20-slim\nCOPY <<A <<B /etc\none\nA\ntwo\nB',
      errors: [{ message: '2 sources' }],
      output: 'FROM node:20-slim\nCOPY <<A <<B /etc/\none\nA\ntwo\nB',
    },
  ],
});
