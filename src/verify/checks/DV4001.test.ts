import * as assert from 'node:assert/strict';
import { testCheck } from '../testdata/check-tester.js';
import { DV4001 } from './DV4001.js';

const aptDirs = [
  { name: 'var/lib/apt/lists/', type: 'directory' as const },
  { name: 'var/lib/apt/lists/partial/', type: 'directory' as const },
  { name: 'var/lib/apt/lists/lock', content: '' },
];

testCheck(DV4001, [
  {
    name: 'only what apt keeps itself (lock, partial/)',
    layers: [aptDirs],
    status: 'pass',
    evidence: '/var/lib/apt/lists is empty',
  },
  { name: 'no apt at all', status: 'pass', evidence: 'no apt lists directory' },
  {
    name: 'lists left by apt-get update',
    layers: [
      aptDirs,
      [
        { name: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', content: 'x'.repeat(1500) },
        {
          name: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4',
          content: 'y'.repeat(500),
        },
      ],
    ],
    createdBy: ['base', 'apt lists', '/bin/sh -c apt-get update && apt-get install -y curl'],
    status: 'fail',
    evidence: '2 files, 2.0 kB in /var/lib/apt/lists',
    findings: ['/var/lib/apt/lists: 2 files, 2.0 kB (left by: apt-get update && apt-get install -y curl)'],
    more: (r, image) => assert.equal(r.findings[0]?.location?.layer, image.layerDigests[2]),
  },
  {
    name: 'lists deleted in a later layer are gone (whiteout)',
    layers: [
      aptDirs,
      [{ name: 'var/lib/apt/lists/x_InRelease', content: 'x' }],
      [{ name: 'var/lib/apt/lists/.wh.x_InRelease', content: '' }],
    ],
    status: 'pass',
    evidence: '/var/lib/apt/lists is empty',
  },
]);
