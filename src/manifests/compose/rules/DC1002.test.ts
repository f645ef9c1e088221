import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC1002 } from './DC1002.js';

manifestRuleTester(DC1002, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: app:1\n    volumes:\n      - data:/data\n      - ./src:/app:ro\n',
    {
      name: 'a named volume called docker',
      code: 'services:\n  web:\n    image: app:1\n    volumes:\n      - docker:/var/run\n',
    },
    {
      name: 'socket path as a container target only',
      code: 'services:\n  web:\n    image: app:1\n    volumes:\n      - ./sock:/var/run/docker.sock\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      errors: [{ line: 5, column: 9, message: 'mounts the container runtime socket (/var/run/docker.sock)' }],
    },
    {
      name: 'long syntax, read-only',
      code: 'services:\n  traefik:\n    image: traefik:3\n    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n',
      errors: [{ line: 5, column: 9, message: ':ro does not make the API read-only' }],
    },
    {
      name: 'the whole run directory and the podman socket',
      code: 'services:\n  a:\n    image: app:1\n    volumes: ["/var/run:/host-run", "/run/podman/podman.sock:/sock:ro"]\n',
      errors: [{ message: 'the directory of the runtime socket' }, { message: 'the container runtime socket' }],
    },
  ],
});
