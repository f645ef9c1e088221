import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { DEFAULT_CONFIG, type DrydockConfig, type ImageFacts } from '../config.js';
import { lintText, prepareLinter } from '../linter.js';
import { RULES } from '../rules/index.js';
import { fixDockerfile } from './fix-dockerfile.js';

const DIGEST = `sha256:${'1'.repeat(64)}`;

function withFacts(facts: Record<string, ImageFacts>, extra: Partial<DrydockConfig> = {}): DrydockConfig {
  return { ...DEFAULT_CONFIG, ...extra, imageFacts: new Map(Object.entries(facts)) };
}

const CONFIG = withFacts({ 'docker.io/library/python:3.12-slim': { digest: DIGEST, workingDir: '' } });

/**
 * One case per fixable rule, run through the library with only that rule's fixes: the exact text
 * after, and the proof the issue asks for (the second run changes nothing, re-lint finds nothing).
 */
const FIX_CASES: readonly { id: string; before: string; after: string }[] = [
  {
    id: 'DD1003',
    before: 'FROM python:3.12-slim\nCMD ["python"]\n',
    after: `FROM python:3.12-slim@${DIGEST}\nCMD ["python"]\n`,
  },
  {
    id: 'DD2001',
    before: 'FROM debian:12-slim\nUSER root\nRUN apt-get purge -y curl\nCMD ["/app"]\n',
    after:
      'FROM debian:12-slim\nUSER root\nRUN apt-get purge -y curl\nRUN groupadd appuser && useradd --create-home --gid appuser appuser\nUSER appuser\nCMD ["/app"]\n',
  },
  {
    id: 'DD2002',
    before: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
    after:
      'FROM python:3.12-slim\nCOPY app.py /app/\nRUN groupadd appuser && useradd --create-home --gid appuser appuser\nUSER appuser\nCMD ["python", "/app/app.py"]\n',
  },
  {
    id: 'DD3001',
    before: 'FROM debian:12\nRUN apt-get update && apt-get install curl\n',
    after: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
  },
  {
    id: 'DD3002',
    before: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    after: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
  },
  {
    id: 'DD3003',
    before: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    after: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
  },
  {
    id: 'DD3004',
    before: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    after: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get install -y curl\n',
  },
  {
    id: 'DD3005',
    before: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
    after: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
  },
  {
    id: 'DD3007',
    before: 'FROM debian:12\nRUN apt install -y curl\n',
    after: 'FROM debian:12\nRUN apt-get install -y curl\n',
  },
  {
    id: 'DD3009',
    before: 'FROM alpine:3.20\nRUN apk add curl\n',
    after: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
  },
  {
    id: 'DD3010',
    before: 'FROM centos:7\nRUN yum install -y git\n',
    after: 'FROM centos:7\nRUN yum install -y git && yum clean all\n',
  },
  {
    id: 'DD3011',
    before: 'FROM fedora:40\nRUN dnf install -y git\n',
    after: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all\n',
  },
  {
    id: 'DD3012',
    before: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n',
    after: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all\n',
  },
  {
    id: 'DD3013',
    before: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y git\n',
    after: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y git && microdnf clean all\n',
  },
  {
    id: 'DD3014',
    before: 'FROM python:3.12-slim\nRUN pip install flask==3.0.3\n',
    after: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n',
  },
  {
    id: 'DD3016',
    before: 'FROM fedora:40\nRUN dnf install git && dnf clean all\n',
    after: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all\n',
  },
  {
    id: 'DD4001',
    before: 'FROM python:3.12-slim\nADD app.py /app/\n',
    after: 'FROM python:3.12-slim\nCOPY app.py /app/\n',
  },
  { id: 'DD4006', before: 'FROM python:3.12-slim\nWORKDIR app\n', after: 'FROM python:3.12-slim\nWORKDIR /app\n' },
  {
    id: 'DD4008',
    before: 'FROM python:3.12-slim\nCOPY a.py b.py /app\n',
    after: 'FROM python:3.12-slim\nCOPY a.py b.py /app/\n',
  },
  {
    id: 'DD4010',
    before: 'FROM python:3.12-slim\nMAINTAINER Jane Doe <jane@example.com>\n',
    after: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
  },
  {
    id: 'DD4013',
    before: 'FROM python:3.12-slim\nCMD python app.py\n',
    after: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
  },
];

