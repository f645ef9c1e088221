import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import { ageOf, mergeLock, parseLockFile, renderLockFile } from './lock-file.js';
import type { PinPlan } from './plan.js';
import { imageMoves, prBody, prTitle } from './pr-body.js';
import { formatDelta } from './vuln-delta.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;

describe('drydock.lock', () => {
  it('round-trips as YAML and as JSON, sorted by reference', () => {
    const images = new Map([
      ['redis:7', { digest: d('b'), resolvedAt: '2026-01-02T00:00:00.000Z' }],
      ['127.0.0.1:5000/lib/base:1', { digest: d('a'), resolvedAt: '2026-01-01T00:00:00.000Z' }],
    ]);
    for (const format of ['yaml', 'json'] as const) {
      const text = renderLockFile({ format, images });
      const back = parseLockFile(text, format === 'json' ? 'drydock.lock.json' : 'drydock.lock');
      assert.equal(back.format, format);
      assert.deepEqual(
        [...back.images.entries()],
        [...images.entries()].sort(([a], [b]) => a.localeCompare(b)),
      );
      assert.equal(renderLockFile(back), text);
    }
    assert.match(
      renderLockFile({ format: 'yaml', images }),
      /^# .*\nversion: 1\nimages:\n {2}127\.0\.0\.1:5000\/lib\/base:1:\n/,
    );
  });

  it('refuses malformed entries with one line naming the file and the entry', () => {
    const bad = [
      ['version: 2\nimages: {}\n', /unsupported lock file version 2/],
      [
        'images:\n  redis:7: {digest: sha256:abc, resolvedAt: 2026-01-01T00:00:00Z}\n',
        /redis:7: digest must be sha256/,
      ],
      [`images:\n  redis:7: {digest: "${d('a')}", resolvedAt: yesterday}\n`, /redis:7: resolvedAt must be an ISO time/],
      ['images: [1, 2]\n', /`images` must be a map/],
      ['{"images": ', /not a valid lock file/],
    ] as const;
    for (const [text, message] of bad) {
      assert.throws(
        () => parseLockFile(text, 'drydock.lock'),
        (e: unknown) => e instanceof DrydockError && message.test(e.message) && e.where === 'drydock.lock',
      );
    }
  });

  it('merges updates over the old entries and says how old a digest is', () => {
    const base = {
      format: 'json' as const,
      images: new Map([['a:1', { digest: d('1'), resolvedAt: '2026-01-01T00:00:00Z' }]]),
    };
    const merged = mergeLock(base, new Map([['b:1', { digest: d('2'), resolvedAt: '2026-01-05T00:00:00Z' }]]));
    assert.equal(merged.format, 'json');
    assert.deepEqual([...merged.images.keys()], ['a:1', 'b:1']);
    const now = new Date('2026-01-13T06:00:00Z');
    assert.equal(ageOf('2026-01-01T00:00:00Z', now), '12 days');
    assert.equal(ageOf('2026-01-12T06:00:00Z', now), '24 hours');
    assert.equal(ageOf('2026-01-13T05:59:00Z', now), '1 minute');
  });
});

describe('pull request title and body', () => {
  const location = (line: number) => ({ path: 'Dockerfile', line, column: 6, endLine: line, endColumn: 20 });
  const ref = (line: number, image: string) => ({
    path: 'Dockerfile',
    kind: 'dockerfile' as const,
    field: 'FROM',
    image,
    span: { start: 0, end: 1 },
    written: image,
    location: location(line),
  });
  const plan: PinPlan = {
    errors: [],
    resolved: new Map(),
    files: [
      {
        path: 'Dockerfile',
        kind: 'dockerfile',
        before: '',
        after: '',
        outcomes: [
          {
            reference: ref(1, `python:3.11-slim@${d('a')}`),
            status: 'updated',
            key: 'python:3.11-slim',
            oldDigest: d('a'),
            digest: d('c'),
          },
          {
            reference: ref(4, `gcr.io/distroless/base:nonroot@${d('b')}`),
            status: 'current',
            key: 'gcr.io/distroless/base:nonroot',
            digest: d('b'),
            oldDigest: d('b'),
          },
          {
            reference: ref(9, `python:3.11-slim@${d('a')}`),
            status: 'updated',
            key: 'python:3.11-slim',
            oldDigest: d('a'),
            digest: d('c'),
          },
        ],
      },
    ],
  };

  it('lists each moved tag once with every place, old and new digests, age and vulnerability counts', () => {
    const lock = {
      format: 'yaml' as const,
      images: new Map([['python:3.11-slim', { digest: d('a'), resolvedAt: '2026-01-01T00:00:00Z' }]]),
    };
    const moves = imageMoves(plan, lock, new Date('2026-01-08T00:00:00Z'));
    assert.deepEqual(moves, [
      {
        key: 'python:3.11-slim',
        oldDigest: d('a'),
        digest: d('c'),
        places: ['Dockerfile:1:6', 'Dockerfile:9:6'],
        age: '7 days',
      },
    ]);
    assert.equal(prTitle(moves), 'Update python:3.11-slim to its current digest');
    const delta = {
      key: 'python:3.11-slim',
      before: { critical: 4, high: 12, medium: 3 },
      after: { critical: 0, high: 3 },
    };
    const body = prBody(moves, { deltas: [delta], errors: [] });
    assert.match(
      body,
      /\| python \| 3\.11-slim \| `sha256:aaaaaaaaaaaa` \| `sha256:cccccccccccc` \| 7 days \| Dockerfile:1:6<br>Dockerfile:9:6 \|/,
    );
    assert.match(body, /\| python:3\.11-slim \| Critical 4 → 0 \| High 12 → 3 \| Medium 3 → 0 \| Low 0 → 0 \|/);
    assert.match(body, new RegExp(`\`python:3\\.11-slim\`: \`${d('a')}\` → \`${d('c')}\``));
    assert.doesNotMatch(body, /distroless/);
    assert.equal(formatDelta(delta), 'Critical 4 → 0, High 12 → 3, Medium 3 → 0');
  });

  it('titles several tags by count', () => {
    const m = (key: string) => ({ key, oldDigest: d('1'), digest: d('2'), places: [] });
    assert.equal(prTitle([m('a:1'), m('b:1'), m('c:1'), m('d:1')]), 'Update 4 image digests (a:1, b:1, c:1, …)');
    assert.equal(prTitle([]), 'Base images: digests are current');
  });
});
