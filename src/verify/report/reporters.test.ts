import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import type { VerifyCheck } from '../check.js';
import { CHECKS } from '../checks/index.js';
import type { VerifyReport } from '../report.js';
import { writeCraftedImage } from '../testdata/crafted-image.js';
import { verifyImage } from '../verify-image.js';
import { VERIFY_REPORTERS } from './index.js';

const require = createRequire(import.meta.url);
const AjvDraft04 = (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default;
const addFormats = (require('ajv-formats') as { default: typeof import('ajv-formats').default }).default;
const root = join(import.meta.dirname, '../../..');

/** A check that cannot decide: its result must be an error, and the run exit 2. */
const BROKEN: VerifyCheck = {
  meta: {
    id: 'DV9999',
    title: 'Always throws',
    severity: 'low',
    section: 'config',
    why: 'test',
    fix: 'test',
    aliases: [],
  },
  check() {
    throw new Error('mirror did not answer');
  },
};

/**
 * Every reporter on one real report with every status: the crafted image (five failures), read by
 * the real pipeline with --fail-on high (the medium DV6002 becomes a warning), offline and without
 * a database (skips), plus a check that throws (an error).
 */
describe('verify reporters', () => {
  let dir = '';
  let report: VerifyReport;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-verify-reporters-'));
    const layout = await writeCraftedImage(join(dir, 'oci'));
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    report = await verifyImage(layout.ref, {
      checks: [...CHECKS, BROKEN],
      failOn: 'high',
      offline: true,
      dbPath: join(dir, 'no.db'),
    });
    delete process.env.SOURCE_DATE_EPOCH;
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the report has every status, and errors win the exit code', () => {
    assert.deepEqual(report.verdict.counts, { pass: 13, fail: 4, warn: 1, skip: 2, error: 1 });
    assert.equal(report.verdict.exitCode, 2);
    assert.equal(report.generatedAt, '2023-11-14T22:13:20Z');
    assert.deepEqual(
      report.results.filter((r) => r.status === 'fail' || r.status === 'warn').map((r) => `${r.id} ${r.status}`),
      ['DV1001 fail', 'DV5001 fail', 'DV6001 fail', 'DV6002 warn', 'DV6003 fail'],
    );
  });

  it('json validates against docs/schemas/verify-report.v1.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'docs/schemas/verify-report.v1.json'), 'utf8')));
    const doc = JSON.parse(VERIFY_REPORTERS.json.render(report)) as {
      results: { id: string; findings: { layer: string | null }[] }[];
    };
    assert.ok(validate(doc), ajv.errorsText(validate.errors));
    const secrets = doc.results.find((r) => r.id === 'DV5001');
    assert.ok(secrets?.findings.every((f) => f.layer === report.image.layers[1]?.digest));
  });

  it('sarif validates against the official SARIF 2.1.0 schema', () => {
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const log = JSON.parse(VERIFY_REPORTERS.sarif.render(report)) as {
      runs: {
        results: { ruleId: string; level: string; properties?: { layer?: string } }[];
        invocations: { executionSuccessful: boolean }[];
      }[];
    };
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    const run = log.runs[0];
    // One result per finding of a failed or warned check: 1 + 2 + 1 + 1 + 1.
    assert.deepEqual(
      run?.results.map((r) => `${r.ruleId} ${r.level}`),
      ['DV1001 error', 'DV5001 error', 'DV5001 error', 'DV6001 error', 'DV6002 note', 'DV6003 error'],
    );
    assert.equal(run?.results[1]?.properties?.layer, report.image.layers[1]?.digest);
    assert.equal(run?.invocations[0]?.executionSuccessful, false);
  });

  it('junit has one test case per check with the right outcome', () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(VERIFY_REPORTERS.junit.render(report)) as {
      testsuites: {
        testsuite: {
          '@_tests': string;
          '@_failures': string;
          '@_errors': string;
          '@_skipped': string;
          testcase: Record<string, unknown>[];
        };
      };
    };
    const suite = xml.testsuites.testsuite;
    assert.deepEqual(
      [suite['@_tests'], suite['@_failures'], suite['@_errors'], suite['@_skipped']],
      ['21', '4', '1', '3'],
    );
    assert.equal(suite.testcase.length, 21);
    assert.ok('failure' in (suite.testcase.find((c) => String(c['@_name']).startsWith('DV1001')) ?? {}));
    assert.ok('error' in (suite.testcase.find((c) => String(c['@_name']).startsWith('DV9999')) ?? {}));
  });

  it('text mirrors the guide’s checklist: sections, one line per check, evidence, verdict', () => {
    const text = VERIFY_REPORTERS.text.render(report);
    assert.match(
      text,
      /^drydock verify oci-dir:.*:crafted\nunknown OS, 4 layers, 0 OS packages, runs as root \(uid 0\)\n/,
    );
    assert.match(
      text,
      /\nNon-root user\n {2}FAIL {2}DV1001 {2}Runs as a non-root user that exists in the image {2}\(whoami\)\n {15}root \(uid 0\): no USER in the image config\n/,
    );
    assert.match(text, /\n {2}WARN {2}DV6002 /);
    assert.match(text, /\n {2}ERROR DV9999 {2}Always throws\n {15}mirror did not answer\n/);
    assert.match(text, /still in layer 2 \(COPY file:creds in \/root\/\.aws\/credentials\)/);
    assert.match(text, /\nnot verified \(errors\): 4 failed, 1 error, 1 warning, 13 passed, 2 skipped \(exit 2\)\n$/);
    assert.ok(!text.includes('\u001b['), 'no colour unless asked');
    assert.ok(VERIFY_REPORTERS.text.render(report, { color: true }).includes('\u001b['));
  });
});
