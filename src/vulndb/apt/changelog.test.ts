import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { debComparer } from '../version/deb.js';
import { extractVulnIds, highestUrgency, parseChangelog, pendingEntries, urgencySeverity } from './changelog.js';

// Real changelogs from the mirror are checked against dpkg-parsechangelog in pending.test.ts;
// these pin the rules that test cannot show (selection bounds, id shapes, the urgency mapping).

const TEXT = [
  'xz-utils (5.4.1-1+deb12u2) bookworm-security; urgency=medium',
  '',
  '  * Includes security fix for GHSA-5qpq-xqfv-j9pg (Closes: #1147318)',
  '',
  ' -- Otto Kekäläinen <otto@debian.org>  Sun, 13 Sep 2026 01:01:01 +0000',
  '',
  'xz-utils (5.4.1-1+deb12u1) bookworm; urgency=HIGH (for users of --files)',
  '',
  '  * Backport upstream security fix for CVE-2026-34743 and CVE-2026-34743.',
  '',
  ' -- Otto Kekäläinen <otto@debian.org>  Fri, 26 Jun 2026 13:13:13 +0000',
  '',
  'xz-utils (5.4.1-1) unstable; urgency=medium',
  '',
  '  * New upstream release.',
  '',
  ' -- Someone <s@example.org>  Thu, 01 Jan 2023 00:00:00 +0000',
  '',
  'Old Changelog:',
  'whatever',
].join('\n');

test('entries, urgency lower-cased without its comment, trailer date as ISO', () => {
  const entries = parseChangelog(TEXT);
  assert.deepEqual(
    entries.map((e) => [e.version, e.urgency, e.distributions.join(' ')]),
    [
      ['5.4.1-1+deb12u2', 'medium', 'bookworm-security'],
      ['5.4.1-1+deb12u1', 'high', 'bookworm'],
      ['5.4.1-1', 'medium', 'unstable'],
    ],
  );
  assert.equal(entries[0]?.date, '2026-09-13T01:01:01.000Z');
  assert.equal(entries[0]?.maintainer, 'Otto Kekäläinen');
});

test('pending entries: newer than installed, up to and including the candidate', () => {
  const entries = parseChangelog(TEXT);
  const v = (xs: { version: string }[]) => xs.map((e) => e.version);
  assert.deepEqual(v(pendingEntries(entries, '5.4.1-1', '5.4.1-1+deb12u2', debComparer)), [
    '5.4.1-1+deb12u2',
    '5.4.1-1+deb12u1',
  ]);
  assert.deepEqual(v(pendingEntries(entries, '5.4.1-1', '5.4.1-1+deb12u1', debComparer)), ['5.4.1-1+deb12u1']);
  assert.deepEqual(v(pendingEntries(entries, '5.4.1-1+deb12u2', '5.4.1-1+deb12u2', debComparer)), []);
  assert.equal(highestUrgency(entries), 'high');
});

test('ids: CVE and GHSA, first mention order, no repeats, no look-alikes', () => {
  assert.deepEqual(extractVulnIds(TEXT), ['GHSA-5qpq-xqfv-j9pg', 'CVE-2026-34743']);
  assert.deepEqual(extractVulnIds('CVE-2024-123 XCVE-2024-12345 CVE-2024-1234567'), ['CVE-2024-1234567']);
});

test('urgency → severity', () => {
  const map = ['low', 'medium', 'high', 'emergency', 'critical', 'bogus'].map((u) => urgencySeverity(u));
  assert.deepEqual(map, ['low', 'medium', 'high', 'critical', 'critical', undefined]);
});
