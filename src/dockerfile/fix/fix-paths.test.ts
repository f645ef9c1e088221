import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DrydockError } from '../../core/errors.js';
import { prepareLinter } from '../linter.js';
import { fixPaths } from './fix-paths.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const DOCKERFILE = 'FROM python:3.12-slim\n\n# deps\nRUN pip install flask==3.0.3\nUSER nobody\nCMD python app.py\n';
const FIXED = `FROM python:3.12-slim@${D1}\n\n# deps\nRUN pip install --no-cache-dir flask==3.0.3\nUSER nobody\nCMD ["python", "app.py"]\n`;

/** Temp projects of this file, removed when it is done. */
const made: string[] = [];
after(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-fix-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const OPTIONS = { offline: true, digests: new Map([['docker.io/library/python:3.12-slim', D1]]) };

describe('fixPaths', () => {
  before(prepareLinter);

  it('--write replaces the file atomically, keeping its mode, and follows a symlink', async () => {
    const dir = project({ 'real.Dockerfile': DOCKERFILE });
    chmodSync(join(dir, 'real.Dockerfile'), 0o640);
    symlinkSync('real.Dockerfile', join(dir, 'Dockerfile'));
    const [out] = await fixPaths([join(dir, 'Dockerfile')], { ...OPTIONS, write: true });
    assert.equal(out?.written, true);
    assert.equal(readFileSync(join(dir, 'real.Dockerfile'), 'utf8'), FIXED);
    assert.equal(statSync(join(dir, 'real.Dockerfile')).mode & 0o777, 0o640);
    assert.ok(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink(), 'the link is still a link');
    assert.deepEqual(readdirSync(dir).sort(), ['Dockerfile', 'real.Dockerfile'], 'no temp file left behind');
    const [again] = await fixPaths([dir], { ...OPTIONS, write: true });
    assert.equal(again?.changed, false);
  });

  it('prints a unified diff that git apply turns into the fixed file', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    const [out] = await fixPaths(
      ['Dockerfile'].map((f) => join(dir, f)),
      OPTIONS,
    );
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), DOCKERFILE, 'without --write nothing is written');
    const diff = out?.diff ?? '';
    assert.match(diff, /^--- /);
    assert.match(diff, /^-RUN pip install flask==3.0.3$/m);
    assert.match(diff, /^\+RUN pip install --no-cache-dir flask==3.0.3$/m);
    const patch = join(dir, 'fix.patch');
    writeFileSync(patch, diff);
    // Outside the working directory the path is absolute below a/ and b/ (as git shows it): -p1 from /.
    execFileSync('git', ['apply', '-p1', '--unsafe-paths', patch], { cwd: '/' });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXED);
  });

  it('a broken file is left untouched with an error; the others are still fixed', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, 'broken.Dockerfile': 'FROM debian:12\nRUNN apt-get update\n' });
    const outcomes = await fixPaths([dir], { ...OPTIONS, write: true });
    const broken = outcomes.find((o) => o.path.endsWith('broken.Dockerfile'));
    assert.match(broken?.error?.message ?? '', /syntax error/);
    assert.equal(readFileSync(join(dir, 'broken.Dockerfile'), 'utf8'), 'FROM debian:12\nRUNN apt-get update\n');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXED);
  });

  it('rejects unknown --rules ids and standard input', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    await assert.rejects(fixPaths([dir], { ...OPTIONS, rules: ['DD3014', 'DD9999'] }), (e: unknown) => {
      return e instanceof DrydockError && /unknown rule DD9999/.test(e.message);
    });
    await assert.rejects(fixPaths(['-'], OPTIONS), DrydockError);
  });
});
