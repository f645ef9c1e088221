import { ruleTester } from '../rule-tester.js';
import { DD2002 } from './DD2002.js';

ruleTester(DD2002, {
  valid: [
    'FROM python:3.12-slim\nRUN adduser --disabled-password --gecos "" appuser\nUSER appuser',
    { name: 'USER root is DD2001', code: 'FROM debian:12\nUSER root' },
    { name: 'distroless nonroot', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app' },
    { name: 'chainguard', code: 'FROM cgr.dev/chainguard/python:latest\nCOPY app.py /app/' },
    { name: 'bitnami', code: 'FROM bitnami/nginx:1.27\nCOPY site /app' },
    { name: 'rootless tag', code: 'FROM docker:27-dind-rootless\nRUN true' },
    {
      name: 'USER in the stage it builds on',
      code: 'FROM node:22 AS base\nUSER node\nFROM base\nCOPY . /app',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update',
      errors: [{ line: 1, column: 1, message: 'FROM debian:12' }],
      output:
        'FROM debian:12\nRUN apt-get update\nRUN groupadd appuser && useradd --create-home --gid appuser appuser\nUSER appuser',
    },
    {
      name: 'USER only in a builder stage',
      code: 'FROM golang:1.22 AS build\nUSER nobody\nRUN go build .\nFROM alpine:3.20\nCOPY --from=build /go/app /app',
      errors: [{ line: 4, message: 'never sets USER' }],
      output:
        'FROM golang:1.22 AS build\nUSER nobody\nRUN go build .\nFROM alpine:3.20\nCOPY --from=build /go/app /app\nRUN addgroup -S appuser && adduser -S -G appuser appuser\nUSER appuser',
    },
    {
      name: 'scratch needs USER too',
      code: 'FROM scratch\nCOPY app /app',
      errors: [{ message: 'scratch' }],
      output: 'FROM scratch\nCOPY app /app\nUSER 65532:65532',
    },
    {
      name: 'chainguard dev image',
      code: 'FROM cgr.dev/chainguard/python:latest-dev\nRUN true',
      errors: 1,
      output: 'FROM cgr.dev/chainguard/python:latest-dev\nRUN true\nUSER nonroot',
    },
    {
      name: 'global ARG base',
      code: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\nRUN true',
      errors: [{ line: 2, message: 'python:3.12-slim' }],
      output:
        'ARG BASE=python:3.12-slim\nFROM ${BASE}\nRUN true\nRUN groupadd appuser && useradd --create-home --gid appuser appuser\nUSER appuser',
    },
    {
      name: 'distroless: its nonroot user, before the ENTRYPOINT',
      code: 'FROM gcr.io/distroless/python3-debian12\nCOPY app /app\nENTRYPOINT ["python3", "/app/main.py"]',
      errors: 1,
      output:
        'FROM gcr.io/distroless/python3-debian12\nCOPY app /app\nUSER nonroot\nENTRYPOINT ["python3", "/app/main.py"]',
    },
    {
      name: 'a user the Dockerfile already creates is used',
      code: 'FROM debian:12-slim\nRUN groupadd -r svc && useradd -r -g svc svc\nCOPY app /app\nCMD ["/app/run"]',
      errors: 1,
      output:
        'FROM debian:12-slim\nRUN groupadd -r svc && useradd -r -g svc svc\nCOPY app /app\nUSER svc\nCMD ["/app/run"]',
    },
    {
      name: 'files the app must write get --chown; the user is created before the first such COPY',
      code: 'FROM python:3.12-slim\nWORKDIR /srv/app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . /srv/app\nRUN chmod -R g+w /srv/app/data\n\n  CMD ["python", "main.py"]',
      errors: 1,
      output:
        'FROM python:3.12-slim\nWORKDIR /srv/app\nRUN groupadd appuser && useradd --create-home --gid appuser appuser\nCOPY --chown=appuser:appuser requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY --chown=appuser:appuser . /srv/app\nRUN chmod -R g+w /srv/app/data\n\n  USER appuser\n  CMD ["python", "main.py"]',
    },
    {
      name: 'CRLF line ends and lower-case keywords are kept',
      code: 'from alpine:3.20\r\ncopy app /app\r\ncmd ["/app"]\r\n',
      errors: 1,
      output:
        'from alpine:3.20\r\ncopy app /app\r\nrun addgroup -S appuser && adduser -S -G appuser appuser\r\nuser appuser\r\ncmd ["/app"]\r\n',
    },
    {
      name: 'a daemon that starts as root and drops privileges itself: needs a human',
      code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nCMD ["nginx", "-g", "daemon off;"]',
      errors: 1,
    },
    {
      name: 'gosu in the image: needs a human',
      code: 'FROM debian:12-slim\nRUN apt-get install -y gosu\nCOPY run.sh /run.sh\nCMD ["/usr/local/bin/app"]',
      errors: 1,
    },
    {
      name: 'unknown base family: needs a human',
      code: 'FROM registry.example.com/team/base:1\nCOPY app /app',
      errors: 1,
    },
  ],
});
