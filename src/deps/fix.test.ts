import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../test/support/run-cli.js';
import type { Advisory } from '../vulndb/types.js';
import { auditDependencies } from './audit.js';
import { planDependencyFixes, renderFixDiff } from './fix.js';

const OSV_PYPI = join(import.meta.dirname, '../../../shared/data/osv/pypi');

/** A two-advisory database in memory: enough to drive the fixer exactly (the real data is in audit.test.ts). */
function lookup(advisories: Record<string, { fixed: string; introduced?: string }[]>) {
  return {
    advisoriesFor(namespace: string, pkg: string): Advisory[] {
      return (advisories[`${namespace}/${pkg}`] ?? []).map((r, i) => ({
        id: `TEST-${pkg}-${i}`,
        aliases: [],
        source: 'test',
        namespace,
        package: pkg,
        status: 'fixed',
        ranges: [[{ introduced: r.introduced ?? '0' }, { fixed: r.fixed }]],
        versions: [],
        cvss: [],
      }));
    },
  };
}

const DB = lookup({
  'pypi/django': [{ fixed: '4.2.11' }],
  'pypi/flask': [{ fixed: '2.2.5' }],
  'npm/lodash': [{ fixed: '4.17.21' }],
});

/** Input → output, like ESLint's RuleTester: the whole file after `deps fix`. */
const CASES: { name: string; file: string; input: string; output: string }[] = [
  {
    name: 'requirements: only the version changes; comment, extras, marker, spacing kept',
    file: 'requirements.txt',
    input: 'Django[bcrypt] ==  4.2.7   ; python_version >= "3.8"  # LTS\nflask==2.2.2\\\n  \nrequests==2.31.0\n',
    output: 'Django[bcrypt] ==  4.2.11   ; python_version >= "3.8"  # LTS\nflask==2.2.5\\\n  \nrequests==2.31.0\n',
  },
  {
    name: 'pyproject PEP 621 and Poetry pins',
    file: 'pyproject.toml',
    input:
      '[project]\nname = "x"\ndependencies = [\n  "django==4.2.7",  # pinned\n]\n\n[tool.poetry.dependencies]\nflask = { version = "==2.2.2" }\n',
    output:
      '[project]\nname = "x"\ndependencies = [\n  "django==4.2.11",  # pinned\n]\n\n[tool.poetry.dependencies]\nflask = { version = "==2.2.5" }\n',
  },
  {
    name: 'package.json exact pin (no lock beside it)',
    file: 'package.json',
    input: '{\n  "dependencies": {\n    "lodash": "4.17.20",\n    "express": "^4.18.0"\n  }\n}\n',
    output: '{\n  "dependencies": {\n    "lodash": "4.17.21",\n    "express": "^4.18.0"\n  }\n}\n',
  },
];

describe('deps fix: pins raised in place, nothing else touched', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'drydock-deps-fix-'));
      const path = join(dir, c.file);
      writeFileSync(path, c.input);
      const plan = planDependencyFixes(await auditDependencies([path], { lookup: DB }));
      assert.equal(plan.files.length, 1);
      assert.equal(plan.files[0]?.after, c.output);
      // A second audit of the output finds nothing left to fix.
      writeFileSync(path, c.output);
      assert.equal(planDependencyFixes(await auditDependencies([path], { lookup: DB })).files.length, 0);
    });
  }

  it('never changes a file that does not parse completely; says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-deps-fix-'));
    const path = join(dir, 'requirements.txt');
    writeFileSync(path, 'Django==4.2.7\n--frobnicate\n');
    const plan = planDependencyFixes(await auditDependencies([path], { lookup: DB }));
    assert.deepEqual(plan.files, []);
    assert.deepEqual(plan.skipped, [{ path, reason: 'not changed: it does not parse completely (1 error)' }]);
    assert.equal(plan.unfixed.length, 1);
  });

  it('renders a unified diff', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-deps-fix-'));
    const path = join(dir, 'requirements.txt');
    writeFileSync(path, 'Django==4.2.7\n');
    const diff = renderFixDiff(planDependencyFixes(await auditDependencies([path], { lookup: DB })));
    // Outside the working directory the path is shown absolute, without doubling the slash after a/ b/.
    const shown = path.replace(/^\/+/, '');
    assert.match(
      diff,
      new RegExp(`^--- a/${shown}\\n\\+\\+\\+ b/${shown}\\n@@ -1,1 \\+1,1 @@\\n-Django==4.2.7\\n\\+Django==4.2.11\\n$`),
    );
  });
});

describe('drydock deps fix (CLI, real advisories)', () => {
  it('diff exits 1, --write applies it (exit 0), then the diff is empty (exit 0); broken files untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-deps-cli-'));
    cpSync(
      join(import.meta.dirname, '../../examples/migrate-platform/requirements.txt'),
      join(dir, 'requirements.txt'),
    );
    const broken = join(dir, 'requirements-broken.txt');
    writeFileSync(broken, 'Flask==2.0.1 \\\n');
    const before = readFileSync(join(dir, 'requirements.txt'), 'utf8');
    const diff = await runCli(['deps', 'fix', dir, '--osv', OSV_PYPI]);
    assert.equal(diff.code, 2, diff.stderr); // the broken file is an input error
    assert.match(diff.stdout, /^-Django==4\.2\.7\n\+Django==4\.2\.16$/m);
    assert.match(diff.stderr, /requirements-broken\.txt:1:14: line continuation/);
    assert.match(diff.stderr, /requirements-broken\.txt: not changed: it does not parse completely/);
    const write = await runCli(['deps', 'fix', join(dir, 'requirements.txt'), '--write', '--osv', OSV_PYPI]);
    assert.equal(write.code, 0, write.stderr);
    assert.equal(
      readFileSync(join(dir, 'requirements.txt'), 'utf8'),
      before.replace('Django==4.2.7', 'Django==4.2.16'),
    );
    assert.equal(readFileSync(broken, 'utf8'), 'Flask==2.0.1 \\\n');
    const again = await runCli(['deps', 'fix', join(dir, 'requirements.txt'), '--osv', OSV_PYPI]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, '');
  });

  it('drydock deps: sarif output, exit codes by --fail-on and --max', async () => {
    const file = join(import.meta.dirname, '../../examples/migrate-platform/requirements.txt');
    const sarif = await runCli(['deps', file, '--osv', OSV_PYPI, '-f', 'sarif']);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] };
    assert.deepEqual(
      log.runs[0]?.results.map((r) => r.ruleId),
      ['DP1004', 'DP1002', 'DP1002', 'DP1001'],
    );
    const budget = await runCli(['deps', file, '--osv', OSV_PYPI, '--max', 'medium=1', '--fail-on', 'critical', '-q']);
    assert.equal(budget.code, 0, budget.stderr);
    const over = await runCli(['deps', file, '--osv', OSV_PYPI, '--max', 'medium=0', '--fail-on', 'critical', '-q']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /1 medium vulnerable pin, budget allows 0/);
    const noDb = await runCli(['deps', file, '--db', join(tmpdir(), 'no-such-drydock.db'), '-q']);
    assert.equal(noDb.code, 2);
    assert.match(noDb.stdout, /no vulnerability database/);
  });
});
