import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findReferences } from './find-references.js';
import type { FileReferences } from './image-reference.js';
import { planPin, planUpdate } from './plan.js';
import type { DigestResolver } from './resolver.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;

/** A registry stand-in for the planner: tag → digest (the resolver is the planner's input, not under test). */
function table(entries: Record<string, string>): DigestResolver & { asked: string[] } {
  const asked: string[] = [];
  const fn = async (reference: string) => {
    asked.push(reference);
    const bare = reference.replace(/@sha256:[a-f0-9]{64}$/, '');
    const key = bare.slice(bare.lastIndexOf('/') + 1).includes(':') ? bare : `${bare}:latest`;
    const digest = entries[key];
    if (!digest) throw new Error(`unknown ${key}`);
    return digest;
  };
  return Object.assign(fn, { asked });
}

function refs(path: string, text: string): FileReferences {
  const found = findReferences(path, text);
  assert.ok(found, `${path} not recognised`);
  for (const r of found.references) {
    if (!r.skip)
      assert.equal(text.slice(r.span.start, r.span.end), r.written, `${r.field}: span holds the written text`);
  }
  return found;
}

async function pinned(path: string, text: string, digests: Record<string, string>): Promise<string> {
  const plan = await planPin([refs(path, text)], { resolve: table(digests) });
  assert.deepEqual(plan.errors, []);
  return plan.files[0]?.after ?? '';
}

