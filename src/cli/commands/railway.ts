import type { Command } from 'commander';
import { registerManifestCommands } from '../manifest-commands.js';

/** `drydock railway check`: the Dockerfile Railway builds from, healthcheck and restart policy. */
export function registerRailway(program: Command, setExit: (code: number) => void): void {
  registerManifestCommands(program, setExit, {
    name: 'railway',
    description: 'Check Railway service configs (railway.json, railway.toml) and the Dockerfile they build',
    load: async () => ({ checker: (await import('../../manifests/railway/index.js')).railwayChecker }),
    checkExamples: `  drydock railway check                            railway.json / railway.toml under the current directory
  drydock railway check railway.toml --fail-on high

The Dockerfile the config builds (build.dockerfilePath, relative to the config) must exist and pass
drydock lint --fail-on high (DR1002); deploy.healthcheckPath must be set (DR2001).`,
    notRecognised: 'not a Railway config (railway.json or railway.toml)',
  });
}
