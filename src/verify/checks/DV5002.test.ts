import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { GOOD_CONFIG, testCheck } from '../testdata/check-tester.js';
import { buildArgs, DV5002 } from './DV5002.js';

const env = GOOD_CONFIG.Env as string[];

testCheck(DV5002, [
  {
    name: 'paths, empty values, versions and GPG key ids are not secrets',
    config: {
      Env: [
        ...env,
        'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
        'DB_PASSWORD_FILE=/run/secrets/db',
        'API_TOKEN=',
        'PYTHON_VERSION=3.11.9',
      ],
      Labels: { 'org.opencontainers.image.source': 'https://github.com/acme/app' },
    },
    createdBy: ['|1 PIP_INDEX_URL=https://pypi.org/simple /bin/sh -c pip install -r requirements.txt'],
    status: 'pass',
    evidence: 'none in 5 ENV, 1 labels, 1 history steps',
  },
  {
    name: 'the unhardened example: ENV DATABASE_PASSWORD and a leaked build argument',
    config: { Env: [...env, 'DATABASE_PASSWORD=changeme', 'APP_HOME=/srv/app'] },
    createdBy: [
      '/bin/sh -c #(nop)  ENV DATABASE_PASSWORD=changeme APP_HOME=/srv/app',
      '|1 PIP_INDEX_TOKEN=pypi-AgEIcHlwaS5vcmc /bin/sh -c pip install -r requirements.txt',
    ],
    layers: [[]],
    status: 'fail',
    findings: [
      'ENV DATABASE_PASSWORD holds a secret-named value',
      'build argument PIP_INDEX_TOKEN holds a secret-named value, kept in the history of step 2',
    ],
    more: (r) => {
      assert.deepEqual(
        r.findings.map((f) => f.field),
        ['config.Env[1]', 'history[1].created_by'],
      );
      // The values themselves are never repeated.
      assert.ok(!JSON.stringify(r).includes('changeme') && !JSON.stringify(r).includes('pypi-AgEI'));
    },
  },
  {
    name: 'a credential-shaped value under any name, in a label or a RUN line',
    config: { Labels: { maintainer: 'ops', 'deploy.key': 'AKIAIOSFODNN7EXAMPLE' } },
    createdBy: [
      '/bin/sh -c curl -H "Authorization: token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB" https://api.github.com',
    ],
    status: 'fail',
    findings: ['LABEL deploy.key holds an AWS access key id', 'step 1 of the history holds a GitHub token'],
  },
]);

it('reads the build arguments Docker and buildah put in front of a RUN', () => {
  assert.deepEqual(buildArgs('|2 A=1 B= /bin/sh -c make'), [
    { name: 'A', value: '1' },
    { name: 'B', value: '' },
  ]);
  assert.deepEqual(buildArgs('/bin/sh -c make'), []);
});
