import { ruleTester } from '../rule-tester.js';
import { DD4006 } from './DD4006.js';

/** What `drydock fix` read from the registry: python images set no WorkingDir, golang sets /go. */
const FACTS = {
  imageFacts: new Map([
    ['docker.io/library/python:3.12-slim', { workingDir: '' }],
    ['docker.io/library/golang:1.22', { workingDir: '/go' }],
  ]),
};

ruleTester(DD4006, {
  valid: [
    'FROM python:3.12-slim\nWORKDIR /srv/app',
    { name: 'quoted', code: "FROM python:3.12-slim\nWORKDIR '/srv/my app'" },
    { name: 'variable', code: 'FROM python:3.12-slim\nENV APP_HOME=/srv\nWORKDIR ${APP_HOME}/app' },
    { name: 'Windows drive', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR "D:\\build"' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nWORKDIR app',
      errors: [{ line: 2, column: 9, message: 'WORKDIR app is relative' }],
    },
    {
      name: "resolved against the base image's WorkingDir (read by fix)",
      code: 'FROM python:3.12-slim\nWORKDIR app',
      config: FACTS,
      errors: 1,
      output: 'FROM python:3.12-slim\nWORKDIR /app',
    },
    {
      name: 'golang sets WORKDIR /go',
      code: 'FROM golang:1.22\nWORKDIR src/../cmd/tool/',
      config: FACTS,
      errors: 1,
      output: 'FROM golang:1.22\nWORKDIR /go/cmd/tool/',
    },
    {
      name: 'an earlier absolute WORKDIR, also in the stage built on',
      code: 'FROM python:3.12-slim AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\nWORKDIR data',
      errors: 2,
      output: 'FROM python:3.12-slim AS base\nWORKDIR /srv\nFROM base\nWORKDIR /srv/app\nWORKDIR /srv/app/data',
    },
    {
      name: 'scratch starts at /',
      code: 'FROM scratch\nWORKDIR app',
      errors: 1,
      output: 'FROM scratch\nWORKDIR /app',
    },
    {
      name: 'quoted relative path',
      code: 'FROM python:3.12-slim\nWORKDIR "src/service"',
      errors: [{ message: 'src/service' }],
    },
    {
      name: 'quoted, resolvable',
      code: 'FROM python:3.12-slim\nWORKDIR /srv\nWORKDIR "src/service"',
      errors: 1,
      output: 'FROM python:3.12-slim\nWORKDIR /srv\nWORKDIR /srv/src/service',
    },
    {
      name: 'after a WORKDIR from a variable: no fix',
      code: 'FROM python:3.12-slim\nARG HOME_DIR=/srv\nWORKDIR $HOME_DIR\nWORKDIR app',
      errors: 1,
    },
    {
      name: 'ONBUILD',
      code: 'FROM python:3.12-slim\nONBUILD WORKDIR build',
      errors: [{ line: 2, column: 17 }],
    },
  ],
});
