import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { packTar } from '../../../test/testbed/tar.js';
import { runCase, testCheck } from '../testdata/check-tester.js';
import { DV2001 } from './DV2001.js';

const PKGDB = join(import.meta.dirname, '../../../../shared/data/pkgdb');
const status = (name: string, version: string) =>
  `Package: ${name}\nStatus: install ok installed\nPriority: required\nArchitecture: amd64\nVersion: ${version}\nDescription: x\n`;

/**
 * The decisions that need no mirror; the real answer against the Debian mirror (and apt's own, in
 * a container) is in verify-image.test.ts.
 */
testCheck(DV2001, [
  { name: 'no package database: nothing to upgrade', status: 'skip', evidence: 'no dpkg or apk packages' },
  {
    name: 'dpkg packages but no apt sources (distroless-style)',
    layers: [[{ name: 'var/lib/dpkg/status', content: status('libc6', '2.36-9+deb12u3') }]],
    status: 'skip',
    evidence: /^no apt sources in the image .*; pass --apt-source URL$/,
  },
  {
    name: 'offline: the mirror is not asked',
    layers: [
      [
        { name: 'var/lib/dpkg/status', content: status('libc6', '2.36-9+deb12u3') },
        { name: 'etc/apt/sources.list', content: 'deb http://deb.debian.org/debian bookworm main\n' },
      ],
    ],
    status: 'skip',
    evidence: 'offline: the mirror was not asked',
    more: (r) => assert.equal(r.findings.length, 0),
  },
  {
    name: 'rpm packages are not checked yet (a real CBL-Mariner rpmdb)',
    layers: [
      [
        {
          name: 'var/lib/rpm/rpmdb.sqlite',
          content: readFileSync(join(PKGDB, 'rpm/go-rpmdb__cbl-mariner-2.0/rpmdb.sqlite')),
        },
        { name: 'etc/os-release', content: 'ID=mariner\nVERSION_ID="2.0"\n' },
      ],
    ],
    status: 'skip',
    evidence: 'rpm packages: only dpkg and apk images are checked for upgrades so far',
  },
]);

/**
 * A mirror of one's own (`--apt-source`), served on 127.0.0.1: a real Release file listing a real
 * Packages index by sha256, one suite only (the derived -updates and -security suites are absent and
 * the evidence says so). libc6 has a newer build there, bash does not, coreutils is newer installed.
 */
