import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import type { LintReport } from '../core/finding.js';
import { summarize } from '../dockerfile/lint-paths.js';
import { lintText, prepareLinter } from '../dockerfile/linter.js';
import { RULES } from '../dockerfile/rules/index.js';
import { REPORTERS } from './index.js';

const require = createRequire(import.meta.url);
const AjvDraft04 = (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default;
const root = join(import.meta.dirname, '../..');

let report: LintReport;

interface JsonOut {
  findings: { file: string; fix: { edits: unknown[] } }[];
  summary: { bySeverity: Record<string, number> };
  errors: { file: string }[];
}

before(async () => {
  await prepareLinter();
  const a = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n';
  const b = 'FROM debian:12\nRUN apt-get install -y "a,b:c%"\n';
  const ra = lintText(a, 'svc/Dockerfile', { only: ['DD3002'] });
  const rb = lintText(b, 'odd name,x.Dockerfile', { only: ['DD3002'] });
  report = {
    tool: { name: 'drydock', version: '0.0.0-test' },
    files: ['svc/Dockerfile', 'odd name,x.Dockerfile', 'empty/Dockerfile'],
    findings: [...ra.findings, ...rb.findings],
    errors: [{ path: 'empty/Dockerfile', line: 1, column: 1, message: 'no instructions: the Dockerfile is empty' }],
    rules: RULES.filter((r) => r.meta.id === 'DD3002').map(summarize),
    sources: new Map([
      ['svc/Dockerfile', a],
      ['odd name,x.Dockerfile', b],
    ]),
  };
  assert.equal(report.findings.length, 2);
});

describe('reporters', () => {
  it('sarif validates against the official SARIF 2.1.0 schema', () => {
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // The published 2.1.0 schema has a pattern that is only valid without the `u` flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const log = JSON.parse(REPORTERS.sarif.render(report, { color: false }));
    const valid: boolean = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    assert.equal(run.tool.driver.rules[0].id, 'DD3002');
    assert.equal(run.results.length, 2);
    assert.equal(run.results[0].ruleIndex, 0);
    assert.deepEqual(run.results[0].locations[0].physicalLocation.region, {
      startLine: 2,
      startColumn: 23,
      endLine: 2,
      endColumn: 46,
    });
    assert.equal(run.results[1].locations[0].physicalLocation.artifactLocation.uri, 'odd%20name%2Cx.Dockerfile');
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.ok(
      run.results[0].fixes[0].artifactChanges[0].replacements[0].insertedContent.text.includes(
        '--no-install-recommends',
      ),
    );
  });

  it('json validates against docs/schemas/lint-report.v1.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile<JsonOut>(
      JSON.parse(readFileSync(join(root, 'docs/schemas/lint-report.v1.json'), 'utf8')),
    );
    const out = JSON.parse(REPORTERS.json.render(report, { color: false })) as JsonOut;
    const valid: boolean = validate(out);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    assert.equal(out.findings[0]?.file, 'svc/Dockerfile');
    assert.deepEqual(out.findings[0]?.fix.edits[0], {
      start: { line: 2, column: 38 },
      end: { line: 2, column: 38 },
      text: ' --no-install-recommends',
    });
    assert.equal(out.summary.bySeverity.medium, 2);
    assert.equal(out.errors[0]?.file, 'empty/Dockerfile');
  });

  it('text shows location, the source line and a caret under the span', () => {
    const out = REPORTERS.text.render(report, { color: false });
    const lines = out.split('\n');
    assert.equal(lines[0], 'svc/Dockerfile:2:23 medium DD3002 apt-get install without --no-install-recommends');
    assert.equal(lines[1], '  2 | RUN apt-get update && apt-get install -y curl');
    assert.equal(lines[2], `    | ${' '.repeat(22)}${'^'.repeat(23)}`);
    assert.match(out, /empty\/Dockerfile:1:1 error no instructions/);
    assert.match(out, /2 findings \(2 medium\) in 3 files; 1 could not be linted\n$/);
    assert.doesNotMatch(out, new RegExp(String.fromCharCode(27)));
    assert.match(REPORTERS.text.render(report, { color: true }), new RegExp(String.fromCharCode(27)));
  });

  it('github escapes properties and data as the Actions toolkit does', () => {
    const out = REPORTERS.github.render(report, { color: false }).trim().split('\n');
    assert.equal(
      out[0],
      '::warning file=svc/Dockerfile,line=2,col=23,endLine=2,endColumn=46,title=DD3002 (medium)::apt-get install without --no-install-recommends',
    );
    assert.ok(out[1]?.startsWith('::warning file=odd name%2Cx.Dockerfile,line=2'));
    assert.equal(out[2], '::error file=empty/Dockerfile,line=1::no instructions: the Dockerfile is empty');
  });

  it('checkstyle and junit are well-formed XML with one entry per finding', () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ['file', 'error', 'testsuite', 'testcase'].includes(name),
    });
    const cs = parser.parse(REPORTERS.checkstyle.render(report, { color: false }));
    assert.equal(cs.checkstyle.file.length, 3);
    assert.equal(cs.checkstyle.file[0].error[0]['@_source'], 'drydock.DD3002');
    assert.equal(cs.checkstyle.file[0].error[0]['@_severity'], 'warning');
    assert.equal(cs.checkstyle.file[2].error[0]['@_severity'], 'error');
    const ju = parser.parse(REPORTERS.junit.render(report, { color: false }));
    assert.equal(ju.testsuites['@_failures'], '2');
    assert.equal(ju.testsuites['@_errors'], '1');
    assert.equal(ju.testsuites.testsuite[0].testcase[0].failure['@_type'], 'medium');
  });

  it('reporters are pure: the same report renders to the same bytes', () => {
    for (const r of Object.values(REPORTERS))
      assert.equal(r.render(report, { color: false }), r.render(report, { color: false }));
  });
});
