import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { buildStep } from '../check.js';
import { testCheck } from '../testdata/check-tester.js';
import { DV3003 } from './DV3003.js';

testCheck(DV3003, [
  {
    name: 'sums the files and names the largest layers with their build steps',
    layers: [[{ name: 'app/model.bin', content: randomBytes(200_000) }]],
    createdBy: ['/bin/sh -c #(nop) ADD file:abc in / ', '|1 TOKEN=hunter2 /bin/sh -c fetch-model'],
    status: 'pass',
    // Random bytes do not compress: the model's layer is the largest, and its step has no token in it.
    evidence:
      /^2\d\d kB unpacked, 2\d\d kB stored in 2 layers; largest: 2\d\d kB [0-9a-f]{12} \(fetch-model\), \d+ B [0-9a-f]{12} \(ADD file:abc in \/\)$/,
    more: (r) => {
      const data = r.data as { unpackedBytes: number; largestLayers: { createdBy?: string }[] };
      assert.ok(data.unpackedBytes >= 200_000);
      assert.equal(data.largestLayers.length, 2);
    },
  },
]);

it('shortens build steps and never shows build-argument values', () => {
  assert.equal(buildStep('|2 NPM_TOKEN=secret A=1 /bin/sh -c npm ci'), 'npm ci');
  assert.equal(buildStep('/bin/sh -c #(nop)  COPY dir:0123 in /app '), 'COPY dir:0123 in /app');
  assert.equal(buildStep(`RUN ${'x'.repeat(100)}`).length, 60);
});