describe('DV2001 against a local mirror', () => {
  let server: Server | undefined;
  let cacheDir: string | undefined;
  after(async () => {
    await new Promise((r) => server?.close(r) ?? r(undefined));
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  it('lists exactly the packages with a newer candidate, in dpkg order', async () => {
    const index = [
      ['libc6', '2.36-9+deb12u4', 'glibc'],
      ['bash', '5.2.15-2+b2', 'bash'],
      ['coreutils', '9.1-1', 'coreutils'],
    ]
      .map(
        ([n, v, s]) =>
          `Package: ${n}\nSource: ${s}\nVersion: ${v}\nArchitecture: amd64\nFilename: pool/main/${n}.deb\nSize: 1\n`,
      )
      .join('\n');
    const packages = Buffer.from(index);
    const sha = createHash('sha256').update(packages).digest('hex');
    const release = `Origin: Debian\nSuite: oldstable\nCodename: bookworm\nVersion: 12.9\nDate: Sat, 11 Jan 2025 10:00:00 UTC\nSHA256:\n ${sha} ${packages.length} main/binary-amd64/Packages\n`;
    server = createServer((req, res) => {
      const body =
        req.url === '/debian/dists/bookworm/InRelease'
          ? release
          : req.url === '/debian/dists/bookworm/main/binary-amd64/Packages'
            ? packages
            : undefined;
      res.writeHead(body === undefined ? 404 : 200).end(body);
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    cacheDir = await mkdtemp(join(tmpdir(), 'drydock-dv2001-'));
    const dir = join(cacheDir, 'image');
    const { result } = await runCase(
      DV2001,
      {
        name: 'local mirror',
        layers: [
          [
            {
              name: 'var/lib/dpkg/status',
              content: [
                status('libc6', '2.36-9+deb12u3'),
                status('bash', '5.2.15-2+b2'),
                status('coreutils', '9.1-2'),
              ].join('\n'),
            },
            { name: 'etc/apt/sources.list', content: 'deb http://deb.debian.org/debian bookworm main\n' },
          ],
        ],
        options: { offline: false, aptSources: [`http://127.0.0.1:${port}/debian`], cacheDir: join(cacheDir, 'cache') },
        status: 'fail',
      },
      dir,
    );
    assert.equal(result.status, 'fail');
    assert.match(
      result.evidence,
      /^1 upgradable \(checked 3 packages against bookworm; missing: bookworm-updates \(not on http:\/\/127\.0\.0\.1:\d+\/debian\), bookworm-security \(not on http:\/\/127\.0\.0\.1:\d+\/debian-security\)\): libc6$/,
    );
    assert.deepEqual(
      result.findings.map((f) => [f.message, f.location?.path]),
      [['libc6 2.36-9+deb12u3 → 2.36-9+deb12u4 (bookworm)', 'var/lib/dpkg/status']],
    );
    assert.deepEqual((result.data as { upgradable: unknown[] }).upgradable, [
      { name: 'libc6', arch: 'amd64', installed: '2.36-9+deb12u3', candidate: '2.36-9+deb12u4', suite: 'bookworm' },
    ]);
  });
});

/**
 * Alpine: a real `lib/apk/db/installed` (Trivy's alpine 3.11 image fixture) against a repository on
 * 127.0.0.1 whose APKINDEX.tar.gz is built the way Alpine's are (a signature tar and the index tar,
 * gzip members back to back). busybox and the OpenSSL libraries have newer builds there, apk-tools
 * only an older one, musl the same: exactly three are upgradable, in apk version order.
 */
describe('DV2001 on an Alpine image', () => {
  const INSTALLED = join(PKGDB, 'apk/trivy__alpine-3.11-image/installed');
  let server: Server | undefined;
  let dir: string | undefined;
  after(async () => {
    await new Promise((r) => server?.close(r) ?? r(undefined));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists the packages apk would upgrade from the image’s repositories', async (t) => {
    if (!existsSync(INSTALLED)) return t.skip('../shared/data not present');
    const stanza = (p: string, v: string) => `C:Q1x=\nP:${p}\nV:${v}\nA:x86_64\nS:1\nI:1\nT:x\nU:x\nL:x\no:${p}\n`;
    const index = [
      stanza('busybox', '1.31.1-r10'),
      stanza('libcrypto1.1', '1.1.1g-r0'),
      stanza('libssl1.1', '1.1.1g-r0'),
      stanza('musl', '1.1.24-r2'),
      stanza('apk-tools', '2.10.4-r2'),
      stanza('not-installed', '9.9-r0'),
    ].join('\n');
    const signature = gzipSync(
      (
        await packTar([{ name: '.SIGN.RSA.alpine-devel@lists.alpinelinux.org-5e69ca50.rsa.pub', content: 'sig' }])
      ).subarray(0, 1024),
    );
    const archive = Buffer.concat([
      signature,
      gzipSync(
        await packTar([
          { name: 'DESCRIPTION', content: 'v3.11\n' },
          { name: 'APKINDEX', content: index },
        ]),
      ),
    ]);
    server = createServer((req, res) => {
      const ok = req.url === '/alpine/v3.11/main/x86_64/APKINDEX.tar.gz';
      res.writeHead(ok ? 200 : 404).end(ok ? archive : undefined);
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alpine/v3.11`;
    dir = await mkdtemp(join(tmpdir(), 'drydock-dv2001-apk-'));
    const { result } = await runCase(
      DV2001,
      {
        name: 'alpine',
        base: false,
        layers: [
          [
            { name: 'lib/apk/db/installed', content: readFileSync(INSTALLED) },
            { name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.11.5\n' },
            {
              name: 'etc/apk/repositories',
              content: `${base}/main\n${base}/community\n@edge http://127.0.0.1:1/edge/main\n`,
            },
          ],
        ],
        config: { User: undefined, Entrypoint: undefined },
        options: { offline: false },
        status: 'fail',
      },
      dir,
    );
    assert.equal(
      result.evidence,
      '3 upgradable (checked 14 packages against v3.11/main; missing: v3.11/community): busybox, libcrypto1.1, libssl1.1',
    );
    assert.deepEqual(
      result.findings.map((f) => [f.message, f.location?.path]),
      [
        ['busybox 1.31.1-r9 → 1.31.1-r10 (v3.11/main)', 'lib/apk/db/installed'],
        ['libcrypto1.1 1.1.1d-r3 → 1.1.1g-r0 (v3.11/main)', 'lib/apk/db/installed'],
        ['libssl1.1 1.1.1d-r3 → 1.1.1g-r0 (v3.11/main)', 'lib/apk/db/installed'],
      ],
    );
  });
});
