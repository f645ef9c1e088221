import { ruleTester } from '../rule-tester.js';
import { DD5001 } from './DD5001.js';

ruleTester(DD5001, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && sha256sum -c i.sha256 && sh /tmp/i.sh',
    {
      name: 'curl into a JSON filter',
      code: 'FROM debian:12\nRUN curl -s https://api.example.com/v | python3 -c "import sys,json; print(json.load(sys.stdin))"',
    },
    { name: 'curl into tar', code: 'FROM debian:12\nRUN curl -fsSL https://example.com/x.tgz | tar -xz -C /opt' },
    { name: 'sh -c with a local command', code: 'FROM debian:12\nRUN sh -c "$(cat /etc/motd)"' },
    { name: 'echo of the pattern', code: 'FROM debian:12\nRUN echo "curl x | sh"' },
    {
      name: 'gpg verifying',
      code: 'FROM debian:12\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com | sh',
      errors: [{ line: 2, column: 5, endColumn: 44, message: 'curl output piped into sh' }],
    },
    {
      name: 'wget -O- into sudo bash -s, in set -eux and a continuation',
      code: 'FROM debian:12\nRUN set -eux; \\\n    wget -qO- https://example.com/setup \\\n      | sudo bash -s -- --yes',
      errors: [{ line: 3, column: 5, message: 'wget output piped into bash' }],
    },
    {
      name: 'through tee, into python',
      code: 'FROM debian:12\nRUN curl -sSL https://install.example.org | tee /tmp/log | python3 -',
      errors: [{ message: 'piped into python3' }],
    },
    {
      name: 'process substitution',
      code: 'FROM debian:12\nRUN bash <(curl -fsSL https://example.com/install.sh)',
      errors: [{ line: 2, column: 5, message: 'curl output run by bash' }],
    },
    {
      name: 'command substitution into sh -c after &&',
      code: 'FROM debian:12\nRUN apt-get update && sh -c "$(curl -fsSL https://example.com/install.sh)"',
      errors: [{ line: 2, column: 23, message: 'substituted into sh' }],
    },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN curl -s https://x.example | bash', errors: 1 },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\ncurl -s https://x.example | sh\nEOF', errors: [{ line: 3 }] },
    { name: 'eval', code: 'FROM debian:12\nRUN eval "$(wget -qO- https://x.example/env)"', errors: 1 },
  ],
});
