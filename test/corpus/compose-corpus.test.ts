import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import type { Finding } from '../../src/core/finding.js';
import { hardenCompose } from '../../src/manifests/compose/harden.js';
import { checkComposeText, composeChecker } from '../../src/manifests/compose/index.js';
import { COMPOSE_RULES } from '../../src/manifests/compose/rules/index.js';
import { countByRule, dataFiles, dataName } from './manifest-corpus.js';

/**
 * The 39 docker/awesome-compose files: each is claimed and checked without an error, per-rule counts
 * match the snapshot, and `harden` output re-checks with no fixable finding left, still parses and
 * still validates against the Compose Specification schema. Regenerate the snapshot with
 * UPDATE_SNAPSHOT=1 node scripts/run-tests.mjs test/corpus/compose-corpus.test.ts and review the diff.
 */
const SNAPSHOT = join(import.meta.dirname, 'compose-snapshot.json');
const SCHEMA = join(import.meta.dirname, 'testdata/compose-spec/compose-spec.json');
const files = dataFiles('compose', /\.ya?ml$/);

describe('compose corpus (39 awesome-compose files)', {
  skip: files.length > 0 ? false : 'no ../shared/data/compose',
}, () => {
  const ajv = new Ajv2019({ strict: false, validateFormats: false, allErrors: true });
  // The schema still uses draft-04's `id` as an annotation; ajv 8 rejects it unless it is a plain keyword.
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  // The file says `http://json-schema.org/draft/2019-09/schema#`; ajv knows the draft by its https id.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
  const validate = ajv.compile(schema);
  const schemaErrors = (text: string) =>
    validate(parse(text))
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);

  it('checks every file, and per-rule counts and harden results match the snapshot', () => {
    assert.equal(files.length, 39);
    const perFile: Finding[][] = [];
    const errors: string[] = [];
    const left: string[] = [];
    const invalid: string[] = [];
    const changes: Record<string, number> = {};
    const schemaBefore: Record<string, string[]> = {};
    let changed = 0;
    const started = performance.now();
    for (const file of files) {
      const name = dataName(file);
      const text = readFileSync(file, 'utf8');
      assert.ok(composeChecker.claims(name, text), `${name} is not claimed as a compose file`);
      const result = composeChecker.check(name, text);
      errors.push(...result.errors.map((e) => `${name}: ${e.message}`));
      perFile.push([...result.findings]);
      // The vendored schema predates a few spec keys (top-level `name`): what fails before harden is
      // recorded in the snapshot, and harden must not add a single schema error.
      const before = schemaErrors(text);
      if (before.length > 0) schemaBefore[name] = before;

      const hardened = hardenCompose(text, name);
      if (hardened.text !== text) changed++;
      for (const c of hardened.changes) changes[c.ruleId] = (changes[c.ruleId] ?? 0) + 1;
      const recheck = checkComposeText(hardened.text, name, COMPOSE_RULES);
      assert.deepEqual(recheck.errors, [], `${name}: hardened text does not parse`);
      left.push(...recheck.findings.filter((f) => f.fix).map((f) => `${name}:${f.location.line} ${f.ruleId}`));
      const after = schemaErrors(hardened.text);
      invalid.push(...after.filter((e) => !before.includes(e)).map((e) => `${name}: ${e}`));
    }
    const elapsed = performance.now() - started;
    assert.deepEqual(errors, []);
    assert.deepEqual(left, [], 'hardened files still have fixable findings');
    assert.deepEqual(invalid, [], 'harden added Compose Specification schema errors');
    const actual = {
      files: files.length,
      ...countByRule(
        COMPOSE_RULES.map((r) => r.meta.id),
        perFile,
      ),
      harden: { filesChanged: changed, changes },
      schemaErrorsBeforeHarden: schemaBefore,
    };
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
    assert.ok(existsSync(SNAPSHOT), 'no snapshot: run with UPDATE_SNAPSHOT=1');
    assert.deepEqual(actual, JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
    // Check + harden + two re-checks + schema validation of 39 files: well under a second here.
    assert.ok(elapsed < 5000, `corpus took ${elapsed.toFixed(0)} ms`);
  });
});
