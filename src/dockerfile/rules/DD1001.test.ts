import { ruleTester } from '../rule-tester.js';
import { DD1001 } from './DD1001.js';

const DIGEST = 'sha256:139020233cc412efe4c8135b0efe1c7569dc8b28ddd88bddb109b764f8977e30';

ruleTester(DD1001, {
  valid: [
    'FROM python:3.11-slim-bookworm',
    { name: 'digest without tag', code: `FROM python@${DIGEST}` },
    { name: 'scratch and stage references', code: 'FROM golang:1.22 AS Build\nFROM build AS test\nFROM scratch' },
    { name: 'ARG default with a tag', code: 'ARG BASE=node:20-slim\nFROM $BASE' },
    { name: 'ARG without default for the whole image', code: 'ARG IMAGE\nFROM ${IMAGE}' },
    { name: 'ARG without default for the tag', code: 'ARG TAG\nFROM alpine:${TAG}\nFROM alpine$TAG' },
    { name: 'latest is DD1002', code: 'FROM debian:latest' },
  ],
  invalid: [
    { code: 'FROM debian AS base', errors: [{ line: 1, column: 6, message: 'FROM debian has no tag' }] },
    {
      name: 'second stage, registry with port',
      code: 'FROM golang:1.22 AS build\nFROM registry.example.com:5000/team/runtime\nCOPY --from=build /app /app',
      errors: [{ line: 2, column: 6, message: 'registry.example.com:5000/team/runtime has no tag' }],
    },
    {
      name: 'ARG default without a tag',
      code: 'ARG BASE=ubuntu\nFROM ${BASE}',
      errors: [{ line: 2, column: 6, message: 'FROM ubuntu (${BASE}) has no tag' }],
    },
    {
      name: 'registry from an ARG without default, repository without tag',
      code: 'ARG REGISTRY\nFROM ${REGISTRY}/ubuntu',
      errors: [{ line: 2, column: 6, message: '${REGISTRY}/ubuntu has no tag' }],
    },
  ],
});
