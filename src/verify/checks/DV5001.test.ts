import * as assert from 'node:assert/strict';
import { testCheck } from '../testdata/check-tester.js';
import { DV5001 } from './DV5001.js';

/** AWS's documented example credentials: credential-shaped, never valid. */
const AWS =
  '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
const KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n';

testCheck(DV5001, [
  {
    name: 'settings without secrets, a .env template, fixtures and dependencies',
    layers: [
      [
        {
          name: 'app/settings.py',
          content: 'DEBUG = False\nSECRET_KEY = os.environ["SECRET_KEY"]\nPASSWORD_MIN_LENGTH = 12\n',
        },
        { name: 'app/.env.example', content: 'DATABASE_PASSWORD=changeme\nAPI_TOKEN=\n' },
        {
          name: 'app/.npmrc',
          content: 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
        },
        { name: 'app/tests/keys/id_rsa', content: KEY },
        { name: 'usr/local/lib/python3.11/site-packages/botocore/data/x.json', content: AWS },
        { name: 'etc/nsswitch.conf', content: 'passwd:         files\ngroup:          files\n' },
      ],
    ],
    status: 'pass',
    evidence: /^none in \d+ candidate files in 2 layers$/,
  },
  {
    name: 'an AWS key written in one layer and deleted in the next is still in the image',
    layers: [
      [
        { name: 'root/.aws/', type: 'directory' },
        { name: 'root/.aws/credentials', content: AWS },
      ],
      [{ name: 'root/.aws/.wh.credentials', content: '' }],
    ],
    createdBy: [
      'base',
      '/bin/sh -c #(nop) COPY file:1234 in /root/.aws/credentials',
      '/bin/sh -c rm /root/.aws/credentials',
    ],
    status: 'fail',
    evidence: '2 in 1 file (2 only in a lower layer): an AWS access key id, an AWS secret access key; credentials',
    findings: [
      /^\/root\/\.aws\/credentials:2 holds an AWS access key id; deleted by a later layer but still in layer 2 \(COPY file:1234 in \/root\/\.aws\/credentials\)$/,
      /^\/root\/\.aws\/credentials:3 holds an AWS secret access key; deleted by a later layer but still in layer 2 \(COPY file:1234 in \/root\/\.aws\/credentials\)$/,
    ],
    more: (r, image) => {
      for (const f of r.findings) {
        assert.equal(f.location?.layer, image.layerDigests[1]);
        assert.equal(f.location?.path, 'root/.aws/credentials');
      }
      assert.equal(r.findings[0]?.location?.line, 2);
    },
  },
  {
    name: 'a key overwritten by a later layer: the old copy still counts',
    layers: [[{ name: 'app/deploy_key', content: KEY }], [{ name: 'app/deploy_key', content: 'rotated\n' }]],
    status: 'fail',
    findings: [
      /^\/app\/deploy_key:1 holds a private key; replaced by a later layer but still in layer 2 \(drydock testbed evil-layers\)$/,
    ],
  },
  {
    name: 'secrets in the final filesystem, located at the file and layer',
    layers: [
      [
        { name: 'home/appuser/.ssh/id_ed25519', content: KEY },
        { name: 'app/.npmrc', content: '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n' },
        { name: 'app/.env', content: '# prod\nDATABASE_PASSWORD=changeme\nDEBUG=0\n' },
        { name: 'root/.pypirc', content: '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJDU\n' },
        {
          name: 'app/config.py',
          content: 'STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"\nAPI_TOKEN = "f3a9c2e71b8d4a60e5f1c9b2a7d3e8f0"\n',
        },
      ],
    ],
    status: 'fail',
    findings: [
      '/app/.env:2 holds a value for DATABASE_PASSWORD',
      '/app/.npmrc:1 holds an npm token',
      '/app/config.py:1 holds a Stripe secret key',
      '/app/config.py:2 holds a high-entropy value for API_TOKEN',
      '/home/appuser/.ssh/id_ed25519:1 holds a private key',
      '/root/.pypirc:3 holds a PyPI password',
    ],
    more: (r, image) => {
      for (const f of r.findings) assert.equal(f.location?.layer, image.layerDigests[1]);
    },
  },
]);
