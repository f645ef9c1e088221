import { ruleTester } from '../rule-tester.js';
import { DD3001 } from './DD3001.js';

ruleTester(DD3001, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl',
    { name: 'flags after the packages', code: 'FROM debian:12\nRUN apt-get install curl jq --yes' },
    { name: 'combined short flags', code: 'FROM debian:12\nRUN apt-get -qy install curl' },
    { name: 'assume-yes long form', code: 'FROM debian:12\nRUN apt-get --assume-yes install curl' },
    { name: '-qq implies -y', code: 'FROM debian:12\nRUN apt-get -qq install curl' },
    { name: 'quiet level set to 2', code: 'FROM debian:12\nRUN apt-get --quiet=2 install curl' },
    { name: '-o Assume-Yes', code: 'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl' },
    { name: 'yes piped in', code: 'FROM debian:12\nRUN yes | apt-get install curl' },
    { name: 'update needs no answer', code: 'FROM debian:12\nRUN apt-get update' },
    { name: 'exec form with -y', code: 'FROM debian:12\nRUN ["apt-get", "-y", "install", "curl"]' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install curl',
      errors: [{ line: 2, column: 23, message: 'apt-get install without -y' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'a single -q is not enough',
      code: 'FROM debian:12\nRUN apt-get -q install curl',
      errors: 1,
      output: 'FROM debian:12\nRUN apt-get -q install -y curl',
    },
    {
      name: '-o with a value that is not Assume-Yes',
      code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confold install curl',
      errors: 1,
      output: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confold install -y curl',
    },
    {
      name: 'set -eux, continuation, sudo, upgrade',
      code: 'FROM debian:12\nRUN set -eux; \\\n    sudo apt-get update; \\\n    sudo apt-get upgrade',
      errors: [{ line: 4, column: 5, message: 'apt-get upgrade without -y' }],
      output: 'FROM debian:12\nRUN set -eux; \\\n    sudo apt-get update; \\\n    sudo apt-get upgrade -y',
    },
    {
      name: 'ONBUILD RUN with apt',
      code: 'FROM debian:12\nONBUILD RUN apt remove vim',
      errors: [{ line: 2, column: 13, message: 'apt remove without -y' }],
      output: 'FROM debian:12\nONBUILD RUN apt remove -y vim',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "curl"]',
      errors: 1,
      output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
    },
  ],
});
