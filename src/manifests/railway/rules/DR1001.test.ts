import { join } from 'node:path';
import { manifestRuleTester } from '../../rule-tester.js';
import { checkRailwayText } from '../index.js';
import { DR1001 } from './DR1001.js';

const HARDENED = join(import.meta.dirname, '../testdata/hardened');

manifestRuleTester(DR1001, checkRailwayText, join(HARDENED, 'railway.toml'), {
  valid: [
    '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile"\n',
    '[build]\nbuilder = "dockerfile"\n',
    {
      path: join(HARDENED, 'railway.json'),
      code: '{"build": {"builder": "DOCKERFILE", "dockerfilePath": "./Dockerfile"}}',
    },
    { name: 'not a Dockerfile build', code: '[build]\nbuilder = "NIXPACKS"\n' },
  ],
  invalid: [
    {
      code: '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile.prod"  # typo\n',
      errors: [{ line: 3, column: 1, message: 'points at Dockerfile.prod, which does not exist' }],
    },
    {
      name: 'JSON, path relative to the config directory',
      path: join(HARDENED, 'railway.json'),
      code: '{\n  "$schema": "https://railway.com/railway.schema.json",\n  "build": {\n    "builder": "DOCKERFILE",\n    "dockerfilePath": "../Dockerfile"\n  }\n}\n',
      errors: [{ line: 5, column: 5, message: 'points at ../Dockerfile' }],
    },
    {
      name: 'the default Dockerfile is missing',
      path: join(HARDENED, '..', 'railway.toml'),
      code: 'build.builder = "DOCKERFILE"\n',
      errors: [{ line: 1, column: 1, message: 'points at Dockerfile, which does not exist' }],
    },
  ],
});
