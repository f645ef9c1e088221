import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildLayer, type TarEntry, writeOciLayout } from '../../../test/testbed/evil-layers.js';
import type { VerifyCheck } from '../check.js';
import type { CheckResult, ResultStatus } from '../report.js';
import { type VerifyImageOptions, verifyImage } from '../verify-image.js';

/**
 * The checks' RuleTester: each case is a real image — tar layers written as an OCI layout — read by
 * the real pipeline (`verifyImage` with only the check under test, offline), so a check is tested
 * through the same streaming pass, whiteouts and symlink resolution it meets in production.
 */

export type { TarEntry } from '../../../test/testbed/evil-layers.js';

export const APP_UID = 1000;

/** A small base system: root, a few system accounts, `appuser` (1000) with its home, /tmp 1777, a shell. */
export const BASE_LAYER: readonly TarEntry[] = [
  { name: 'etc/', type: 'directory' },
  {
    name: 'etc/passwd',
    content: [
      'root:x:0:0:root:/root:/bin/bash',
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
      'appuser:x:1000:1000::/home/appuser:/bin/sh',
      '',
    ].join('\n'),
  },
  { name: 'etc/group', content: 'root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\nappuser:x:1000:\n' },
  {
    name: 'etc/shadow',
    mode: 0o640,
    content:
      'root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\nappuser:!:19000:0:99999:7:::\n',
  },
  { name: 'root/', type: 'directory', mode: 0o700 },
  { name: 'home/', type: 'directory' },
  { name: 'home/appuser/', type: 'directory', uid: APP_UID, gid: APP_UID },
  { name: 'tmp/', type: 'directory', mode: 0o1777 },
  { name: 'usr/', type: 'directory' },
  { name: 'usr/bin/', type: 'directory' },
  { name: 'usr/bin/sh', content: '\x7fELF fake shell\n', mode: 0o755 },
  { name: 'bin', type: 'symlink', linkname: 'usr/bin' },
  { name: 'usr/local/', type: 'directory' },
  { name: 'usr/local/bin/', type: 'directory' },
  { name: 'usr/local/bin/app', content: '#!/bin/sh\nexec echo hello\n', mode: 0o755 },
  { name: 'app/', type: 'directory' },
];

/** The config of an image that follows the guide: non-root, a health check, an entrypoint that exists. */
export const GOOD_CONFIG: Readonly<Record<string, unknown>> = {
  User: 'appuser',
  WorkingDir: '/app',
  Entrypoint: ['/usr/local/bin/app'],
  Healthcheck: { Test: ['CMD', '/usr/local/bin/app', 'health'] },
  Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
};

export interface CheckCase {
  readonly name: string;
  /** Layers above BASE_LAYER (bottom first); `base: false` drops BASE_LAYER. */
  readonly layers?: readonly (readonly TarEntry[])[];
  readonly base?: boolean;
  /** Replaces fields of GOOD_CONFIG (`undefined` values remove them). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** `created_by` per layer, BASE_LAYER's included. */
  readonly createdBy?: readonly string[];
  readonly options?: Omit<VerifyImageOptions, 'checks'>;
  readonly status: ResultStatus;
  /** The evidence line: exact text or a pattern. */
  readonly evidence?: string | RegExp;
  /** Finding messages, in order: exact text or patterns (checked when given). */
  readonly findings?: readonly (string | RegExp)[];
  /** Extra assertions on the result (layers, locations). */
  readonly more?: (result: CheckResult, image: { layerDigests: readonly string[] }) => void;
}

/** Builds the case's image and runs `check` on it; returns the check's result and the layer digests. */
export async function runCase(
  check: VerifyCheck,
  c: CheckCase,
  dir: string,
): Promise<{ result: CheckResult; layerDigests: readonly string[] }> {
  const stack = [...(c.base === false ? [] : [BASE_LAYER]), ...(c.layers ?? [])];
  const built = await Promise.all(stack.map((entries) => buildLayer(entries)));
  const config: Record<string, unknown> = { ...GOOD_CONFIG };
  for (const [k, v] of Object.entries(c.config ?? {})) {
    if (v === undefined) delete config[k];
    else config[k] = v;
  }
  const layout = await writeOciLayout(dir, built, { config, ...(c.createdBy ? { createdBy: c.createdBy } : {}) });
  const report = await verifyImage(layout.ref, {
    checks: [check],
    offline: true,
    dbPath: join(dir, 'no-such.db'),
    ...c.options,
  });
  const result = report.results[0];
  assert.ok(result, 'the check ran');
  return { result, layerDigests: layout.layerDigests };
}

/** Runs every case as its own test: the status, the evidence and the findings must match exactly. */
export function testCheck(check: VerifyCheck, cases: readonly CheckCase[]): void {
  describe(`${check.meta.id} ${check.meta.title}`, () => {
    let root: string | undefined;
    after(async () => {
      if (root) await rm(root, { recursive: true, force: true });
    });
    cases.forEach((c, i) => {
      it(c.name, async () => {
        root ??= await mkdtemp(join(tmpdir(), `drydock-${check.meta.id}-`));
        const { result, layerDigests } = await runCase(check, c, join(root, String(i)));
        const shown = `${result.status}: ${result.evidence}\n${result.findings.map((f) => `  ${f.message}`).join('\n')}`;
        assert.equal(result.status, c.status, shown);
        if (typeof c.evidence === 'string') assert.equal(result.evidence, c.evidence);
        else if (c.evidence) assert.match(result.evidence, c.evidence);
        if (c.findings) {
          assert.equal(result.findings.length, c.findings.length, shown);
          c.findings.forEach((want, j) => {
            const got = result.findings[j]?.message ?? '';
            if (typeof want === 'string') assert.equal(got, want);
            else assert.match(got, want);
          });
        }
        c.more?.(result, { layerDigests });
      });
    });
  });
}
