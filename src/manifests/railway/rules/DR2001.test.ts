import { join } from 'node:path';
import { manifestRuleTester } from '../../rule-tester.js';
import { checkRailwayText } from '../index.js';
import { DR2001 } from './DR2001.js';

const CONFIG = join(import.meta.dirname, '../testdata/hardened/railway.toml');

manifestRuleTester(DR2001, checkRailwayText, CONFIG, {
  valid: [
    '[deploy]\nhealthcheckPath = "/health"\nhealthcheckTimeout = 100\n',
    { path: CONFIG.replace(/toml$/, 'json'), code: '{"deploy": {"healthcheckPath": "/ready"}}' },
  ],
  invalid: [
    {
      code: '[build]\nbuilder = "DOCKERFILE"\n\n[deploy]\nstartCommand = "gunicorn app.wsgi"\n',
      errors: [{ line: 4, column: 1, message: 'no deploy.healthcheckPath' }],
    },
    {
      path: CONFIG.replace(/toml$/, 'json'),
      code: '{\n  "deploy": {\n    "healthcheckPath": ""\n  }\n}\n',
      errors: [{ line: 3, column: 5, message: 'deploy.healthcheckPath is empty' }],
    },
    {
      name: 'no deploy section at all',
      code: '# Railway config\n[build]\nbuilder = "DOCKERFILE"\n',
      errors: [{ line: 1, column: 1 }],
    },
  ],
});
