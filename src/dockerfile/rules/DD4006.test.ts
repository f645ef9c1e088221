import { ruleTester } from '../rule-tester.js';
import { DD4006 } from './DD4006.js';

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
      name: 'quoted relative path',
      code: 'FROM python:3.12-slim\nWORKDIR "src/service"',
      errors: [{ message: 'src/service' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM python:3.12-slim\nONBUILD WORKDIR build',
      errors: [{ line: 2, column: 17 }],
    },
  ],
});
