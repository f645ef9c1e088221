import { ruleTester } from '../rule-tester.js';
import { DD4001 } from './DD4001.js';

ruleTester(DD4001, {
  valid: [
    'FROM alpine:3.20\nCOPY config.yml /etc/app/',
    { name: 'remote URL', code: 'FROM alpine:3.20\nADD https://example.org/tool-1.2.bin /usr/local/bin/tool' },
    { name: 'local archive is unpacked', code: 'FROM alpine:3.20\nADD rootfs.tar.xz /' },
    { name: 'quoted archive', code: 'FROM alpine:3.20\nADD "vendor.tgz" /opt/' },
    { name: 'git source', code: 'FROM alpine:3.20\nADD git@github.com:acme/lib.git /src/lib' },
    { name: 'checksum flag', code: 'FROM alpine:3.20\nADD --checksum=sha256:abc https://x.test/a /a' },
    { name: 'image history form', code: 'FROM scratch\nADD file:3b6a8c4e9d2f in /' },
    { name: 'source from a variable', code: 'FROM alpine:3.20\nARG SRC\nADD $SRC /opt/' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD app.jar /opt/app/app.jar',
      errors: [{ line: 2, column: 1, message: 'app.jar' }],
      output: 'FROM alpine:3.20\nCOPY app.jar /opt/app/app.jar',
    },
    {
      name: 'zip files are not unpacked',
      code: 'FROM alpine:3.20\nadd --chown=app:app "site.zip" /srv/',
      errors: 1,
      output: 'FROM alpine:3.20\ncopy --chown=app:app "site.zip" /srv/',
    },
    {
      name: 'exec form with several sources',
      code: 'FROM alpine:3.20\nADD ["a.conf", "b.conf", "/etc/app/"]',
      errors: [{ message: 'a.conf, b.conf' }],
      output: 'FROM alpine:3.20\nCOPY ["a.conf", "b.conf", "/etc/app/"]',
    },
    {
      name: 'ONBUILD ADD',
      code: 'FROM alpine:3.20\nONBUILD ADD . /src',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM alpine:3.20\nONBUILD COPY . /src',
    },
    {
      name: 'heredoc source',
      code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF',
      errors: 1,
      output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF',
    },
  ],
});
