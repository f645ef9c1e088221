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
    },
    {
      name: 'USER only in a builder stage',
      code: 'FROM golang:1.22 AS build\nUSER nobody\nRUN go build .\nFROM alpine:3.20\nCOPY --from=build /go/app /app',
      errors: [{ line: 4, message: 'never sets USER' }],
    },
    { name: 'scratch needs USER too', code: 'FROM scratch\nCOPY app /app', errors: [{ message: 'scratch' }] },
    { name: 'chainguard dev image', code: 'FROM cgr.dev/chainguard/python:latest-dev\nRUN true', errors: 1 },
    {
      name: 'global ARG base',
      code: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\nRUN true',
      errors: [{ line: 2, message: 'python:3.12-slim' }],
    },
  ],
});
