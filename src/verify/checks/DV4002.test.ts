import { testCheck } from '../testdata/check-tester.js';
import { DV4002 } from './DV4002.js';

testCheck(DV4002, [
  {
    name: 'apt’s own empty cache directories and locks',
    layers: [
      [
        { name: 'var/cache/apt/archives/partial/', type: 'directory' },
        { name: 'var/cache/apt/archives/lock', content: '' },
        { name: 'var/cache/debconf/config.dat', content: 'Name: x\n' },
      ],
    ],
    status: 'pass',
    evidence: 'none in /var/cache/{apt,apk,yum,dnf,zypp}',
  },
  {
    name: 'downloaded .debs and apt’s binary caches',
    layers: [
      [
        { name: 'var/cache/apt/archives/curl_7.88.1-10+deb12u5_amd64.deb', content: 'd'.repeat(3000) },
        { name: 'var/cache/apt/pkgcache.bin', content: 'p'.repeat(2000) },
        { name: 'var/cache/apt/srcpkgcache.bin', content: 's'.repeat(1000) },
      ],
    ],
    status: 'fail',
    evidence: '3 files, 6.0 kB in /var/cache/apt, /var/cache/apt/archives',
    findings: [/^\/var\/cache\/apt: 2 files, 3\.0 kB/, /^\/var\/cache\/apt\/archives: 1 file, 3\.0 kB/],
  },
  {
    name: 'apk and dnf caches',
    layers: [
      [
        { name: 'var/cache/apk/APKINDEX.00740ba1.tar.gz', content: 'a' },
        { name: 'var/cache/dnf/fedora-filenames.solvx', content: 'b' },
      ],
    ],
    status: 'fail',
    evidence: '2 files, 2 B in /var/cache/apk, /var/cache/dnf',
  },
]);
