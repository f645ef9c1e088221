import { ruleTester } from '../rule-tester.js';
import { DD3005 } from './DD3005.js';

ruleTester(DD3005, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    { name: 'update and upgrade', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y' },
    { name: 'apk', code: 'FROM alpine:3.20\nRUN apk update && apk add curl' },
    { name: 'apk --update', code: 'FROM alpine:3.20\nRUN apk add --update curl' },
    { name: 'not a package manager', code: 'FROM eclipse-temurin:21\nRUN sbt update && ./gradle update' },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nEOF',
    },
    { name: 'dnf makecache then install', code: 'FROM fedora:40\nRUN dnf makecache && dnf install -y git' },
    { name: 'yum update upgrades packages', code: 'FROM rockylinux:9\nRUN yum update -y && yum clean all' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl',
      errors: [{ line: 2, column: 5, message: 'apt-get update alone' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'folded over ENV/LABEL, comments and blank lines kept, continuation style kept',
      code: 'FROM debian:12\n# refresh\nRUN apt-get update\n\nENV DEBIAN_FRONTEND=noninteractive\n# tools\nRUN apt-get install -y \\\n      curl \\\n      git',
      errors: 1,
      output:
        'FROM debian:12\n# refresh\n\nENV DEBIAN_FRONTEND=noninteractive\n# tools\nRUN apt-get update && apt-get install -y \\\n      curl \\\n      git',
    },
    {
      name: 'after a leading set -e, as its own statement',
      code: 'FROM debian:12\nRUN sudo apt-get -qq update\nRUN set -eux; \\\n    apt-get install -y curl; \\\n    rm -rf /var/lib/apt/lists/*',
      errors: 1,
      output:
        'FROM debian:12\nRUN set -eux; \\\n    sudo apt-get -qq update; \\\n    apt-get install -y curl; \\\n    rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'next RUN not a single && chain: a failed update would pass, so no fix',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl; echo done',
      errors: 1,
    },
    {
      name: 'a COPY in between may change the sources: no fix',
      code: 'FROM debian:12\nRUN apt-get update\nCOPY sources.list /etc/apt/\nRUN apt-get install -y curl',
      errors: 1,
    },
    {
      name: 'a mount on the lone RUN would be lost: no fix',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\nRUN apt-get install -y curl',
      errors: 1,
    },
    {
      name: 'chained with something else',
      code: 'FROM debian:12\nRUN set -eux; \\\n    sudo apt-get -q update && \\\n    useradd app',
      errors: [{ line: 3, column: 5 }],
    },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["apt-get", "update"]', errors: 1 },
    {
      name: 'ONBUILD apk update',
      code: 'FROM alpine:3.20\nONBUILD RUN apk update',
      errors: [{ line: 2, message: 'apk update alone' }],
    },
    { name: 'zypper refresh', code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive refresh', errors: 1 },
    {
      name: 'installing with another manager does not count',
      code: 'FROM debian:12\nRUN apt update && pip install --no-cache-dir requests==2.32.3',
      errors: 1,
    },
  ],
});
