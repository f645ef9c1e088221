import { imageBaseName } from '../../core/image-ref.js';
import { isWindowsImage } from '../image-helpers.js';
import type { Dockerfile, Stage } from '../parse/dockerfile.js';
import { isApk, isAptLike, isDnf, isMicrodnf, isYum } from '../shell-commands.js';

/**
 * Which kind of system the final image is, as far as creating a user goes: the tools and flags
 * differ (shadow's useradd on Debian/Ubuntu/RHEL, BusyBox adduser on Alpine), distroless images
 * ship a `nonroot` user (uid 65532) and have no shell, scratch has nothing but numeric ids.
 */
export type BaseFamily =
  | { readonly kind: 'debian' | 'alpine' | 'rhel' | 'distroless' | 'scratch'; readonly evidence: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Official Docker Hub images whose default (non-alpine) variants are Debian or Ubuntu. */
const DEBIAN_BASED = new Set([
  'debian',
  'ubuntu',
  'python',
  'node',
  'ruby',
  'golang',
  'perl',
  'rust',
  'php',
  'buildpack-deps',
  'openjdk',
  'eclipse-temurin',
  'maven',
  'gradle',
  'haskell',
  'elixir',
  'erlang',
  'julia',
  'r-base',
  'gcc',
  'clojure',
  'swift',
  'dart',
  'pypy',
  'composer',
  'django',
  'wordpress',
  'drupal',
  'ghost',
  'nginx',
  'httpd',
  'tomcat',
  'jetty',
  'postgres',
  'redis',
  'mongo',
  'mariadb',
  'rabbitmq',
  'memcached',
  'neo4j',
]);

/** Red Hat family images: shadow-utils' useradd, except the minimal/micro variants that lack it. */
const RHEL_BASED = /^(ubi\d*(-\w+)?|ubi|centos|fedora|rockylinux|almalinux|oraclelinux|amazonlinux|rhel\d*)$/;

export function baseFamily(file: Dockerfile, chain: readonly Stage[]): BaseFamily {
  const root = chain.at(-1);
  if (root?.isScratch) return { kind: 'scratch', evidence: 'FROM scratch' };
  const ref = root?.ref;
  if (ref) {
    const name = imageBaseName(ref);
    const repo = ref.repository.toLowerCase();
    const tag = (ref.tag ?? '').toLowerCase();
    if (isWindowsImage(ref)) return { kind: 'unknown', reason: 'Windows images need a Windows user (ContainerUser)' };
    if (ref.registry === 'gcr.io' && repo.startsWith('distroless/')) {
      return { kind: 'distroless', evidence: 'a distroless image' };
    }
    if (ref.registry === 'cgr.dev') return { kind: 'distroless', evidence: 'a Chainguard image' };
    if (/(^|[-_.])alpine/.test(tag) || name === 'alpine' || name === 'busybox') {
      return { kind: 'alpine', evidence: `${name}${tag ? `:${tag}` : ''} is Alpine/BusyBox` };
    }
    if (RHEL_BASED.test(name) || repo.startsWith('ubi') || repo.includes('/ubi')) {
      if (/minimal|micro/.test(`${repo}:${tag}`)) {
        return { kind: 'unknown', reason: `${name} (minimal/micro) has no useradd: install shadow-utils first` };
      }
      return { kind: 'rhel', evidence: `${name} is Red Hat based` };
    }
    if (ref.registry === 'docker.io' && repo.startsWith('library/') && DEBIAN_BASED.has(name)) {
      return { kind: 'debian', evidence: `${name} is Debian/Ubuntu based` };
    }
    // .NET images are Debian by default, Ubuntu for jammy/noble tags; Mariner/Azure Linux use tdnf.
    if (ref.registry === 'mcr.microsoft.com' && repo.startsWith('dotnet/') && !/mariner|azurelinux/.test(tag)) {
      return { kind: 'debian', evidence: `${name} is Debian/Ubuntu based` };
    }
  }
  // The package manager the Dockerfile itself uses tells the family of any other base.
  for (const stage of chain) {
    for (const run of stage.instructions.filter((i) => i.keyword === 'RUN')) {
      for (const cmd of file.shell(run).commands) {
        if (isAptLike(cmd)) return { kind: 'debian', evidence: 'the Dockerfile uses apt' };
        if (isApk(cmd)) return { kind: 'alpine', evidence: 'the Dockerfile uses apk' };
        if (isMicrodnf(cmd)) {
          return { kind: 'unknown', reason: 'microdnf images have no useradd: install shadow-utils first' };
        }
        if (isYum(cmd) || isDnf(cmd)) return { kind: 'rhel', evidence: 'the Dockerfile uses yum/dnf' };
      }
    }
  }
  const image = root?.ref ? imageBaseName(root.ref) : (root?.image ?? 'the base image');
  return {
    kind: 'unknown',
    reason: `cannot tell how to create a user in ${image} (not a known Debian, Alpine, RHEL or distroless base)`,
  };
}
