import { testCheck } from '../testdata/check-tester.js';
import { DV4003 } from './DV4003.js';

testCheck(DV4003, [
  {
    name: 'caches of other tools and site-packages are not caches',
    layers: [
      [
        { name: 'root/.cache/fontconfig/x.cache', content: 'f' },
        { name: 'usr/local/lib/python3.11/site-packages/pip/_internal/cache.py', content: 'c' },
      ],
    ],
    status: 'pass',
  },
  {
    name: 'pip’s cache under /root and npm’s under a user home',
    layers: [
      [
        { name: 'root/.cache/pip/http-v2/a/b/c', content: 'x'.repeat(1000) },
        { name: 'root/.cache/pip/wheels/d', content: 'y'.repeat(1000) },
        { name: 'home/appuser/.npm/_cacache/index-v5/ab/cd', content: 'z'.repeat(100) },
      ],
    ],
    status: 'fail',
    evidence: '3 files, 2.1 kB in /root/.cache/pip, /home/appuser/.npm/_cacache',
    findings: [/^\/root\/\.cache\/pip: 2 files, 2\.0 kB/, /^\/home\/appuser\/\.npm\/_cacache: 1 file, 100 B/],
  },
]);
