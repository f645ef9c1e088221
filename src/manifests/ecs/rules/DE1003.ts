import type { TextEdit } from '../../../core/text-edit.js';
import { joinSamePoint } from '../../compose/fixes.js';
import { coveredBy, writablePathsFor } from '../../compose/writable-paths.js';
import type { ManifestRule } from '../../rule.js';
import { asMap, spanOf, stringOf } from '../../yaml-nodes.js';
import { setAtPath } from '../fixes.js';
import { type EcsContainer, ecsBoolean, ecsPair, ecsValue, mapItems } from '../subjects.js';

/** Paths the container can write: its mount points (not read-only) and linuxParameters.tmpfs. */
function writableMounts(subject: EcsContainer): string[] {
  const out: string[] = [];
  for (const mount of mapItems(ecsValue(subject, subject.map, 'mountPoints'))) {
    const path = stringOf(ecsValue(subject, mount, 'containerPath'));
    if (path && ecsBoolean(ecsValue(subject, mount, 'readOnly')) !== true) out.push(path);
  }
  const linux = asMap(ecsValue(subject, subject.map, 'linuxParameters'));
  for (const tmpfs of mapItems(ecsValue(subject, linux, 'tmpfs'))) {
    const path = stringOf(ecsValue(subject, tmpfs, 'containerPath'));
    if (path) out.push(path);
  }
  return out;
}

/** A task volume name for `path`, unique among the task's volumes: `web-tmp`, `web-var-cache-nginx`. */
function volumeName(container: string, path: string, taken: Set<string>): string {
  const base = `${container}-${path.replace(/^\/+/, '')}`.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 250) || 'tmp';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

export const DE1003: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE1003',
    kind: 'ecs',
    title: "Read-only container has no writable /tmp (or the image's run/cache paths)",
    severity: 'low',
    why: "With readonlyRootFilesystem, writes to /tmp (and nginx's or the databases' pid/socket/cache directories) fail at runtime, which tempts people to turn it back off.",
    fix: 'Mount a task volume (`"volumes": [{"name": "web-tmp"}]`, ephemeral task storage) on each path the app writes.',
    aliases: [],
    fixable: true,
    peerNotes:
      'A volume with only a name is task-scoped ephemeral storage on Fargate and a Docker-managed directory on EC2: both are writable and disappear with the task. In a bare array of container definitions there is no task to add the volume to, so the finding has no fix there.',
    example: {
      bad: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "app:1.0", "readonlyRootFilesystem": true }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1.0",\n      "readonlyRootFilesystem": true,\n      "mountPoints": [{ "sourceVolume": "web-tmp", "containerPath": "/tmp" }]\n    }\n  ],\n  "volumes": [{ "name": "web-tmp" }]\n}',
    },
  },
  check({ subject, report }) {
    const pair = ecsPair(subject, subject.map, 'readonlyRootFilesystem');
    if (!pair || ecsBoolean(pair.value) !== true) return;
    const image = stringOf(ecsValue(subject, subject.map, 'image'));
    const mounts = writableMounts(subject);
    const missing = writablePathsFor(image).filter((p) => !coveredBy(p, mounts));
    if (missing.length === 0) return;
    const message = `container "${subject.name}" has a read-only root filesystem but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not writable`;
    if (!subject.task) {
      report({ message: `${message}: add a task volume and a mount point`, span: spanOf(pair) });
      return;
    }
    const taken = new Set(
      mapItems(ecsValue(subject, subject.task, 'volumes')).flatMap((v) => {
        const n = stringOf(ecsValue(subject, v, 'name'));
        return n ? [n] : [];
      }),
    );
    const safeName = subject.name.replace(/^#/, 'container');
    const names = missing.map((p) => volumeName(safeName, p, taken));
    const edits: TextEdit[] = joinSamePoint([
      setAtPath(
        subject,
        subject.map,
        ['mountPoints'],
        missing.map((p, i) => ({ sourceVolume: names[i] ?? '', containerPath: p })),
      ),
      setAtPath(
        subject,
        subject.task,
        ['volumes'],
        names.map((name) => ({ name })),
      ),
    ]);
    report({
      message,
      span: spanOf(pair),
      fix: { description: `mount task volumes on ${missing.join(', ')}`, edits },
    });
  },
};