describe('fixDockerfile', () => {
  before(prepareLinter);

  it('has a fix case for every rule that declares fixable', () => {
    const fixable = RULES.filter((r) => r.meta.fixable).map((r) => r.meta.id);
    assert.deepEqual(
      FIX_CASES.map((c) => c.id),
      fixable,
    );
  });

  for (const c of FIX_CASES) {
    it(`${c.id}: before → after, idempotent, re-lint clean`, () => {
      assert.ok(lintText(c.before, 'Dockerfile', { config: CONFIG, only: [c.id] }).findings.length > 0);
      const r = fixDockerfile(c.before, 'Dockerfile', { config: CONFIG, rules: [c.id] });
      assert.equal(r.error, undefined);
      assert.equal(r.output, c.after);
      assert.ok(r.changed && r.stable);
      assert.deepEqual([...new Set(r.applied.map((a) => a.ruleId))], [c.id]);
      assert.equal(fixDockerfile(r.output, 'Dockerfile', { config: CONFIG, rules: [c.id] }).output, r.output);
      assert.deepEqual(lintText(r.output, 'Dockerfile', { config: CONFIG, only: [c.id] }).findings, []);
    });
  }

  it('hardens the bundled example: exact text, fixes applied, the rest needs a human', () => {
    const example = readFileSync(join(import.meta.dirname, '../../../examples/migrate-platform/Dockerfile'), 'utf8');
    const config = withFacts({ 'docker.io/library/python:3.11': { digest: DIGEST, workingDir: '' } });
    const r = fixDockerfile(example, 'Dockerfile', { config });
    assert.equal(r.error, undefined);
    assert.equal(
      r.output,
      [
        '# migrate-platform: a Django-style migration service, as it looked before the security guide.',
        '# Every line below is something a real team shipped; `drydock lint` explains what is wrong with it.',
        `FROM python:3.11@${DIGEST}`,
        '',
        'LABEL org.opencontainers.image.authors="platform-team@example.com"',
        '',
        'ARG PIP_INDEX_TOKEN',
        'ENV DATABASE_PASSWORD=changeme \\',
        '    APP_HOME=/srv/app',
        '',
        'RUN apt-get update && apt-get upgrade -y && apt-get install --no-install-recommends -y build-essential libpq-dev postgresql-client curl git && rm -rf /var/lib/apt/lists/*',
        '',
        'WORKDIR /srv/app',
        'RUN groupadd appuser && useradd --create-home --gid appuser appuser',
        'COPY --chown=appuser:appuser requirements.txt .',
        'RUN pip install --no-cache-dir -r requirements.txt',
        '',
        'RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -',
        '',
        'COPY --chown=appuser:appuser . /srv/app',
        'RUN chmod -R 777 /srv/app',
        '',
        'EXPOSE 8000 22',
        'USER appuser',
        'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app.wsgi:application"]',
        '',
      ].join('\n'),
    );
    const applied = new Set(r.applied.map((a) => a.ruleId));
    assert.deepEqual([...applied].sort(), [
      'DD1003',
      'DD2002',
      'DD3002',
      'DD3003',
      'DD3004',
      'DD3005',
      'DD3014',
      'DD4001',
      'DD4006',
      'DD4010',
      'DD4013',
    ]);
    assert.deepEqual(
      r.needsHuman.map((h) => `${h.line} ${h.ruleId}`),
      ['3 DD4011', '3 DD1004', '7 DD6001', '8 DD6001', '18 DD4015', '18 DD5001', '21 DD2005', '23 DD2006'],
    );
    const human = new Map(r.needsHuman.map((h) => [h.ruleId, h.reason]));
    assert.match(human.get('DD5001') ?? '', /verified \(checksum or signature\)/);
    assert.match(human.get('DD2005') ?? '', /COPY --chown/);
    // Nothing a fix addressed is left, and the second run changes nothing.
    const after = lintText(r.output, 'Dockerfile', { config }).findings;
    assert.deepEqual(
      after.filter((f) => applied.has(f.ruleId)),
      [],
    );
    assert.equal(fixDockerfile(r.output, 'Dockerfile', { config }).changed, false);
    // Applied lines point into the fixed text.
    const lines = r.output.split('\n');
    for (const a of r.applied) assert.ok(lines[a.line - 1] !== undefined, `${a.ruleId} line ${a.line}`);
    assert.match(lines[(r.applied.find((a) => a.ruleId === 'DD4006')?.line ?? 0) - 1] ?? '', /^WORKDIR \/srv\/app$/);
  });

  it('offline without a digest: the pin needs a human, with the reason', () => {
    const config = withFacts({
      'docker.io/library/python:3.12-slim': { digestError: 'offline: no --digest given for python:3.12-slim' },
    });
    const r = fixDockerfile('FROM python:3.12-slim\nUSER nobody\n', 'Dockerfile', { config, rules: ['DD1003'] });
    assert.equal(r.changed, false);
    assert.deepEqual(
      r.needsHuman.map((h) => [h.ruleId, h.reason]),
      [['DD1003', 'offline: no --digest given for python:3.12-slim']],
    );
    const unresolved = fixDockerfile('ARG BASE\nFROM ${BASE}\nUSER nobody\n', 'Dockerfile', { rules: ['DD1003'] });
    assert.match(unresolved.needsHuman[0]?.reason ?? '', /only known at build time/);
  });

  it('keeps comments, blank lines, indentation, continuations, heredocs, the escape directive, BOM and CRLF', () => {
    const backtickEscape = [
      '# escape=`',
      '',
      'FROM debian:12',
      '# tools',
      'RUN apt-get update && `',
      '    apt-get install -y --no-install-recommends curl `',
      '    && rm -rf /var/lib/apt/lists/*',
      '',
      '  # indented comment',
      '  USER nobody',
      '',
    ].join('\n');
    const r1 = fixDockerfile(backtickEscape, 'Dockerfile', { rules: ['DD3004'] });
    assert.equal(r1.output, backtickEscape.replace('apt-get update && `', 'apt-get update && apt-get upgrade -y && `'));

    const heredoc = 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get install curl\nEOF\nUSER nobody\n';
    const r2 = fixDockerfile(heredoc, 'Dockerfile');
    assert.equal(
      r2.output,
      'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get upgrade -y\napt-get install --no-install-recommends -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\nUSER nobody\n',
    );

    const crlf = '\ufeffFROM python:3.12-slim\r\n\r\n# app\r\nADD app.py /app/\r\nUSER nobody\r\n';
    const r3 = fixDockerfile(crlf, 'Dockerfile', { rules: ['DD4001'] });
    assert.equal(r3.output, '\ufeffFROM python:3.12-slim\r\n\r\n# app\r\nCOPY app.py /app/\r\nUSER nobody\r\n');
  });

  it('--rules takes peer aliases; requireAptUpgrade: false adds no upgrade', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install curl\nUSER nobody\n';
    const byAlias = fixDockerfile(text, 'Dockerfile', { rules: ['DL3015'] });
    assert.equal(
      byAlias.output,
      'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl\nUSER nobody\n',
    );
    assert.deepEqual(
      byAlias.needsHuman.map((h) => h.ruleId),
      [],
    );
    const noUpgrade = fixDockerfile(text, 'Dockerfile', { config: { ...DEFAULT_CONFIG, requireAptUpgrade: false } });
    assert.doesNotMatch(noUpgrade.output, /upgrade/);
    assert.match(noUpgrade.output, /install --no-install-recommends -y curl && rm -rf/);
  });

  it('leaves a file with a syntax error, an empty file or a binary file untouched, with a one-line error', () => {
    for (const text of ['FROM debian:12\nRUNN apt-get update\n', '', '\u0000\u0001binary']) {
      const r = fixDockerfile(text, 'Dockerfile');
      assert.equal(r.output, text);
      assert.equal(r.changed, false);
      assert.ok(r.error, JSON.stringify(text));
      assert.doesNotMatch(r.error.message, /\n/);
    }
    assert.match(fixDockerfile('FROM debian:12\nRUNN x\n', 'Dockerfile').error?.message ?? '', /syntax error.*RUNN/);
  });

  it('a fix never turns a lone update into a broken install: the lists stay until the install has run', () => {
    // Not foldable (the next RUN is not one && chain), so the update RUN keeps its lists.
    const text = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl; echo done\nUSER nobody\n';
    const r = fixDockerfile(text, 'Dockerfile');
    assert.match(r.output, /^RUN apt-get update && apt-get upgrade -y\n/m);
    assert.doesNotMatch(r.output.split('\n')[1] ?? '', /rm -rf/);
    // With the upgrade added the RUN is no longer index-only (DD3005); its lists are still a human's call.
    assert.deepEqual(
      r.needsHuman.filter((h) => h.ruleId === 'DD3005' || h.ruleId === 'DD3003').map((h) => [h.line, h.ruleId]),
      [[2, 'DD3003']],
    );
  });
});
