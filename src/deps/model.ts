import type { Span } from '../core/location.js';

/**
 * The dependency auditor's contract: every manifest parser turns one file into `Dependency` rows with
 * exact spans, plus located problems; the rules and the fixer read nothing else.
 */

export type DepsEcosystem = 'pypi' | 'npm';

export const MANIFEST_FORMATS = [
  'requirements',
  'pyproject',
  'pipfile',
  'pipfile-lock',
  'poetry-lock',
  'uv-lock',
  'package-json',
  'package-lock',
] as const;
export type ManifestFormat = (typeof MANIFEST_FORMATS)[number];

/**
 * What a declaration is:
 * - `requirement`: a line pip installs (requirements files);
 * - `constraint`: a `-c` line, or uv's `constraint-dependencies`: it limits a version, installs nothing;
 * - `declared`: a project manifest's range (pyproject, Pipfile, package.json);
 * - `locked`: a resolved version in a lock file.
 */
export type DependencyRole = 'requirement' | 'constraint' | 'declared' | 'locked';

/** How the dependency names what to install. */
export type DependencySource =
  /** From the index, limited by `specifier` (PEP 440 for PyPI, a node-semver range for npm). */
  | { readonly type: 'registry' }
  /** A VCS checkout: `git+https://…@ref`, npm `github:user/repo#ref`. */
  | { readonly type: 'vcs'; readonly url: string; readonly ref?: string }
  /** An archive URL (`https://…/pkg.whl`, an npm tarball). */
  | { readonly type: 'url'; readonly url: string }
  /** A local directory or archive (the project itself, a workspace member). */
  | { readonly type: 'path'; readonly path: string };

/** The exact version a declaration pins, and the text to replace to change it. */
export interface Pin {
  readonly version: string;
  /** Span of the version text in the file; absent when it cannot be edited in place (escapes, env vars). */
  readonly span?: Span;
}

export interface Dependency {
  readonly ecosystem: DepsEcosystem;
  /** As written. */
  readonly name: string;
  /** The advisory database key: PEP 503 name for PyPI, the registry name for npm. */
  readonly key: string;
  readonly path: string;
  readonly format: ManifestFormat;
  readonly role: DependencyRole;
  /** The declaration (requirement line without options, TOML value, JSON member): where findings point. */
  readonly span: Span;
  readonly source: DependencySource;
  /**
   * The version constraint as the ecosystem reads it ('' when there is none). Poetry's `^`/`~` and bare
   * versions are already translated to PEP 440 alternatives joined by ` || `.
   */
  readonly specifier: string;
  /** The constraint as written in the file, for messages. */
  readonly specifierText: string;
  readonly pin?: Pin;
  /** `algorithm:digest` values (`--hash`, lock file hashes, npm `integrity`). */
  readonly hashes: readonly string[];
  readonly marker?: string;
  readonly extras?: readonly string[];
  readonly dev?: boolean;
  readonly editable?: boolean;
  /** A lock entry for a package the manifest names directly (npm: a top-level `node_modules/x`). */
  readonly direct?: boolean;
  /** Why an in-place version edit would be wrong (hashes that must be regenerated, a lock file). */
  readonly fixBlocker?: string;
  /** For a declaration that a lock file beside it resolves: that lock's path (its rows are audited instead). */
  readonly lockedBy?: string;
}

/** A problem that stops part of a file from being read: a parse error, a bad include, a cycle. */
export interface ManifestProblem {
  readonly message: string;
  readonly span?: Span;
  /** Defaults to the manifest's own path (an include error may name the including file instead). */
  readonly path?: string;
}

/** A package index or download location a manifest points at (for the transport rules). */
export interface IndexSetting {
  readonly option: string;
  readonly value: string;
  readonly span: Span;
}

export interface ParsedManifest {
  readonly path: string;
  readonly format: ManifestFormat;
  readonly text: string;
  readonly dependencies: readonly Dependency[];
  readonly problems: readonly ManifestProblem[];
  /** requirements: `--index-url`, `--extra-index-url`, `--find-links`, `--trusted-host`; Pipfile.lock sources. */
  readonly indexes: readonly IndexSetting[];
  /** requirements: `--require-hashes` in the file. */
  readonly requireHashes?: boolean;
}

export function emptyManifest(path: string, format: ManifestFormat, text: string): ParsedManifest {
  return { path, format, text, dependencies: [], problems: [], indexes: [] };
}

/** PEP 503: runs of `-`, `_`, `.` are one `-`, case folded. */
export function pep503(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
