import { ruleTester } from '../rule-tester.js';
import { DD0002 } from './DD0002.js';

ruleTester(DD0002, {
  valid: [
    'FROM debian:12-slim\nRUN set -eux; \\\n    apt-get update; \\\n    if [ -n "$X" ]; then echo "$X"; fi',
    { name: 'exec form', code: 'FROM debian:12-slim\nRUN ["sh", "-c", "echo \\"unclosed"]' },
    {
      name: 'heredoc stdin of python is not shell',
      code: 'FROM python:3.12-slim\nRUN python3 <<EOF\nprint("it\'s fine"\nEOF\n',
    },
    {
      name: 'heredoc with a python shebang',
      code: 'FROM python:3.12-slim\nRUN <<EOF\n#!/usr/bin/env python3\nprint("it\'s fine")\nEOF\n',
    },
    {
      name: 'PowerShell SHELL',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host (\'a\' + "b"); if ($x) { exit 1 }',
    },
    {
      name: 'Windows image default cmd shell, inherited by a later stage',
      code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base\nFROM base\nRUN echo it's (cmd)",
    },
  ],
  invalid: [
    {
      name: 'unterminated quote after a continuation',
      code: 'FROM debian:12-slim\nRUN apt-get update && \\\n    echo "done',
      errors: [{ line: 2, column: 1, message: 'does not parse as shell' }],
    },
    {
      name: 'if without fi in a heredoc body',
      code: 'FROM alpine:3.19\nRUN <<EOF\nset -eux\nif [ -f /x ]; then\n  apk add curl\nEOF\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM alpine:3.19\nONBUILD RUN sudo apk add curl && (echo x',
      errors: [{ line: 2, column: 9 }],
    },
    {
      name: 'bash SHELL is still checked',
      code: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo \'oops',
      errors: [{ line: 3, column: 1 }],
    },
    {
      name: 'PowerShell in another stage only',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nSHELL ["powershell", "-Command"]\nFROM debian:12-slim\nRUN echo "x',
      errors: [{ line: 4, column: 1 }],
    },
  ],
});
