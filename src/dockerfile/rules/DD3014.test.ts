import { ruleTester } from '../rule-tester.js';
import { DD3014 } from './DD3014.js';

ruleTester(DD3014, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt',
    { name: 'flag after the packages', code: 'FROM python:3.12-slim\nRUN pip3 install flask==3.0.3 --no-cache-dir' },
    { name: 'python -m pip', code: 'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir flask' },
    { name: 'ENV in the stage', code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask' },
    {
      name: 'ENV in the base stage',
      code: 'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=on\nFROM base\nRUN pip install flask',
    },
    {
      name: 'assignment before the command',
      code: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=true pip install flask',
    },
    { name: 'exported', code: 'FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask' },
    {
      name: 'cache mount',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask',
    },
    {
      name: 'pipx and pipenv are other tools',
      code: 'FROM python:3.12-slim\nRUN pipx install black && pipenv install',
    },
    { name: 'pip download', code: 'FROM python:3.12-slim\nRUN pip download flask' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt',
      errors: [{ line: 2, column: 5, message: 'pip install without --no-cache-dir' }],
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt',
    },
    {
      name: 'falsy ENV, continuation, sudo',
      code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=0\nRUN set -eux; \\\n    sudo pip3.12 install \\\n      flask',
      errors: [{ line: 4, column: 5, message: 'pip3.12 install' }],
      output:
        'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=0\nRUN set -eux; \\\n    sudo pip3.12 install --no-cache-dir \\\n      flask',
    },
    {
      name: 'ENV of an unrelated stage',
      code: 'FROM python:3.12-slim AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN python -m pip install -U pip',
      errors: [{ line: 4, message: 'python -m pip install' }],
      output:
        'FROM python:3.12-slim AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN python -m pip install --no-cache-dir -U pip',
    },
    {
      name: 'ONBUILD, exec form, heredoc',
      code: 'FROM python:3.12-slim\nONBUILD RUN pip install flask\nRUN ["pip", "install", "flask"]\nRUN <<EOF\npip install flask\nEOF',
      errors: 3,
      output:
        'FROM python:3.12-slim\nONBUILD RUN pip install --no-cache-dir flask\nRUN ["pip", "install", "--no-cache-dir", "flask"]\nRUN <<EOF\npip install --no-cache-dir flask\nEOF',
    },
    {
      name: 'ENV set after the RUN does not count',
      code: 'FROM python:3.12-slim\nRUN pip install flask\nENV PIP_NO_CACHE_DIR=1',
      errors: 1,
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nENV PIP_NO_CACHE_DIR=1',
    },
  ],
});
