import { ruleTester } from '../rule-tester.js';
import { DD3016 } from './DD3016.js';

ruleTester(DD3016, {
  valid: [
    'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all',
    { name: 'dnf long flag', code: 'FROM fedora:40\nRUN dnf --assumeyes install httpd' },
    { name: 'dnf combined short flags', code: 'FROM fedora:40\nRUN dnf install -vy httpd' },
    { name: 'microdnf', code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y tar' },
    { name: 'zypper global -n', code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl' },
    { name: 'zypper --no-confirm', code: 'FROM opensuse/leap:15.6\nRUN zypper install --no-confirm curl' },
    { name: 'setopt', code: 'FROM fedora:40\nRUN dnf --setopt=assumeyes=True upgrade' },
    { name: 'clean needs no answer', code: 'FROM fedora:40\nRUN dnf clean all && yum makecache' },
  ],
  invalid: [
    {
      code: 'FROM rockylinux:9\nRUN yum install httpd && yum clean all',
      errors: [{ line: 2, column: 5, message: 'yum install without -y' }],
      output: 'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all',
    },
    {
      name: 'zypper: --non-interactive goes before the subcommand',
      code: 'FROM opensuse/leap:15.6\nRUN set -eux; \\\n    sudo zypper install curl',
      errors: [{ line: 3, column: 5, message: 'zypper install without --non-interactive' }],
      output: 'FROM opensuse/leap:15.6\nRUN set -eux; \\\n    sudo zypper --non-interactive install curl',
    },
    {
      name: 'microdnf in ONBUILD',
      code: 'FROM ubi9/ubi-minimal\nONBUILD RUN microdnf update',
      errors: 1,
      output: 'FROM ubi9/ubi-minimal\nONBUILD RUN microdnf update -y',
    },
    {
      name: 'exec form',
      code: 'FROM fedora:40\nRUN ["dnf", "remove", "vim"]',
      errors: 1,
      output: 'FROM fedora:40\nRUN ["dnf", "remove", "-y", "vim"]',
    },
    {
      name: 'heredoc',
      code: 'FROM fedora:40\nRUN <<EOF\ndnf in git\nEOF',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM fedora:40\nRUN <<EOF\ndnf in -y git\nEOF',
    },
  ],
});
