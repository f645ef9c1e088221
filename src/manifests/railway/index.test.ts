import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { railwayChecker } from './index.js';
import { locateTomlKeys } from './toml-keys.js';

const HARDENED = join(import.meta.dirname, 'testdata/hardened');

describe('railway checker', () => {
  it('claims railway.json and railway.toml only', () => {
    assert.ok(railwayChecker.claims('app/railway.toml', ''));
    assert.ok(railwayChecker.claims('railway.json', '{}'));
    assert.ok(!railwayChecker.claims('package.json', '{}'));
    assert.ok(!railwayChecker.claims('railway.yaml', ''));
  });

  it('a hardened service passes every rule', () => {
    const text =
      '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile"\n\n[deploy]\nhealthcheckPath = "/health"\nrestartPolicyType = "ON_FAILURE"\nrestartPolicyMaxRetries = 10\n';
    assert.deepEqual(railwayChecker.check(join(HARDENED, 'railway.toml'), text), { findings: [], errors: [] });
  });

  it('bad TOML and bad JSON are one located error each', () => {
    const toml = railwayChecker.check('railway.toml', '[build]\nbuilder = \n');
    assert.equal(toml.findings.length, 0);
    assert.deepEqual(
      toml.errors.map((e) => [e.line, e.column]),
      [[2, 11]],
    );
    const json = railwayChecker.check('railway.json', '{"build": {"builder": "DOCKERFILE",\n');
    assert.equal(json.errors.length > 0, true);
    assert.equal(json.errors[0]?.path, 'railway.json');
  });

  it('suppression comments work in TOML', () => {
    const text = '[build]\nbuilder = "NIXPACKS"  # drydock-ignore=DR1003 prototype\n[deploy]\nhealthcheckPath = "/"\n';
    assert.deepEqual(railwayChecker.check(join(HARDENED, 'railway.toml'), text).findings, []);
  });
});

describe('locateTomlKeys', () => {
  it('finds tables, dotted keys, quoted keys and inline-table keys', () => {
    const text =
      '# config\n[build]\nbuilder = "DOCKERFILE" # x\n"dockerfilePath" = "D"\n\n[deploy]\nhealthcheck.path = 1\nrestart = { type = "NEVER", max = 0 }\n';
    const spans = locateTomlKeys(text);
    const at = (key: string) => {
      const s = spans.get(key);
      return s ? text.slice(s.start, s.end) : undefined;
    };
    assert.equal(at('build'), '[build]');
    assert.equal(at('build.builder'), 'builder = "DOCKERFILE"');
    assert.equal(at('build.dockerfilePath'), '"dockerfilePath" = "D"');
    assert.equal(at('deploy.healthcheck.path'), 'healthcheck.path = 1');
    assert.equal(at('deploy.restart.type'), 'type = "NEVER"');
    assert.equal(at('deploy.restart.max'), 'max = 0');
  });
});
