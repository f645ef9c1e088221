import type { Scalar } from 'yaml';
import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { addToList, setScalarKeepingQuotes } from '../fixes.js';
import { type ComposeService, serviceField, serviceValue, stringList } from '../subjects.js';

const NO_NEW_PRIVILEGES = /^no-new-privileges(\s*[:=]\s*(true|false))?$/i;

export const DC2006: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC2006',
    kind: 'compose',
    title: 'no-new-privileges not set',
    severity: 'medium',
    why: 'Without no-new-privileges a process can gain privileges through setuid/setgid binaries (su, sudo, ping in older images) even when the service runs as non-root (CIS Docker Benchmark 5.25).',
    fix: 'Add `security_opt: ["no-new-privileges:true"]`.',
    aliases: ['27fcc7d6-c49b-46e0-98f1-6c082a6a2750', '610e266e-6c12-4bca-9925-1ed0cd29742b'],
    fixable: true,
    example: {
      bad: 'services:\n  web:\n    image: python:3.12-slim',
      good: 'services:\n  web:\n    image: python:3.12-slim\n    security_opt:\n      - "no-new-privileges:true"',
    },
  },
  check({ subject, report }) {
    const options = stringList(serviceValue(subject, 'security_opt'));
    const setting = options.find((o) => NO_NEW_PRIVILEGES.test(o.value.trim()));
    if (setting && !/false$/i.test(setting.value.trim())) return;
    if (setting) {
      report({
        message: `service "${subject.name}" sets no-new-privileges to false`,
        span: spanOf(setting.node),
        fix: {
          description: 'set no-new-privileges:true',
          edits: [setScalarKeepingQuotes(subject.editor, setting.node as Scalar, 'no-new-privileges:true')],
        },
      });
      return;
    }
    const pair = serviceField(subject, 'security_opt');
    report({
      message: `service "${subject.name}" does not set no-new-privileges: setuid binaries can still raise privileges`,
      span: pair ? spanOf(pair) : subject.keySpan,
      fix: {
        description: 'add security_opt no-new-privileges:true',
        edits: [addToList(subject, 'security_opt', ['no-new-privileges:true'])],
      },
    });
  },
};
