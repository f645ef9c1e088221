import { basename } from '../core/posix-path.js';
import { credentialValue, isPathValue, secretFileKind, secretName } from '../dockerfile/secret-patterns.js';
import type { FileEntry } from '../sources/types.js';

/**
 * Secrets in image files, found without reading the whole image: only candidate files are read
 * (application and configuration places, credential file names, at most `MAX_CANDIDATE_BYTES`
 * each), and a content is classified by the same patterns `drydock lint` uses for Dockerfiles
 * (credential shapes, secret-looking names) plus file-specific rules (.npmrc tokens, .pypirc and
 * .netrc passwords, Docker registry auths). Values are only classified, never reported.
 */

/** One file larger than this is not a credentials file; it is not read. */
export const MAX_CANDIDATE_BYTES = 1024 * 1024;

/** Operating-system and third-party places: packages' own files, not where an application puts a secret. */
const SYSTEM_PREFIX =
  /^(bin|sbin|lib|lib32|lib64|libx32|boot|dev|proc|sys|run|var\/lib|var\/log|var\/cache|usr\/(?!local\/(bin|sbin|etc)\/|src\/)|etc\/ssl\/certs\/|etc\/ca-certificates\/)/;
/** Dependency trees, bytecode and test fixtures (their keys are fakes by design). */
const SKIPPED_SEGMENT = /(^|\/)(node_modules|site-packages|dist-packages|__pycache__|\.git|tests?|testdata|fixtures)\//;
/** Binary formats: nothing to read line by line. */
const BINARY_EXTENSION =
  /\.(so(\.\d+)*|a|o|pyc|pyo|class|jar|war|whl|egg|zip|gz|tgz|bz2|xz|zst|7z|tar|png|jpe?g|gif|ico|svg|webp|pdf|woff2?|ttf|otf|eot|mo|db|sqlite3?|wasm|bin|dat|mp[34]|avi|mov)$/i;

/**
 * Whether a file is worth reading for secrets: a credential file name anywhere outside the
 * system's own trees, or any small non-binary file in application and configuration places
 * (`app/`, `srv/`, `opt/`, `home/`, `root/`, `etc/`, `usr/local/bin`…).
 */
export function isSecretCandidate(entry: Pick<FileEntry, 'path' | 'type' | 'size'>): boolean {
  if (entry.type !== 'file' || entry.size === 0 || entry.size > MAX_CANDIDATE_BYTES) return false;
  const path = entry.path;
  if (SKIPPED_SEGMENT.test(path)) return false;
  if (SYSTEM_PREFIX.test(path)) return false;
  if (BINARY_EXTENSION.test(path)) return secretFileKind(path) !== undefined;
  return true;
}

export interface SecretHit {
  /** What it is: "an AWS access key id", "an npm token" (never the value). */
  readonly kind: string;
  /** 1-based line; 1 for whole-file kinds (key stores). */
  readonly line: number;
}

