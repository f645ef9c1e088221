import { ruleTester } from '../rule-tester.js';
import { DD2004 } from './DD2004.js';

ruleTester(DD2004, {
  valid: [
    'FROM debian:12\nRUN apt-get update',
    { name: 'installing sudo is not using it', code: 'FROM debian:12\nRUN apt-get install -y sudo' },
    { name: 'in a string', code: 'FROM debian:12\nRUN echo "use sudo carefully"' },
    { name: 'sudoers file', code: 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN sudo apt-get update',
      errors: [{ line: 2, column: 5, message: 'sudo apt-get' }],
    },
    {
      name: 'after && with options',
      code: 'FROM debian:12\nRUN apt-get update && sudo -E -u root pip install x',
      errors: [{ line: 2, column: 23, message: 'sudo pip' }],
    },
    {
      name: 'set -eux, continuation, if',
      code: 'FROM debian:12\nRUN set -eux; \\\n    if [ -d /x ]; then \\\n      sudo chown -R app /x; \\\n    fi',
      errors: [{ line: 4, column: 7 }],
    },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN sudo make install', errors: [{ line: 2, column: 13 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["sudo", "make", "install"]', errors: 1 },
    { name: 'bare sudo', code: 'FROM debian:12\nRUN echo ok && sudo', errors: [{ message: 'sudo in RUN' }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nsudo make install\nEOF', errors: [{ line: 3 }] },
  ],
});
