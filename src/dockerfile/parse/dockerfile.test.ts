import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Dockerfile } from './dockerfile.js';
import { initShellParser } from './shell.js';

before(initShellParser);

const names = (f: Dockerfile, i = 0) => {
  const run = f.runs[i];
  assert.ok(run);
  return f.shell(run).commands.map((c) => [c.name, ...c.args.map((a) => a.value)].join(' '));
};

describe('Dockerfile model', () => {
  it('drops comment lines inside continuations, as Docker does', () => {
    const f = new Dockerfile('D', 'FROM a\nRUN apt-get install -y \\\n    # the client\n    curl \\\n\n    git\n');
    assert.deepEqual(names(f), ['apt-get install -y curl git']);
  });
  it('honours the escape directive', () => {
    const f = new Dockerfile('D', '# escape=`\nFROM a\nRUN echo a `\n    b\n');
    assert.equal(f.escape, '`');
    assert.deepEqual(names(f), ['echo a b']);
  });
  it('maps shell words back to file positions across continuations and CRLF', () => {
    const text = 'FROM a\r\nRUN set -eux; \\\r\n    apt-get update && \\\r\n    apt-get install -y curl\r\n';
    const f = new Dockerfile('D', text);
    const run = f.runs[0];
    assert.ok(run);
    const install = f.shell(run).commands[2];
    assert.ok(install);
    assert.equal(f.text(install.nameWord.span), 'apt-get');
    assert.deepEqual(f.source.positionAt(install.span.start), { line: 4, column: 5 });
    assert.equal(f.text(install.args[2]?.span ?? { start: 0, end: 0 }), 'curl');
  });
  it('runs a RUN <<EOF heredoc body as the script', () => {
    const f = new Dockerfile('D', 'FROM a\nRUN <<EOF\nset -e\napt-get update\nEOF\n');
    assert.deepEqual(names(f), ['set -e', 'apt-get update']);
  });
  it('treats `RUN cmd <<EOF` heredocs as the command input, not commands', () => {
    const f = new Dockerfile('D', 'FROM a\nRUN cat <<EOF > /etc/x.conf\napt-get install foo\nEOF\n');
    assert.deepEqual(names(f), ['cat']);
  });
  it('reads exec-form RUN as one command', () => {
    const f = new Dockerfile('D', 'FROM a\nRUN ["apt-get", "install", "-y", "git"]\n');
    assert.deepEqual(names(f), ['apt-get install -y git']);
  });
  it('peels sudo/env wrappers and records pipelines', () => {
    const f = new Dockerfile('D', 'FROM a\nRUN sudo -u root env A=1 apt-get update && curl -fsSL x | sh -s\n');
    const run = f.runs[0];
    assert.ok(run);
    const [apt, curl, sh] = f.shell(run).commands;
    assert.deepEqual(apt?.wrappers, ['sudo', 'env']);
    assert.equal(apt?.name, 'apt-get');
    assert.equal(curl?.pipeline, sh?.pipeline);
    assert.equal(curl?.pipelineIndex, 0);
    assert.equal(sh?.pipelineIndex, 1);
    assert.equal(apt?.pipeline, -1);
  });
  it('parses scripts passed to sh -c, bash -ec and su -c as commands too', () => {
    const f = new Dockerfile(
      'D',
      'FROM a\nRUN su nobody -s /bin/sh -c "cd /tmp && curl -fsSL \\"$URL\\" | sh" && bash -ec \'apt-get update\'\nRUN ["sh", "-c", "wget -qO- x | bash"]\n',
    );
    assert.deepEqual(names(f, 0), [
      'su nobody -s /bin/sh -c "cd /tmp && curl -fsSL \\"$URL\\" | sh"',
      'cd /tmp',
      'curl -fsSL "$URL"',
      'sh',
      'bash -ec apt-get update',
      'apt-get update',
    ]);
    const run = f.runs[0];
    assert.ok(run);
    const script = f.shell(run);
    const curl = script.commands.find((c) => c.name === 'curl');
    const sh = script.commands.find((c) => c.name === 'sh');
    assert.equal(f.text(curl?.nameWord.span ?? { start: 0, end: 0 }), 'curl');
    assert.equal(curl?.pipeline, sh?.pipeline);
    assert.notEqual(curl?.pipeline, -1);
    assert.equal(f.text(script.commands[5]?.span ?? { start: 0, end: 0 }), 'apt-get update');
    assert.deepEqual(names(f, 1), ['sh -c wget -qO- x | bash', 'wget -qO- x', 'bash']);
  });
  it('builds stages, resolves global ARGs in FROM and links stage bases', () => {
    const f = new Dockerfile(
      'D',
      'ARG PY=3.11\nARG DIGEST\nFROM python:${PY}-slim AS Build\nFROM build AS test\nFROM python:${PY}@${DIGEST}\nFROM scratch\n',
    );
    const [build, test, final, scratch] = f.stages;
    assert.equal(build?.name, 'build');
    assert.equal(build?.resolvedImage, 'python:3.11-slim');
    assert.equal(build?.ref?.tag, '3.11-slim');
    assert.equal(test?.baseStage, build);
    assert.equal(test?.ref, undefined);
    assert.equal(final?.unresolved, true);
    assert.equal(scratch?.isScratch, true);
    assert.equal(f.finalStage, scratch);
    assert.equal(build?.from.stage, build);
  });
  it('includes ONBUILD RUN triggers among runs', () => {
    const f = new Dockerfile('D', 'FROM a\nONBUILD RUN apt-get update\nRUN echo\n');
    assert.equal(f.runs.length, 2);
    assert.equal(f.runs[0]?.onbuild, true);
    assert.equal(f.instructions.length, 3);
  });
  it('reports unknown instructions and unterminated heredocs as problems', () => {
    const f = new Dockerfile('D', 'FROM a\nFOO bar\nRUN <<EOF\necho\n');
    assert.deepEqual(
      f.problems.map((p) => p.message),
      ['unknown instruction "FOO"', 'heredoc <<EOF is not terminated before the end of the file'],
    );
  });
  it('keeps the commands before a shell syntax error', () => {
    const f = new Dockerfile('D', 'FROM a\nRUN apt-get update && echo "unterminated\n');
    const run = f.runs[0];
    assert.ok(run);
    const script = f.shell(run);
    assert.equal(script.hasError, true);
    assert.equal(script.commands[0]?.name, 'apt-get');
  });
});