describe('image reference finders', () => {
  it('Dockerfile: FROM, ARG defaults (once for two FROMs), COPY --from, RUN --mount from, stages and scratch left out', async () => {
    const text = [
      'ARG BASE=python:3.11-slim-bookworm',
      'ARG REGISTRY=ghcr.io/acme',
      'ARG TAG',
      'FROM ${BASE} AS build',
      'COPY --from=busybox:1.36 /bin/busybox /bin/',
      'RUN --mount=type=bind,from=alpine:3.19,target=/a true',
      'FROM ${REGISTRY}/tools:2 AS tools',
      'FROM build AS test',
      'FROM scratch AS empty',
      'FROM node:${TAG} AS unknown',
      'FROM "quoted:1" AS q',
      'FROM ${BASE}',
      'COPY --from=tools /x /x',
      '',
    ].join('\n');
    const found = refs('Dockerfile', text);
    assert.deepEqual(
      found.references.map((r) => [r.location.line, r.field, r.image, r.via ?? '', r.skip ? 'skip' : 'pin']),
      [
        [4, 'FROM (stage build)', 'python:3.11-slim-bookworm', 'ARG BASE (line 1)', 'pin'],
        [5, 'COPY --from', 'busybox:1.36', '', 'pin'],
        [6, 'RUN --mount from', 'alpine:3.19', '', 'pin'],
        [7, 'FROM (stage tools)', 'ghcr.io/acme/tools:2', '', 'pin'],
        [10, 'FROM (stage unknown)', 'node:${TAG}', '', 'skip'],
        [11, 'FROM (stage q)', '"quoted:1"', '', 'skip'],
        [12, 'FROM', 'python:3.11-slim-bookworm', 'ARG BASE (line 1)', 'pin'],
      ],
    );
    const out = await pinned('Dockerfile', text, {
      'python:3.11-slim-bookworm': d('a'),
      'busybox:1.36': d('b'),
      'alpine:3.19': d('c'),
      'ghcr.io/acme/tools:2': d('e'),
    });
    assert.equal(
      out,
      text
        .replace('BASE=python:3.11-slim-bookworm', `BASE=python:3.11-slim-bookworm@${d('a')}`)
        .replace('--from=busybox:1.36 ', `--from=busybox:1.36@${d('b')} `)
        .replace('from=alpine:3.19,', `from=alpine:3.19@${d('c')},`)
        .replace('${REGISTRY}/tools:2 ', `\${REGISTRY}/tools:2@${d('e')} `),
    );
  });

  it('Dockerfile: an ARG default that is quoted is rewritten inside its quotes; a tag-less image gets :latest', async () => {
    const text = 'ARG BASE="debian"\nFROM $BASE\nFROM alpine\n';
    const out = await pinned('Dockerfile', text, { 'debian:latest': d('1'), 'alpine:latest': d('2') });
    assert.equal(out, `ARG BASE="debian:latest@${d('1')}"\nFROM $BASE\nFROM alpine:latest@${d('2')}\n`);
  });

  it('Compose: image of services without build; quotes and comments kept; ${VAR} reported, not rewritten', async () => {
    const text = [
      'services:',
      '  app:',
      '    build: .',
      '    image: acme/app:dev',
      '  redis:',
      '    image: "redis:7-alpine" # cache',
      "  db: {image: 'postgres:16'}",
      '  web:',
      '    image: ${WEB_IMAGE:-nginx:1.27}',
      '',
    ].join('\n');
    const found = refs('compose.yaml', text);
    assert.equal(found.kind, 'compose');
    assert.deepEqual(
      found.references.map((r) => [r.field, r.image, r.skip === undefined]),
      [
        ['services.redis.image', 'redis:7-alpine', true],
        ['services.db.image', 'postgres:16', true],
        ['services.web.image', '${WEB_IMAGE:-nginx:1.27}', false],
      ],
    );
    const out = await pinned('compose.yaml', text, { 'redis:7-alpine': d('a'), 'postgres:16': d('b') });
    assert.equal(
      out,
      text
        .replace('"redis:7-alpine"', `"redis:7-alpine@${d('a')}"`)
        .replace("'postgres:16'", `'postgres:16@${d('b')}'`),
    );
  });

  it('Kubernetes: containers, initContainers, ephemeralContainers in every document and workload shape', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers: [{name: a, image: nginx:1.27}]',
      '  ephemeralContainers:',
      '    - name: dbg',
      '      image: busybox:1.36',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: nightly',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          initContainers:',
      '            - name: init',
      '              image: "alpine:3.19"',
      '          containers:',
      '            - name: job',
      '              image: "{{ .Values.image }}"',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: c}',
      'data: {image: "not:an-image-field"}',
      '',
    ].join('\n');
    const found = refs('deploy.yaml', text);
    assert.equal(found.kind, 'kubernetes');
    assert.deepEqual(
      found.references.map((r) => [r.location.line, r.field, r.skip === undefined]),
      [
        [5, 'Pod/p spec.containers[0].image', true],
        [8, 'Pod/p spec.ephemeralContainers[0].image', true],
        [21, 'CronJob/nightly spec.jobTemplate.spec.template.spec.initContainers[0].image', true],
        [24, 'CronJob/nightly spec.jobTemplate.spec.template.spec.containers[0].image', false],
      ],
    );
    const out = await pinned('deploy.yaml', text, {
      'nginx:1.27': d('1'),
      'busybox:1.36': d('2'),
      'alpine:3.19': d('3'),
    });
    assert.equal(
      out,
      text
        .replace('image: nginx:1.27}', `image: nginx:1.27@${d('1')}}`)
        .replace('image: busybox:1.36', `image: busybox:1.36@${d('2')}`)
        .replace('"alpine:3.19"', `"alpine:3.19@${d('3')}"`),
    );
  });

  it('ECS: task definition JSON (also describe-task-definition output) and CloudFormation, functions reported', async () => {
    const api =
      '{\n  "family": "web",\n  "containerDefinitions": [\n    {"name": "web", "image": "nginx:1.27"},\n    {"name": "log", "image": "amazon/aws-for-fluent-bit:2.32.0"}\n  ]\n}\n';
    const described = `{"taskDefinition": ${api}}`;
    const cfn = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Image: public.ecr.aws/docker/library/python:3.12-slim',
      '        - Name: sidecar',
      "          Image: !Sub '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/side:1'",
      '',
    ].join('\n');
    for (const [path, text] of [
      ['task.json', api],
      ['described.json', described],
    ] as const) {
      const out = await pinned(path, text, { 'nginx:1.27': d('1'), 'amazon/aws-for-fluent-bit:2.32.0': d('2') });
      assert.equal(
        out,
        text
          .replace('"nginx:1.27"', `"nginx:1.27@${d('1')}"`)
          .replace('fluent-bit:2.32.0"', `fluent-bit:2.32.0@${d('2')}"`),
      );
    }
    const found = refs('stack.yaml', cfn);
    assert.equal(found.kind, 'ecs');
    assert.deepEqual(
      found.references.map((r) => [r.field, r.skip ?? 'pin']),
      [
        ['Resources.Task.Properties.ContainerDefinitions[0] (app).Image', 'pin'],
        ['Resources.Task.Properties.ContainerDefinitions[1] (sidecar).Image', 'a !Sub value, computed when deployed'],
      ],
    );
  });

  it('GitHub Actions: container, services and docker:// steps; expressions reported', async () => {
    const text = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    container: node:20-bookworm',
      '    services:',
      '      pg:',
      '        image: postgres:16',
      '      cache: redis:7',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: docker://alpine:3.19',
      '  matrix:',
      '    runs-on: ubuntu-latest',
      '    container:',
      '      image: ${{ matrix.image }}',
      '    steps: [{run: "true"}]',
      '',
    ].join('\n');
    const found = refs('.github/workflows/ci.yml', text);
    assert.equal(found.kind, 'github-actions');
    assert.deepEqual(
      found.references.map((r) => [r.field, r.image, r.skip === undefined]),
      [
        ['jobs.test.container', 'node:20-bookworm', true],
        ['jobs.test.services.pg.image', 'postgres:16', true],
        ['jobs.test.services.cache', 'redis:7', true],
        ['jobs.test.steps[1].uses', 'alpine:3.19', true],
        ['jobs.matrix.container.image', '${{ matrix.image }}', false],
      ],
    );
    const out = await pinned('.github/workflows/ci.yml', text, {
      'node:20-bookworm': d('1'),
      'postgres:16': d('2'),
      'redis:7': d('3'),
      'alpine:3.19': d('4'),
    });
    assert.match(out, new RegExp(`uses: docker://alpine:3\\.19@${d('4')}\n`));
    assert.match(out, /uses: actions\/checkout@v4\n/);
  });

  it('GitLab CI: image and services at top level, in default and in jobs', () => {
    const text = [
      'image: node:20',
      'default:',
      '  services: [postgres:16]',
      'variables: {IMG: "x"}',
      'test:',
      '  image: {name: "python:3.12", entrypoint: [""]}',
      '  services:',
      '    - name: redis:7',
      '    - $CI_REGISTRY_IMAGE/db:1',
      '  script: [true]',
      '',
    ].join('\n');
    const found = refs('.gitlab-ci.yml', text);
    assert.deepEqual(
      found.references.map((r) => [r.field, r.image, r.skip === undefined]),
      [
        ['image', 'node:20', true],
        ['default.services[0]', 'postgres:16', true],
        ['test.image.name', 'python:3.12', true],
        ['test.services[0].name', 'redis:7', true],
        ['test.services[1]', '$CI_REGISTRY_IMAGE/db:1', false],
      ],
    );
  });

  it('unknown YAML/JSON is not a reference file', () => {
    assert.equal(findReferences('package.json', '{"name": "x", "version": "1.0.0"}'), undefined);
    assert.equal(findReferences('values.yaml', 'replicas: 2\n'), undefined);
  });
});

