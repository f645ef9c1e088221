import { join } from 'node:path';
import { manifestRuleTester } from '../../rule-tester.js';
import { checkRailwayText } from '../index.js';
import { DR1003 } from './DR1003.js';

const TESTDATA = join(import.meta.dirname, '../testdata');

manifestRuleTester(DR1003, checkRailwayText, join(TESTDATA, 'railway.toml'), {
  valid: [
    '[build]\nbuilder = "DOCKERFILE"\n',
    {
      name: 'a Dockerfile beside the config is auto-detected',
      path: join(TESTDATA, 'hardened/railway.json'),
      code: '{"deploy": {"healthcheckPath": "/"}}',
    },
  ],
  invalid: [
    {
      code: '[build]\nbuilder = "NIXPACKS"\n',
      errors: [{ line: 2, column: 1, message: 'built by NIXPACKS' }],
    },
    {
      name: 'no builder, no Dockerfile',
      path: join(TESTDATA, 'railway.json'),
      code: '{\n  "deploy": { "startCommand": "npm start" }\n}\n',
      errors: [{ line: 1, column: 1, message: 'Railway picks a buildpack' }],
    },
    {
      name: 'inline table',
      code: 'build = { builder = "RAILPACK" }\n',
      errors: [{ line: 1, column: 11, message: 'RAILPACK' }],
    },
  ],
});
