import { buildLayer, type WrittenLayout, writeOciLayout } from '../../../test/testbed/evil-layers.js';
import { BASE_LAYER, GOOD_CONFIG } from './check-tester.js';

/**
 * The crafted image, layer by layer as a Dockerfile would make it: a root user (no USER),
 * AWS credentials copied in one layer and deleted in the next, a setuid binary beyond the base
 * system's, a world-writable directory without the sticky bit and an account with an empty
 * password. Everything else follows the guide (health check, an entrypoint that exists, no port
 * 22, no caches), so exactly five checks must fail.
 */

/** AWS's documented example key pair: credential-shaped, never valid. */
export const AWS_CREDENTIALS =
  '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

export const CRAFTED_FAILS = ['DV1001', 'DV5001', 'DV6001', 'DV6002', 'DV6003'] as const;

export const CRAFTED_STEPS = [
  '/bin/sh -c #(nop) ADD file:base in / ',
  '/bin/sh -c #(nop) COPY file:creds in /root/.aws/credentials ',
  '/bin/sh -c aws s3 cp s3://models/model.bin /app/ && rm /root/.aws/credentials',
  '/bin/sh -c useradd guest && passwd -d guest && chmod u+s /usr/local/bin/escalate && mkdir -m 777 /srv/shared',
] as const;

export async function writeCraftedImage(dir: string): Promise<WrittenLayout> {
  const passwd = String(BASE_LAYER.find((e) => e.name === 'etc/passwd')?.content ?? '');
  const group = String(BASE_LAYER.find((e) => e.name === 'etc/group')?.content ?? '');
  const layers = await Promise.all([
    buildLayer(BASE_LAYER),
    buildLayer([
      { name: 'root/.aws/', type: 'directory', mode: 0o700 },
      { name: 'root/.aws/credentials', content: AWS_CREDENTIALS, mode: 0o600 },
    ]),
    buildLayer([
      { name: 'root/.aws/', type: 'directory', mode: 0o700 },
      { name: 'root/.aws/.wh.credentials', content: '' },
      { name: 'app/model.bin', content: Buffer.from([1, 2, 3, 0, 4]) },
    ]),
    buildLayer([
      { name: 'etc/passwd', content: `${passwd}guest::1001:1001::/home/guest:/bin/sh\n` },
      { name: 'etc/group', content: `${group}guest:x:1001:\n` },
      { name: 'home/guest/', type: 'directory', uid: 1001, gid: 1001 },
      { name: 'usr/local/bin/escalate', content: '\x7fELF fake\n', mode: 0o4755 },
      { name: 'srv/', type: 'directory' },
      { name: 'srv/shared/', type: 'directory', mode: 0o777 },
    ]),
  ]);
  const { User: _root, ...config } = GOOD_CONFIG;
  return writeOciLayout(dir, layers, { config, createdBy: CRAFTED_STEPS, tag: 'crafted' });
}
