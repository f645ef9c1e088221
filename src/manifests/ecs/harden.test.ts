import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { hardenEcs } from './harden.js';

const EXAMPLE = join(import.meta.dirname, '../../../examples/migrate-platform/ecs/task-definition.json');

type Json = Record<string, unknown>;

describe('hardenEcs', () => {
  it('adds the guide block to the example task definition, as JSON in its own indentation', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const result = hardenEcs(text, 'task-definition.json');
    const task = JSON.parse(result.text) as Json;
    const container = (task.containerDefinitions as Json[])[0] ?? {};
    // The guide's block, verbatim, plus init and a writable /tmp on a task volume.
    assert.equal(container.readonlyRootFilesystem, true);
    assert.equal(container.user, '1000');
    assert.deepEqual(container.linuxParameters, { capabilities: { drop: ['ALL'] }, initProcessEnabled: true });
    assert.deepEqual(container.mountPoints, [{ sourceVolume: 'web-tmp', containerPath: '/tmp' }]);
    assert.deepEqual(task.volumes, [{ name: 'web-tmp' }]);
    // Untouched lines stay byte for byte, including the one-line portMappings.
    assert.ok(result.text.includes('      "portMappings": [{ "containerPort": 8000, "protocol": "tcp" }],\n'));
    assert.ok(result.text.includes('      "readonlyRootFilesystem": true,\n      "user": "1000",\n'));
    assert.ok(result.changes.some((c) => c.ruleId === 'DE1003' && c.description === 'mount task volumes on /tmp'));
    assert.deepEqual(result.remaining.map((f) => f.ruleId).sort(), ['DE4001', 'DE5001']);
  });

  it('hardens a CloudFormation YAML template in PascalCase, keeping tags and comments', () => {
    const text = [
      'Resources:',
      '  Task:  # the API task',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      ContainerDefinitions:',
      '        - Name: api',
      '          Image: !Sub "${AWS::AccountId}.dkr.ecr.us-east-1.amazonaws.com/api:1"',
      '          Privileged: true',
      '',
    ].join('\n');
    const result = hardenEcs(text, 'template.yaml');
    assert.ok(result.text.startsWith('Resources:\n  Task:  # the API task\n'));
    assert.ok(result.text.includes('          Image: !Sub "${AWS::AccountId}'));
    const props = (parse(result.text, { logLevel: 'silent' }) as { Resources: { Task: { Properties: Json } } })
      .Resources.Task.Properties;
    const container = (props.ContainerDefinitions as Json[])[0] ?? {};
    assert.equal(container.Privileged, false);
    assert.equal(container.ReadonlyRootFilesystem, true);
    assert.equal(container.User, '1000');
    assert.deepEqual(container.LinuxParameters, { Capabilities: { Drop: ['ALL'] }, InitProcessEnabled: true });
    assert.deepEqual(container.MountPoints, [{ SourceVolume: 'api-tmp', ContainerPath: '/tmp' }]);
    assert.deepEqual(props.Volumes, [{ Name: 'api-tmp' }]);
  });

  it('keeps tab indentation', () => {
    const text = '{\n\t"containerDefinitions": [\n\t\t{\n\t\t\t"name": "web",\n\t\t\t"image": "app:1"\n\t\t}\n\t]\n}\n';
    const result = hardenEcs(text, 'td.json');
    assert.ok(JSON.parse(result.text));
    for (const line of result.text.split('\n')) assert.doesNotMatch(line, /^ +/, `space-indented line: ${line}`);
  });

  it('never rewrites a file that does not parse', () => {
    const text = '{"containerDefinitions": [{"name": "web",}]\n';
    const result = hardenEcs(text, 'td.json');
    assert.equal(result.text, text);
    assert.ok(result.errors.length > 0);
  });
});
