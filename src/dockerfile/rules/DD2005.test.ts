import { ruleTester } from '../rule-tester.js';
import { DD2005 } from './DD2005.js';

ruleTester(DD2005, {
  valid: [
    'FROM debian:12\nRUN chmod 755 /usr/local/bin/app',
    { name: 'sticky /tmp-like dir', code: 'FROM debian:12\nRUN mkdir -p /scratch && chmod 1777 /scratch' },
    { name: 'symbolic sticky', code: 'FROM debian:12\nRUN chmod a+rwxt /scratch' },
    { name: 'group write only', code: 'FROM debian:12\nRUN chmod -R g+w /app' },
    { name: 'removing write', code: 'FROM debian:12\nRUN chmod -R o-w /app' },
    { name: 'COPY with 644', code: 'FROM debian:12\nCOPY --chmod=644 app.conf /etc/app.conf' },
    {
      name: 'temporary dir deleted in the same RUN',
      code: 'FROM debian:12\nRUN tempDir="$(mktemp -d)"; chmod 777 "$tempDir"; make -C "$tempDir"; rm -rf "$tempDir"',
    },
    { name: 'in an echo', code: 'FROM debian:12\nRUN echo "chmod 777 is bad"' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN chmod 777 /app',
      errors: [{ line: 2, column: 11, message: 'chmod 777 makes /app world-writable' }],
    },
    {
      name: 'recursive inside set -eux and a continuation',
      code: 'FROM debian:12\nRUN set -eux; \\\n    mkdir /data && \\\n    chmod -R 0777 /data',
      errors: [{ line: 4, column: 14 }],
    },
    { name: 'symbolic a+rwx', code: 'FROM debian:12\nRUN chmod a+rwx /srv', errors: 1 },
    { name: 'symbolic o+w in a list', code: 'FROM debian:12\nRUN chmod u+x,o+w /srv/run.sh', errors: 1 },
    { name: 'via sudo', code: 'FROM debian:12\nRUN sudo chmod 666 /var/log/app.log', errors: 1 },
    {
      name: 'COPY --chmod',
      code: 'FROM debian:12\nCOPY --chmod=777 entrypoint.sh /entrypoint.sh',
      errors: [{ line: 2, column: 6, message: 'COPY --chmod=777' }],
    },
    { name: 'mkdir -m', code: 'FROM debian:12\nRUN mkdir -m 777 /uploads', errors: [{ message: 'mkdir -m 777' }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["chmod", "-R", "777", "/app"]', errors: 1 },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN chmod 777 /app', errors: 1 },
  ],
});
