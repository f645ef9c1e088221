import type { Package } from '../../catalog/package.js';
import { fileFinding, listSome, type VerifyCheck, type VerifyFinding } from '../check.js';

/** Package names (dpkg, apk and rpm spellings) that belong in a build stage or a workstation, not a runtime image. */
const UNFIT: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  {
    what: 'build toolchain',
    pattern:
      /^(build-essential|build-base|gcc|gcc-\d+|g\+\+|g\+\+-\d+|gcc-c\+\+|cpp|cpp-\d+|clang|clang-\d+|llvm|llvm-\d+|gfortran(-\d+)?|make|cmake|autoconf|automake|libtool|ninja-build|dpkg-dev|rpm-build)$/,
  },
  { what: 'development headers', pattern: /^(.+-dev|.+-devel|linux-headers(-.+)?|musl-dev|libc6-dev|glibc-devel)$/ },
  { what: 'debugger', pattern: /^(gdb|strace|ltrace|valgrind)$/ },
  {
    what: 'editor',
    pattern:
      /^(vim|vim-tiny|vim-nox|vim-runtime|vim-common|vim-enhanced|vim-minimal|neovim|nano|emacs|emacs-nox|emacs\d*(-nox)?|joe|mg|jed)$/,
  },
  { what: 'SSH server', pattern: /^(openssh-server|openssh-server-pam|dropbear)$/ },
  { what: 'privilege escalation', pattern: /^(sudo|sudo-ldap|doas|opendoas)$/ },
];

/** What a package is doing in a runtime image, or undefined when it may belong there. */
export function unfitKind(pkg: Pick<Package, 'name' | 'type'>): string | undefined {
  if (pkg.type !== 'deb' && pkg.type !== 'apk' && pkg.type !== 'rpm') return undefined;
  // `gcc-12-base`, `libgcc-s1` and `cpp`'s runtime libraries are what compiled programs link against.
  return UNFIT.find((u) => u.pattern.test(pkg.name))?.what;
}

/** Dockle flags sudo; CIS 4.3 asks for no unnecessary packages without saying which. These are the usual ones. */
export const DV3002: VerifyCheck = {
  meta: {
    id: 'DV3002',
    title: 'No build tools, editors, SSH server or sudo',
    severity: 'medium',
    section: 'minimal',
    why: 'Compilers, headers and debuggers let an intruder build and inspect exploits in place, an SSH server is a second way in, and sudo is a privilege escalation path; none is needed to run the application.',
    fix: 'Build in a separate stage and copy only the artefacts into the final one (`COPY --from=build`); `apt-get purge --auto-remove` what only the build needed.',
    aliases: ['DKL-DI-0001', 'CIS-DI-0003'],
  },
  check(context) {
    const findings: VerifyFinding[] = [];
    const names: string[] = [];
    const kinds = new Set<string>();
    for (const p of context.packages) {
      const kind = unfitKind(p);
      if (!kind) continue;
      names.push(p.name);
      kinds.add(kind);
      const message = `${p.name} ${p.version}: ${kind}`;
      const where = p.locations[0];
      findings.push(where ? fileFinding(message, where) : { message });
    }
    const os = context.packages.filter((p) => p.type === 'deb' || p.type === 'apk' || p.type === 'rpm').length;
    if (findings.length === 0) return { status: 'pass', evidence: `none among ${os} OS packages` };
    return {
      status: 'fail',
      evidence: `${findings.length} (${[...kinds].join(', ')}): ${listSome(names, 6)}`,
      findings,
      data: { packages: names },
    };
  },
};
