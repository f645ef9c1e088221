/**
 * Every message that leaves the registry client (errors, logs, hints) goes through `redact()`.
 * Two layers: secrets we know (passwords, tokens, helper output) are registered when they are
 * read and replaced wherever they appear; on top, patterns catch credentials we never saw
 * (Authorization headers, `token` JSON fields, URL user-info, pre-signed URL signatures).
 */

const known = new Set<string>();
const MASK = '***';

/** Remembers a secret so `redact()` removes it from any later text. Short values are ignored (false hits). */
export function registerSecret(value: string | undefined): void {
  if (value === undefined || value.length < 4) return;
  known.add(value);
  // Basic credentials travel base64-encoded: the encoded form of `user:secret` is registered by the caller,
  // the bare encoding of the secret is added here.
  known.add(Buffer.from(value).toString('base64'));
}

const PATTERNS: readonly [RegExp, string][] = [
  // Authorization: Bearer xxx / Basic xxx, in headers or in printed objects
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  // JSON fields from token endpoints and docker config
  [
    /("(?:token|access_token|refresh_token|identitytoken|password|secret|auth|Secret|Password)"\s*:\s*")[^"]*"/gi,
    `$1${MASK}"`,
  ],
  // user:password@ in URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${MASK}@`],
  // pre-signed blob URLs (S3, GCS, Azure, CloudFront): the signature is a bearer credential
  [
    /([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|X-Goog-Signature|Signature|sig|se|Policy|Key-Pair-Id|token|access_token|password)=)[^&\s"']+/gi,
    `$1${MASK}`,
  ],
];

export function redact(text: string): string {
  let out = text;
  // Longest first, so a secret containing another is replaced whole.
  for (const s of [...known].sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK);
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** For tests: forget registered secrets. */
export function clearSecrets(): void {
  known.clear();
}
