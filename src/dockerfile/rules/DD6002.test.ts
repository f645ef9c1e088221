import { ruleTester } from '../rule-tester.js';
import { DD6002 } from './DD6002.js';

ruleTester(DD6002, {
  valid: [
    'FROM node:22\nCOPY package.json package-lock.json ./',
    {
      name: 'CA certificates',
      code: 'FROM debian:12\nCOPY certs/corp-ca.pem certs/fullchain.pem /usr/local/share/ca-certificates/',
    },
    { name: 'env template', code: 'FROM node:22\nCOPY .env.example /app/.env.example' },
    { name: 'public key', code: 'FROM debian:12\nCOPY id_ed25519.pub /home/app/.ssh/authorized_keys' },
    {
      name: 'credentials path outside what was copied',
      code: 'FROM debian:12\nCOPY /src /src\nENV GOOGLE_APPLICATION_CREDENTIALS=./app/sa.json',
    },
    {
      name: 'credentials path with nothing copied',
      code: 'FROM debian:12\nENV GOOGLE_APPLICATION_CREDENTIALS=/creds/sa.json',
    },
  ],
  invalid: [
    {
      code: 'FROM node:22\nCOPY .npmrc package.json ./',
      errors: [{ line: 2, column: 6, message: 'COPY .npmrc puts npm credentials into the image' }],
    },
    {
      name: 'ssh key',
      code: 'FROM debian:12\nCOPY id_rsa /root/.ssh/id_rsa',
      errors: [{ message: 'an SSH private key' }],
    },
    {
      name: 'several, exec form ADD',
      code: 'FROM debian:12\nADD ["server.key", ".env", "/etc/app/"]',
      errors: [{ message: 'a private key' }, { message: 'a .env file' }],
    },
    {
      name: 'aws and docker config',
      code: 'FROM debian:12\nCOPY --chown=app home/.aws/credentials home/.docker/config.json /home/app/',
      errors: 2,
    },
    { name: 'key store and kubeconfig', code: 'FROM debian:12\nCOPY keystore.p12 kubeconfig /cfg/', errors: 2 },
    {
      name: 'COPY into $AWS_CONFIG_FILE',
      code: 'FROM amazon/aws-cli\nCOPY ./config $AWS_CONFIG_FILE',
      errors: [{ message: '$AWS_CONFIG_FILE' }],
    },
    {
      name: 'credentials variable pointing into a copied dir',
      code: 'FROM python:3.12\nWORKDIR /srv\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS="./keys/sa.json"',
      errors: [{ line: 4, message: 'GOOGLE_APPLICATION_CREDENTIALS points at a credentials file' }],
    },
    { name: 'private pem from a builder', code: 'FROM debian:12\nCOPY --from=build /out/privkey.pem /tls/', errors: 1 },
  ],
});
