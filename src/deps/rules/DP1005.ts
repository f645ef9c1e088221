import type { DepsRule } from '../rule.js';

/** Loopback indexes (a local devpi, a test registry) never cross a network. */
function isLoopback(url: string): boolean {
  const host = /^[a-z+]+:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

function plainHttp(url: string): boolean {
  return /^(git\+|hg\+|svn\+|bzr\+)?http:\/\//i.test(url) && !isLoopback(url);
}

/** Packages fetched without TLS, or with its checks turned off, can be swapped by anyone on the path. */
export const DP1005: DepsRule = {
  meta: {
    id: 'DP1005',
    title: 'Packages downloaded without TLS',
    severity: 'medium',
    why: 'A plain-HTTP index or download URL, `--trusted-host`, or `verify_ssl = false` lets anyone on the network path serve a different package.',
    fix: 'Use https:// for every index and URL, fix the certificate instead of trusting the host, and pin hashes.',
    aliases: [],
    example: { bad: '--index-url http://pypi.internal/simple', good: '--index-url https://pypi.internal/simple' },
  },
  check(ctx) {
    for (const setting of ctx.manifest.indexes) {
      if (setting.option === '--trusted-host') {
        ctx.report({
          message: `--trusted-host ${setting.value} turns off TLS verification for that host`,
          span: setting.span,
        });
      } else if (setting.option === 'verify_ssl') {
        ctx.report({
          message: `verify_ssl is false for ${setting.value}: certificates are not checked`,
          span: setting.span,
        });
      } else if (plainHttp(setting.value)) {
        const what = setting.option === 'resolved' ? 'was downloaded' : 'is fetched';
        ctx.report({ message: `${setting.value} ${what} over plain HTTP (${setting.option})`, span: setting.span });
      }
    }
    for (const d of ctx.manifest.dependencies) {
      const url = d.source.type === 'url' || d.source.type === 'vcs' ? d.source.url : undefined;
      if (url !== undefined && plainHttp(url)) {
        ctx.report({ message: `${d.name} is downloaded over plain HTTP (${url})`, span: d.span });
      }
    }
  },
};