/** A value that stands for a secret rather than being one: empty, a variable, a template, a mask. */
const PLACEHOLDER =
  /^(|x+|\*+|\.+|-+|<[^>]*>|\$\{?[A-Za-z_][\w]*\}?.*|%\(.*|\{\{.*\}\}|none|null|nil|true|false|yes|no|on|off|undefined|example|placeholder|redacted|changeit|your[-_ ].*|xxx.*|todo)$/i;

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * How much a secret-named value must look like a secret, by the kind of file: in an env or
 * credentials file any real value is one; in other settings files (where `passwd: files` is an
 * nsswitch source, not a password) it must be long and varied; in code only a long random
 * quoted literal is (a short one is a default or a label).
 */
type FileKind = 'credentials' | 'settings' | 'code';

function fileKind(path: string): FileKind {
  const base = basename(path).toLowerCase();
  if (
    /^\.env(\.|$)/.test(base) ||
    /\.env$/.test(base) ||
    /^\.(npmrc|pypirc|netrc|pgpass|git-credentials|s3cfg|boto)$/.test(base) ||
    /(^|\/)\.aws\/(credentials|config)$/.test(path) ||
    /^credentials?(\.[a-z]+)?$/.test(base) ||
    /^secrets?(\.[a-z]+)?$/.test(base)
  ) {
    return 'credentials';
  }
  if (/\.(ini|cfg|conf|config|properties|toml|ya?ml|json|tfvars|xml)$/.test(base) || !base.includes('.'))
    return 'settings';
  return 'code';
}

/** `KEY=value`, `KEY: value`, `"key": "value",`, `export KEY="value"`, `key = 'value'`. */
const ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*[,;]?\s*$/;

function literal(raw: string, kind: FileKind): string | undefined {
  const quoted = /^(["'`])(.*)\1$/.exec(raw);
  if (quoted) return quoted[2];
  // In code a bare right-hand side is an expression (`password = get_password()`), not a value.
  if (kind === 'code') return undefined;
  return /\s/.test(raw) ? undefined : raw;
}

/** Lines of `.npmrc`, `.pypirc`, `.netrc` and Docker's config that carry a credential. */
function fileSpecific(base: string, path: string, line: string): string | undefined {
  if (base === '.npmrc' && /(^|:)_(authToken|auth|password)\s*=\s*(?!\$\{)\S/.test(line))
    return 'an npm registry token';
  if (base === '.pypirc' && /^\s*password\s*[=:]\s*\S/.test(line)) return 'a PyPI password';
  if ((base === '.netrc' || base === '_netrc') && /(^|\s)password\s+\S/.test(line)) return 'a netrc password';
  if (/(^|\/)\.docker\/config\.json$/.test(path) && /"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}"/.test(line)) {
    return 'a Docker registry credential';
  }
  if (/aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}\b/i.test(line)) return 'an AWS secret access key';
  return undefined;
}

/**
 * The secrets in one file's content: credential-shaped values on any line, file-specific
 * credential lines, and literal values of secret-named keys (how secret-looking they must be
 * depends on the kind of file: see `fileKind`). Binary content (a NUL byte) is not read as text;
 * only key stores are reported, by name.
 */
export function findSecrets(path: string, content: Buffer): SecretHit[] {
  const named = secretFileKind(path);
  const head = content.subarray(0, 8192);
  if (head.includes(0)) return named && /key store/.test(named) ? [{ kind: named, line: 1 }] : [];
  const base = basename(path).toLowerCase();
  const where = fileKind(path);
  // `.env.example`: its values are meant to be replaced; only a real credential shape counts there.
  const template = /\.(example|sample|template|dist|defaults?)$/.test(base);
  const hits: SecretHit[] = [];
  const lines = content.toString('utf8').split('\n');
  lines.forEach((text, i) => {
    if (text.length > 10_000) return; // minified bundles and data blobs: not credentials files
    const kind =
      credentialValue(text) ?? (template ? undefined : (fileSpecific(base, path, text) ?? assignedSecret(text, where)));
    if (kind) hits.push({ kind, line: i + 1 });
  });
  return hits;
}

function assignedSecret(text: string, kind: FileKind): string | undefined {
  if (/^\s*(#|\/\/|;)/.test(text)) return undefined;
  const m = ASSIGNMENT.exec(text);
  const key = m?.[1];
  if (!m || !key) return undefined;
  const name = key.replace(/[.-]/g, '_');
  if (!secretName(name)) return undefined;
  const value = literal(m[2] ?? '', kind);
  if (value === undefined || PLACEHOLDER.test(value) || isPathValue(value) || /^https?:\/\/[^@]*$/.test(value)) {
    return undefined;
  }
  if (kind === 'credentials') return `a value for ${key}`;
  if (kind === 'settings') return value.length >= 8 && entropy(value) >= 2.5 ? `a value for ${key}` : undefined;
  return value.length >= 16 && entropy(value) >= 3.5 ? `a high-entropy value for ${key}` : undefined;
}

/** The same rules for one `NAME=value` of the image config (ENV, labels). */
export function secretInVariable(name: string, value: string): string | undefined {
  const credential = credentialValue(value);
  if (credential) return credential;
  if (!secretName(name) || isPathValue(value) || PLACEHOLDER.test(value) || /^\d+$/.test(value)) return undefined;
  return 'a secret-named value';
}
