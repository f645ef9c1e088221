import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../test/support/run-cli.js';
import { ensureTestImages, imageOrSkip } from '../../../test/testbed/images.js';
import { pushImage } from '../../../test/testbed/push.js';
import { type RunningRegistry, startRegistry } from '../../../test/testbed/registry.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const DOCKERFILE = 'FROM python:3.12-slim\nRUN pip install flask==3.0.3\nUSER nobody\nCMD python app.py\n';

/** Temp projects of this file, removed when it is done. */
const made: string[] = [];
after(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-fix-cli-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('drydock fix', () => {
  it('prints the diff, changes nothing, lists what needs a human on stderr, exit 0', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    const r = await runCli(['fix', join(dir, 'Dockerfile'), '--offline']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\+RUN pip install --no-cache-dir flask==3\.0\.3$/m);
    assert.match(r.stdout, /^\+CMD \["python", "app\.py"\]$/m);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), DOCKERFILE);
    assert.match(r.stderr, /Dockerfile:1:6 DD1003 needs a human: offline: no --digest given for python:3\.12-slim/);
    assert.match(r.stderr, /DD4011 needs a human: a health check depends/);
  });

  it('--check exits 1 while something is left to fix; --write fixes it; then --check exits 0', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    const file = join(dir, 'Dockerfile');
    const digest = `python:3.12-slim=${D1}`;
    assert.equal((await runCli(['fix', file, '--check', '--offline', '--digest', digest, '-q'])).code, 1);
    const w = await runCli(['fix', file, '--write', '--offline', '--digest', digest]);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stdout, /^fixed .*Dockerfile: 3 fixes$/m);
    assert.equal(
      readFileSync(file, 'utf8'),
      `FROM python:3.12-slim@${D1}\nRUN pip install --no-cache-dir flask==3.0.3\nUSER nobody\nCMD ["python", "app.py"]\n`,
    );
    const c = await runCli(['fix', file, '--check', '--offline', '-q']);
    assert.equal(c.code, 0, c.stdout);
    assert.equal(c.stdout, '');
  });

  it('--rules limits the fixes; a broken file is an error (exit 2) left untouched, the others are fixed', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, 'bad.Dockerfile': 'FROM debian:12\nRUNN x\n' });
    const r = await runCli(['fix', dir, '--write', '--offline', '--rules', 'DL3042', '-q']);
    assert.equal(r.code, 2);
    const errors = r.stderr.trim().split('\n');
    assert.equal(errors.length, 1);
    assert.match(
      errors[0] ?? '',
      /^drydock: error: .*bad\.Dockerfile:2:1: not fixed: the Dockerfile has a syntax error/,
    );
    assert.equal(readFileSync(join(dir, 'bad.Dockerfile'), 'utf8'), 'FROM debian:12\nRUNN x\n');
    assert.equal(
      readFileSync(join(dir, 'Dockerfile'), 'utf8'),
      DOCKERFILE.replace('install', 'install --no-cache-dir'),
    );
  });

  it('usage errors exit 2 with one line', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    for (const args of [
      ['--write', '--check'],
      ['--digest', 'python:3.12-slim=sha256:abc'],
      ['--rules', 'DD9999'],
    ]) {
      const r = await runCli(['fix', dir, '--offline', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^drydock: error: /);
    }
  });

  describe('against a real registry', () => {
    let registry: RunningRegistry | undefined;
    after(() => registry?.stop());

    async function pushed() {
      const images = await ensureTestImages();
      registry = await startRegistry();
      const layout = images.multiArchLayout;
      const indexDigest = await pushImage(`oci:${layout.dir}:${layout.tag}`, `${registry.host}/library/python:3.11`, {
        multiArch: true,
      });
      return { host: registry.host, indexDigest };
    }

    it('--write pins FROM to the index digest it resolves itself, keeping the tag', async (t) => {
      const up = await imageOrSkip(pushed, t);
      if (!up) return;
      const dir = project({ Dockerfile: `FROM ${up.host}/library/python:3.11\nUSER nobody\n` });
      const r = await runCli(['fix', join(dir, 'Dockerfile'), '--write', '--rules', 'DD1003']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        readFileSync(join(dir, 'Dockerfile'), 'utf8'),
        `FROM ${up.host}/library/python:3.11@${up.indexDigest}\nUSER nobody\n`,
      );
    });
  });
});
