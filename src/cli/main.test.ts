import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '../..');
const entry = join(root, 'scripts/drydock-dev.ts');

function drydock(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: options.cwd ?? root,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0', ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const BAD = 'FROM debian:12\nRUN apt-get install -y curl\n';

describe('drydock CLI', () => {
  it('--help and --version exit 0', () => {
    const help = drydock(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: drydock/);
    const lintHelp = drydock(['lint', '--help']);
    assert.equal(lintHelp.code, 0);
    assert.match(lintHelp.stdout, /Examples:/);
    assert.match(drydock(['--version']).stdout, /^\d+\.\d+\.\d+/);
  });

  it('finds Dockerfiles by name in directories, skipping node_modules', () => {
    const dir = project({
      Dockerfile: BAD,
      'svc/Dockerfile.prod': BAD,
      'svc/api.Dockerfile': BAD,
      'svc/Containerfile': BAD,
      'node_modules/x/Dockerfile': BAD,
      'notes.txt': BAD,
    });
    const r = drydock(['lint', dir, '--only', 'DD3002', '-f', 'json']);
    assert.equal(r.code, 1);
    const files = (JSON.parse(r.stdout).files as string[]).map((f) => f.slice(dir.length + 1)).sort();
    assert.deepEqual(files, ['Dockerfile', 'svc/Containerfile', 'svc/Dockerfile.prod', 'svc/api.Dockerfile']);
  });

  it('exit 0 when nothing reaches --fail-on, 1 when something does', () => {
    const dir = project({ Dockerfile: BAD });
    assert.equal(drydock(['lint', dir, '--only', 'DD3002', '--fail-on', 'high']).code, 0);
    assert.equal(drydock(['lint', dir, '--only', 'DD3002', '--fail-on', 'medium']).code, 1);
    assert.equal(drydock(['lint', dir, '--only', 'DD3002', '--fail-on', 'nope']).code, 2);
  });

  it('reads stdin for -', () => {
    const r = drydock(['lint', '-', '--only', 'DD3002', '--stdin-filename', 'api/Dockerfile'], { input: BAD });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^api\/Dockerfile:2:5 medium DD3002/);
  });

  it('a bad file gives one located error line and exit 2, and the other files are still linted', () => {
    const dir = project({
      'a/Dockerfile': BAD,
      'b/Dockerfile': Buffer.from([0, 1, 2, 3, 0x7f, 0]),
      'c/Dockerfile': '',
    });
    const r = drydock(['lint', dir, '--only', 'DD3002', '-q']);
    assert.equal(r.code, 2);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /a\/Dockerfile:2:5 medium DD3002/);
    assert.match(lines[1] ?? '', /b\/Dockerfile:1:1 error not a text file/);
    assert.match(lines[2] ?? '', /c\/Dockerfile:1:1 error no instructions/);
  });

  it('a missing path or bad config is one error line on stderr, exit 2', () => {
    const missing = drydock(['lint', '/nonexistent/Dockerfile']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'drydock: error: /nonexistent/Dockerfile: no such file or directory\n');
    const dir = project({ Dockerfile: BAD, '.drydock.yaml': 'rules:\n  DD3002: [\n' });
    const bad = drydock(['lint', dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^drydock: error: .*\.drydock\.yaml:\d+:\d+: invalid YAML/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  });

  it('uses the nearest .drydock.yaml: rules off and failOn', () => {
    const dir = project({ 'svc/Dockerfile': BAD, '.drydock.yaml': 'failOn: critical\n' });
    assert.equal(drydock(['lint', join(dir, 'svc'), '--only', 'DD3002']).code, 0);
    const off = project({ Dockerfile: BAD, '.drydock.yaml': 'rules:\n  DD3002: off\n' });
    assert.doesNotMatch(drydock(['lint', off]).stdout, /DD3002/);
  });

  it('--output writes the report atomically and nothing to stdout', () => {
    const dir = project({ Dockerfile: BAD });
    const out = join(dir, 'report.sarif');
    const r = drydock(['lint', dir, '--only', 'DD3002', '-f', 'sarif', '-o', out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
    const fail = drydock(['lint', dir, '-o', join(dir, 'no/such/dir/out.txt')]);
    assert.equal(fail.code, 2);
    assert.equal(existsSync(join(dir, 'no')), false);
  });

  it('colours only when asked (FORCE_COLOR) and never with NO_COLOR or --no-color', () => {
    const dir = project({ Dockerfile: BAD });
    const esc = String.fromCharCode(27);
    assert.ok(drydock(['lint', dir, '--only', 'DD3002'], { env: { FORCE_COLOR: '1' } }).stdout.includes(esc));
    assert.ok(
      !drydock(['lint', dir, '--only', 'DD3002'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes(esc),
    );
    assert.ok(
      !drydock(['lint', dir, '--only', 'DD3002', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout.includes(esc),
    );
  });

  it('--list-rules prints the catalogue with aliases', () => {
    const r = drydock(['lint', '--list-rules']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^DD3002\s+medium\s+fix\s+apt-get install without --no-install-recommends\s+DL3015 DS029$/m);
    const json = JSON.parse(drydock(['lint', '--list-rules', '-f', 'json']).stdout);
    assert.ok(json.some((r: { id: string; aliases: string[] }) => r.id === 'DD3002' && r.aliases.includes('DL3015')));
  });

  it('an unknown command or option is a usage error, exit 2', () => {
    assert.equal(drydock(['frobnicate']).code, 2);
    assert.equal(drydock(['lint', '--bogus']).code, 2);
  });
});
