import { ruleTester } from '../rule-tester.js';
import { DD1004 } from './DD1004.js';

ruleTester(DD1004, {
  valid: [
    'FROM python:3.11-slim-bookworm',
    {
      name: 'fat build stage, slim final',
      code: 'FROM node:20-bookworm AS build\nRUN npm ci\nFROM node:20-bookworm-slim\nCOPY --from=build /app /app',
    },
    { name: 'alpine and distroless', code: 'FROM ruby:3.3\nFROM ruby:3.3-alpine3.19' },
    { name: 'no slim variant published', code: 'FROM golang:1.22 AS build\nFROM ubuntu:24.04' },
    { name: 'not an official image', code: 'FROM ghcr.io/acme/python:3.11' },
    { name: 'scratch', code: 'FROM python:3.12 AS build\nFROM scratch' },
    { name: 'Windows variant', code: 'FROM python:3.12-windowsservercore-ltsc2022' },
  ],
  invalid: [
    {
      code: 'FROM python:3.11',
      errors: [{ line: 1, column: 6, message: 'use the slim variant python:3.11-slim' }],
    },
    {
      name: 'python suite tag',
      code: 'FROM python:3.11-bookworm AS build\nFROM python:3.11-bookworm',
      errors: [{ line: 2, column: 6, message: 'python:3.11-slim-bookworm' }],
    },
    {
      name: 'node names slim after the suite',
      code: 'FROM docker.io/library/node:20-bookworm',
      errors: [{ message: 'node:20-bookworm-slim' }],
    },
    { name: 'debian suite', code: 'FROM debian:bookworm', errors: [{ message: 'debian:bookworm-slim' }] },
    { name: 'untagged', code: 'FROM ruby', errors: [{ message: 'ruby:slim' }] },
    { name: 'latest debian', code: 'FROM debian:latest', errors: [{ message: 'debian:stable-slim' }] },
    {
      name: 'final stage built on a fat stage',
      code: 'FROM rust:1.77 AS base\nRUN cargo build --release\nFROM base AS final\nCMD ["/app"]',
      errors: [{ line: 3, column: 6, message: 'rust:1.77 (through stage base): use the slim variant rust:1.77-slim' }],
    },
    {
      name: 'perl variant order',
      code: 'FROM perl:5.38-threaded-bookworm',
      errors: [{ message: 'perl:5.38-slim-threaded-bookworm' }],
    },
  ],
});
