import type { Span } from '../core/location.js';
import type { Dockerfile, Instruction } from './parse/dockerfile.js';
import { toFileSpan } from './parse/logical-text.js';

/**
 * What secrets look like in a Dockerfile, shared by DD6001 (ARG/ENV) and DD6002 (copied files):
 * variable names, credential-shaped values and file names. Values are only classified, never
 * returned in messages.
 */

export interface Declaration {
  readonly name: string;
  /** After quote removal; undefined for `ARG NAME` without a default. */
  readonly value: string | undefined;
  /** The whole `NAME=value` (or `NAME value`) text. */
  readonly span: Span;
}

/**
 * The variables an ARG or ENV declares. The Dockerfile model splits words on blanks even inside
 * quotes (`ENV A="x y"` → two words), so this reads the instruction's logical text itself.
 */
export function declarations(instr: Instruction, file: Dockerfile): Declaration[] {
  const logical = file.logicalArgs(instr);
  const text = logical.text;
  const words = splitWords(text);
  const out: Declaration[] = [];
  const first = words[0];
  if (!first) return out;
  const span = (s: Span): Span => toFileSpan(logical, s);
  // Legacy `ENV NAME value with blanks`: the first word has no `=`.
  if (instr.keyword === 'ENV' && !first.value.includes('=')) {
    const last = words.at(-1) ?? first;
    const rest = words.length > 1 ? text.slice(words[1]?.start ?? first.end, last.end).trim() : '';
    out.push({ name: first.value, value: unquote(rest), span: span({ start: first.start, end: last.end }) });
    return out;
  }
  for (const w of words) {
    const eq = w.value.indexOf('=');
    const name = eq === -1 ? w.value : w.value.slice(0, eq);
    const value = eq === -1 ? undefined : unquote(w.value.slice(eq + 1));
    out.push({ name, value, span: span({ start: w.start, end: w.end }) });
  }
  return out;
}

interface RawWord {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Splits on blanks outside quotes; keeps quotes in the word (`A="x y"`). */
function splitWords(text: string): RawWord[] {
  const words: RawWord[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | undefined;
    while (i < text.length) {
      const c = text[i] ?? '';
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '\\') i++;
      else if (/\s/.test(c)) break;
      i++;
    }
    words.push({ value: text.slice(start, i), start, end: i });
  }
  return words;
}

/** Removes one level of quotes anywhere in the value: `"a b"`, `'x'`, `pre"fix"`. */
function unquote(value: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < value.length) out += value[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < value.length) out += value[++i];
    else out += c;
  }
  return out;
}

/** Trivy DS031's exact list (with its VITE_/REACT_APP_ prefixes), kept so both tools agree. */
const TRIVY_SECRET_NAMES = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'GITHUB_TOKEN',
  'OPENAI_API_KEY',
  'HF_TOKEN',
]);

/** Name parts that mean "this holds a secret", matched between `_` boundaries. */
const SECRET_PART =
  /(^|_)(PASSWORD|PASSWD|PASS|PASSPHRASE|SECRET|SECRETS|TOKEN|AUTH_?TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SECRET_?KEY|CLIENT_SECRET|CREDENTIALS?|AUTH)(_|$)/;

/**
 * Suffixes that name something about a secret, not the secret: where it lives (`_FILE`, `_PATH`,
 * `_DIR`), its shape (`_LENGTH`), where to get one (`_URL`, `_ENDPOINT`) or what it is called.
 */
const NOT_SECRET_SUFFIX =
  /_(FILE|FILES|PATH|DIR|LENGTH|LEN|MIN_LENGTH|URL|URI|ENDPOINT|HOST|PORT|NAME|ID_NAME|TTL|EXPIRY|EXPIRES|TIMEOUT|HEADER|TYPE|ALGORITHM|ENABLED|POLICY|REGION)$/;

/** The variable name suggests it holds a secret. */
export function secretName(name: string): boolean {
  const upper = name.toUpperCase();
  const bare = upper.replace(/^(VITE_|REACT_APP_|NEXT_PUBLIC_)/, '');
  if (TRIVY_SECRET_NAMES.has(bare)) return true;
  // PWD/OLDPWD are the shell's working directories.
  if (upper === 'PWD' || upper === 'OLDPWD') return false;
  if (NOT_SECRET_SUFFIX.test(upper)) return false;
  return SECRET_PART.test(upper);
}

/** Credential shapes worth flagging whatever the variable is called. */
const CREDENTIAL_VALUES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/ },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'a Stripe secret key', pattern: /\b[sr]k_live_[0-9A-Za-z]{16,}/ },
  { what: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  // scheme://user:password@host, where the password is written out (not `$DB_PASSWORD`).
  { what: 'a URL with a password', pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:(?!\$)[^\s/@]+@/i },
];

/** What kind of credential a value holds, or undefined. */
export function credentialValue(value: string): string | undefined {
  return CREDENTIAL_VALUES.find((c) => c.pattern.test(value))?.what;
}

/** A value that points at a secret rather than holding one (`/run/secrets/db`, `./key.json`). */
export function isPathValue(value: string): boolean {
  return /^(\/|\.\.?\/|~\/|\$\{?HOME\}?\/)/.test(value);
}

/** Trivy DS031: variables whose value is the path of a credentials file. */
export const SECRET_FILE_VARIABLES: ReadonlySet<string> = new Set([
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'HF_TOKEN_PATH',
  'GOOGLE_APPLICATION_CREDENTIALS',
]);

/**
 * File names that hold credentials. Certificates (`cert.pem`, `ca-bundle.pem`, `*.crt`) are
 * public and pass; `.env.example`-style templates pass too.
 */
export function secretFileKind(path: string): string | undefined {
  const clean = path.replace(/\/+$/, '');
  const base = (clean.split('/').at(-1) ?? clean).toLowerCase();
  const lower = clean.toLowerCase();
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(base)) return 'an SSH private key';
  if (/(^|\/)\.aws\/credentials$/.test(lower)) return 'AWS credentials';
  if (/(^|\/)\.docker\/config\.json$/.test(lower)) return 'Docker registry credentials';
  if (/(^|\/)\.kube\/config$/.test(lower) || /^kubeconfig(\.ya?ml)?$/.test(base)) return 'a kubeconfig';
  if (/^\.env(\.[a-z0-9_-]+)?$/.test(base) && !/\.(example|sample|template|dist|defaults?)$/.test(base)) {
    return 'a .env file';
  }
  const named: Record<string, string> = {
    '.npmrc': 'npm credentials',
    '.pypirc': 'PyPI credentials',
    '.netrc': 'netrc credentials',
    '.git-credentials': 'git credentials',
    '.pgpass': 'PostgreSQL passwords',
    '.htpasswd': 'password hashes',
    'credentials.json': 'a credentials file',
  };
  if (named[base]) return named[base];
  if (/\.(p12|pfx|jks|keystore)$/.test(base)) return 'a key store';
  if (/\.key$/.test(base)) return 'a private key';
  if (/\.pem$/.test(base) && !/cert|chain|bundle|pub|(^|[^a-z])ca([^a-z]|$)/.test(base)) {
    return 'a PEM key';
  }
  return undefined;
}
