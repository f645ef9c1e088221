/**
 * What is installed: one package found in one place. Every id here is a closed union, and purls are
 * built only through purl.ts.
 */
export const PACKAGE_TYPES = ['deb', 'apk', 'rpm', 'python', 'npm'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

/** Where a package was found: the file (image path, no leading slash) and the layer that wrote it. */
export interface PackageLocation {
  readonly path: string;
  readonly layer?: string;
}

/** Fields only some ecosystems have; matching needs them (vulnerability data is filed per source package). */
export interface PackageMetadata {
  /** Binary architecture (`amd64`, `x86_64`, `noarch`). */
  readonly arch?: string;
  /** Source package name (dpkg `Source:`, apk `origin`, rpm SRPM name). */
  readonly sourceName?: string;
  /** Source package version when it differs from the binary's (dpkg `Source: x (ver)`). */
  readonly sourceVersion?: string;
  /** rpm epoch, as a number; dpkg epochs stay inside the version string. */
  readonly epoch?: number;
  /** rpm release (the part after the last `-`). */
  readonly release?: string;
  /** Installed size in bytes (dpkg's KiB converted). */
  readonly installedSize?: number;
  readonly maintainer?: string;
  /** Declared license expression or names, as the package states them. */
  readonly licenses?: readonly string[];
  /** Files the package owns, when asked for (`dpkg info/*.list`). */
  readonly files?: readonly string[];
  /** Lock-file packages: declared only, not seen installed. */
  readonly declaredOnly?: boolean;
  /** A development-only dependency in a lock file (npm `dev`, Pipfile `develop`, poetry `dev`). */
  readonly dev?: boolean;
}

export interface Package {
  readonly type: PackageType;
  readonly name: string;
  /** The full version as the ecosystem writes it (dpkg `1:2.36-9+deb12u4`, rpm `2.17-326.el7` without epoch). */
  readonly version: string;
  readonly purl: string;
  /** Which cataloger found it (`dpkg`, `python-installed`, `npm-lock`…). */
  readonly foundBy: string;
  readonly locations: readonly PackageLocation[];
  readonly metadata: PackageMetadata;
}

/** The operating system of the scanned filesystem, from os-release and friends. */
export interface Distro {
  /** `debian`, `ubuntu`, `alpine`, `rhel`, `centos`, `fedora`, `opensuse-leap`, `sles`, `mariner`, `wolfi`… */
  readonly id: string;
  readonly versionId?: string;
  readonly versionCodename?: string;
  readonly prettyName?: string;
  readonly idLike?: readonly string[];
}

/** A problem that did not stop cataloguing (a malformed stanza, bad UTF-8): the file and why. */
export interface CatalogWarning {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
}