describe('planUpdate', () => {
  // The guide's workflow ran `sed -i "s|@sha256:[a-f0-9]*|@${DIGEST}|g" Dockerfile*`: every digest in the file became python's.
  it('moves only the reference whose tag moved: the other base keeps its digest (the seed sed bug)', async () => {
    const text = [
      `FROM python:3.11-slim-bookworm@${d('a')} AS build`,
      'RUN pip wheel -w /w .',
      `FROM gcr.io/distroless/python3-debian12:nonroot@${d('b')}`,
      'COPY --from=build /w /w',
      '',
    ].join('\n');
    const resolve = table({
      'python:3.11-slim-bookworm': d('c'),
      'gcr.io/distroless/python3-debian12:nonroot': d('b'),
    });
    const plan = await planUpdate([refs('Dockerfile', text)], { resolve });
    assert.equal(plan.files[0]?.after, text.replace(d('a'), d('c')));
    assert.deepEqual(
      plan.files[0]?.outcomes.map((o) => [o.status, o.oldDigest, o.digest]),
      [
        ['updated', d('a'), d('c')],
        ['current', d('b'), d('b')],
      ],
    );
    // What the guide's sed would have produced, for contrast: both digests replaced.
    const sed = text.replace(/@sha256:[a-f0-9]*/g, `@${d('c')}`);
    assert.notEqual(sed, plan.files[0]?.after);
  });

  it('moves every reference of a moved tag, in every file, and leaves unpinned references alone', async () => {
    const docker = `FROM redis:7@${d('1')}\nFROM redis:7@${d('1')} AS again\nFROM nginx:1.27\n`;
    const compose = `services:\n  r:\n    image: docker.io/library/redis:7@${d('1')}\n`;
    const resolve = table({ 'redis:7': d('2'), 'docker.io/library/redis:7': d('2') });
    const plan = await planUpdate([refs('Dockerfile', docker), refs('compose.yml', compose)], { resolve });
    assert.equal(plan.files[0]?.after, docker.replaceAll(d('1'), d('2')));
    assert.equal(plan.files[1]?.after, compose.replace(d('1'), d('2')));
    assert.equal(plan.files[0]?.outcomes[2]?.status, 'unpinned');
  });

  it('a failure is one located error naming the reference; the plan still lists every outcome', async () => {
    const text = 'FROM redis:7\n\nFROM missing:1\n';
    const plan = await planPin([refs('Dockerfile', text)], { resolve: table({ 'redis:7': d('1') }) });
    assert.equal(plan.errors.length, 1);
    assert.equal(plan.errors[0]?.toLine(), 'error: Dockerfile:3:6: missing:1: unknown missing:1');
    assert.deepEqual(
      plan.files[0]?.outcomes.map((o) => o.status),
      ['pinned', 'failed'],
    );
  });
});
