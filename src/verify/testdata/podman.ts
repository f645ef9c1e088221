import { randomBytes } from 'node:crypto';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../test/testbed/exec.js';

/**
 * Runs commands inside a real image with podman (runc, vfs storage, cgroupfs: what works on this
 * machine without a daemon; see ../shared/testbed.md), the oracle for what drydock answers without
 * running anything. Each Podman has its own storage under the OS temp dir, so tests never touch
 * (or race with) anyone else's images; `close` removes it. A missing podman or runc throws
 * TestbedUnavailableError (skip, or a failure in CI).
 */
export class Podman {
  private readonly dir: string;
  private readonly images = new Map<string, string>();

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async open(): Promise<Podman> {
    // podman names an oci: image after its path, and a repository name must be lower case: no mkdtemp.
    const dir = join(tmpdir(), `drydock-podman-${randomBytes(6).toString('hex')}`);
    await mkdir(join(dir, 'layouts'), { recursive: true });
    const podman = new Podman(dir);
    await podman.podman(['--version']);
    return podman;
  }

  private podman(args: readonly string[], timeoutMs = 5 * 60_000): Promise<string> {
    const global = [
      '--root',
      join(this.dir, 'storage'),
      '--runroot',
      join(this.dir, 'run'),
      '--storage-driver',
      'vfs',
      '--cgroup-manager',
      'cgroupfs',
    ];
    return run('podman', [...global, ...args], { timeoutMs }).then((r) => r.stdout.toString('utf8'));
  }

  /** Loads `oci:layout:tag` once; returns the image id. */
  async load(layout: string, tag: string): Promise<string> {
    const key = `${layout}:${tag}`;
    const known = this.images.get(key);
    if (known) return known;
    const link = join(this.dir, 'layouts', `l${this.images.size}`);
    await symlink(layout, link);
    const id = (await this.podman(['pull', '-q', `oci:${link}:${tag}`])).trim();
    this.images.set(key, id);
    return id;
  }

  /** `podman run --rm IMAGE argv…`: stdout. `network` shares the host's (apt needs the mirror). */
  async run(
    image: string,
    argv: readonly string[],
    options: { network?: boolean; user?: string } = {},
  ): Promise<string> {
    return this.podman([
      'run',
      '--rm',
      '--pull=never',
      '--runtime',
      'runc',
      '--ulimit',
      'nofile=1024:1024',
      '--ulimit',
      'nproc=1024:1024',
      ...(options.network ? ['--network', 'host'] : ['--network', 'none']),
      ...(options.user ? ['--user', options.user] : []),
      image,
      ...argv,
    ]);
  }

  /**
   * `apt list --upgradable` inside the image with exactly these sources (the suites drydock
   * checked), after `apt-get update`: `name installed → candidate` lines, sorted.
   */
  async aptUpgradable(
    image: string,
    sources: readonly { uri: string; suite: string; components: readonly string[] }[],
  ): Promise<string[]> {
    const list = sources.map((s) => `deb ${s.uri} ${s.suite} ${s.components.join(' ')}`).join('\n');
    const script = `printf '%s\\n' "$1" > /etc/apt/sources.list && rm -f /etc/apt/sources.list.d/* && apt-get -qq update && apt list --upgradable 2>/dev/null`;
    const out = await this.run(image, ['sh', '-c', script, 'sh', list], { network: true, user: '0' });
    // `libc6/oldstable-security 2.36-9+deb12u13 amd64 [upgradable from: 2.36-9+deb12u3]`
    return [...out.matchAll(/^(\S+)\/\S+ (\S+) \S+ \[upgradable from: (\S+)\]$/gm)]
      .map((m) => `${m[1]} ${m[3]} → ${m[2]}`)
      .sort();
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
