import { run } from './exec.js';

/** `-o` options that point apt at a scratch root only (never the host's lists or status): apt as the oracle. */
export function aptOpts(aptRoot: string): string[] {
  return [
    '-o',
    `Dir=${aptRoot}`,
    '-o',
    `Dir::State::status=${aptRoot}/var/lib/dpkg/status`,
    '-o',
    'APT::Architecture=amd64',
    '-o',
    'APT::Sandbox::User=root',
    '-o',
    'Debug::NoLocking=1',
  ];
}

/** One file of a rootfs tar (mmdebstrap writes `./`-prefixed names). */
export async function tarFile(tar: string, path: string): Promise<Buffer> {
  return (await run('tar', ['-xOf', tar, `./${path}`])).stdout;
}
