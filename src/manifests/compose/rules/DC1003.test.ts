import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC1003 } from './DC1003.js';

manifestRuleTester(DC1003, checkComposeText, 'compose.yaml', {
  valid: [
    'services:\n  pihole:\n    image: pihole/pihole:2024.07.0\n    volumes:\n      - "/etc/pihole/:/etc/pihole/"\n',
    'services:\n  web:\n    image: app:1\n    volumes:\n      - ./conf/app.conf:/etc/app.conf:ro\n      - etc:/etc/app\n',
  ],
  invalid: [
    {
      code: 'services:\n  agent:\n    image: agent:2\n    volumes:\n      - /:/host:ro\n      - /proc:/host/proc\n',
      errors: [
        { line: 5, column: 9, message: "mounts the host's / (read-only)" },
        { line: 6, column: 9, message: "mounts the host's /proc read-write" },
      ],
    },
    {
      code: 'services:\n  agent:\n    image: agent:2\n    volumes:\n      - type: bind\n        source: /etc/\n        target: /host/etc\n      - /var/lib/docker/containers:/logs:ro\n',
      errors: [{ message: "host's /etc read-write" }, { message: '/var/lib/docker/containers' }],
    },
  ],
});
