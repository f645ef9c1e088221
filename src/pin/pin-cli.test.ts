import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../test/support/run-cli.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;

/** The CLI without a registry: --offline from a lock file, --dry-run diffs, --check, JSON, errors. */
describe('drydock pin (offline)', () => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-pin-cli-'));
    const dockerfile = 'ARG BASE=python:3.11-slim\nFROM ${BASE}\nFROM node:20 AS web\n';
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    const lock = join(dir, 'drydock.lock.json');
    writeFileSync(
      lock,
      JSON.stringify({
        version: 1,
        images: {
          'python:3.11-slim': { digest: d('a'), resolvedAt: '2026-01-01T00:00:00Z' },
          'node:20': { digest: d('b'), resolvedAt: '2026-01-01T00:00:00Z' },
        },
      }),
    );
    return { dir, dockerfile, lock };
  };

  it('--dry-run prints a unified diff and changes nothing; --check exits 1; a real run pins', async () => {
    const { dir, dockerfile, lock } = setup();
    const dry = await runCli(['pin', dir, '--offline', '--lock-file', lock, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    const path = join(dir, 'Dockerfile').replace(/^\//, '');
    assert.equal(
      dry.stdout,
      [
        `--- a/${path}`,
        `+++ b/${path}`,
        '@@ -1,3 +1,3 @@',
        '-ARG BASE=python:3.11-slim',
        `+ARG BASE=python:3.11-slim@${d('a')}`,
        ' FROM ${BASE}',
        '-FROM node:20 AS web',
        `+FROM node:20@${d('b')} AS web`,
        '',
      ].join('\n'),
    );
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), dockerfile);
    const check = await runCli(['pin', '--check', dir, '--offline', '--lock-file', lock]);
    assert.equal(check.code, 1);
    const json = await runCli(['pin', dir, '--offline', '--lock-file', lock, '-f', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const out = JSON.parse(json.stdout) as {
      files: { references: { status: string; via?: string }[] }[];
      written: string[];
    };
    assert.deepEqual(
      out.files[0]?.references.map((r) => [r.status, r.via ?? '']),
      [
        ['pinned', 'ARG BASE (line 1)'],
        ['pinned', ''],
      ],
    );
    assert.deepEqual(out.written, [join(dir, 'Dockerfile')]);
    const after = await runCli(['pin', '--check', dir, '--offline', '--lock-file', lock]);
    assert.equal(after.code, 0, after.stderr);
  });

  it('--offline without the tag in the lock: one line naming file:line and the tag, nothing written', async () => {
    const { dir, dockerfile, lock } = setup();
    writeFileSync(join(dir, 'Dockerfile'), `${dockerfile}FROM redis:7\n`);
    const r = await runCli(['pin', dir, '--offline', '--lock-file', lock]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      new RegExp(
        `^drydock: error: ${join(dir, 'Dockerfile')}:4:6: redis:7: redis:7 is not in ${lock}\\nhint: run \`drydock pin --lock\``,
      ),
    );
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `${dockerfile}FROM redis:7\n`);
  });

  it('a file named explicitly that is not a known kind is an error; templates found in directories are warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-pin-cli-kinds-'));
    writeFileSync(join(dir, 'notes.yaml'), 'title: hello\n');
    writeFileSync(
      join(dir, 'deploy.yaml'),
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1.27\n      {{- with .Values.resources }}\n      resources: {{ toYaml . }}\n      {{- end }}\n',
    );
    const explicit = await runCli(['pin', join(dir, 'notes.yaml'), '--offline', '--lock-file', join(dir, 'none.lock')]);
    assert.equal(explicit.code, 2);
    const walked = await runCli(['pin', dir, '--check']);
    assert.equal(walked.code, 0, walked.stderr);
    assert.match(walked.stderr, /^drydock: warning: .*deploy\.yaml:6:7: not valid YAML .*: skipped$/m);
    assert.match(walked.stdout, /no image references found/);
  });
});
