import { join } from 'node:path';
import { manifestRuleTester } from '../../rule-tester.js';
import { checkRailwayText } from '../index.js';
import { DR1002 } from './DR1002.js';

const TESTDATA = join(import.meta.dirname, '../testdata');

manifestRuleTester(DR1002, checkRailwayText, join(TESTDATA, 'hardened/railway.toml'), {
  valid: [
    {
      name: 'lint-clean at high (a low HEALTHCHECK finding does not count)',
      code: '[build]\nbuilder = "DOCKERFILE"\n',
    },
    { name: 'auto-detected Dockerfile', code: '[deploy]\nhealthcheckPath = "/health"\n' },
    {
      name: 'missing Dockerfile is DR1001',
      path: join(TESTDATA, 'railway.toml'),
      code: '[build]\nbuilder = "DOCKERFILE"\n',
    },
  ],
  invalid: [
    {
      path: join(TESTDATA, 'unhardened/railway.toml'),
      code: '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile"\n',
      errors: [
        {
          line: 3,
          column: 1,
          message:
            /has 2 findings at high or above \(DD2002 line 1, DD6001 line 2\): run drydock lint .*unhardened\/Dockerfile$/,
        },
      ],
    },
    {
      name: 'from the parent directory, JSON',
      path: join(TESTDATA, 'railway.json'),
      code: '{"build": {"builder": "DOCKERFILE", "dockerfilePath": "unhardened/Dockerfile"}}',
      errors: [{ line: 1, column: 37, message: 'unhardened/Dockerfile has 2 findings' }],
    },
  ],
});
