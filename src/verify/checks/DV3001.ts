import type { Distro } from '../../catalog/package.js';
import type { VerifyCheck } from '../check.js';

/**
 * Default OS package budgets per base, from what the slim official bases hold with an
 * application's runtime on top: debian:bookworm-slim 78 packages, python:3.11-slim-bookworm about
 * 90, alpine:3.19 15, distroless/static a handful, ubi9-minimal about 100.
 */
const BUDGETS: readonly { readonly ids: readonly string[]; readonly budget: number }[] = [
  { ids: ['debian', 'ubuntu'], budget: 150 },
  { ids: ['alpine', 'wolfi', 'chainguard'], budget: 60 },
  { ids: ['rhel', 'centos', 'rocky', 'almalinux', 'fedora', 'ol', 'amzn', 'mariner', 'azurelinux'], budget: 200 },
  { ids: ['opensuse-leap', 'sles'], budget: 200 },
];

/** The budget for a distro, when drydock knows one. */
export function defaultPackageBudget(distro: Distro | undefined): number | undefined {
  if (!distro) return undefined;
  const ids = [distro.id, ...(distro.idLike ?? [])];
  return BUDGETS.find((b) => b.ids.some((id) => ids.includes(id)))?.budget;
}

/** The guide's `dpkg -l | wc -l` → "minimal", with a number to hold it to. */
export const DV3001: VerifyCheck = {
  meta: {
    id: 'DV3001',
    title: 'OS package count within budget',
    severity: 'medium',
    section: 'minimal',
    guide: 'dpkg -l | wc -l',
    why: 'Every installed package is code an attacker can use and a source of future CVEs; a full base image carries hundreds the application never calls.',
    fix: 'Start from a slim or distroless base, install with `--no-install-recommends`, and copy only runtime artefacts out of a build stage.',
    aliases: ['CIS-DI-0003'],
  },
  check(context) {
    const os = context.packages.filter((p) => p.type === 'deb' || p.type === 'apk' || p.type === 'rpm');
    const language = context.packages.length - os.length;
    const explicit = context.options.maxPackages;
    const budget = explicit ?? defaultPackageBudget(context.distro);
    const base = context.distro
      ? `${context.distro.id}${context.distro.versionId ? ` ${context.distro.versionId}` : ''}`
      : '';
    const extra = language > 0 ? `, plus ${language} language packages` : '';
    const data = { os: os.length, language, ...(budget === undefined ? {} : { budget }) };
    if (budget === undefined) {
      return {
        status: 'pass',
        evidence: `${os.length} packages${extra} (no budget for ${base || 'an unknown base'}; set --max-packages)`,
        data,
      };
    }
    const source = explicit === undefined ? `, default for ${base}` : '';
    const evidence = `${os.length} packages (budget ${budget}${source})${extra}`;
    if (os.length <= budget) return { status: 'pass', evidence, data };
    return {
      status: 'fail',
      evidence,
      findings: [{ message: `${os.length} OS packages, ${os.length - budget} over the budget of ${budget}` }],
      data,
    };
  },
};
