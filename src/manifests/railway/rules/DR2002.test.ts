import { join } from 'node:path';
import { manifestRuleTester } from '../../rule-tester.js';
import { checkRailwayText } from '../index.js';
import { DR2002 } from './DR2002.js';

const CONFIG = join(import.meta.dirname, '../testdata/hardened/railway.toml');

manifestRuleTester(DR2002, checkRailwayText, CONFIG, {
  valid: [
    '[deploy]\nrestartPolicyType = "ON_FAILURE"\nrestartPolicyMaxRetries = 5\n',
    '[deploy]\nrestartPolicyType = "always"\n',
    '[deploy]\nhealthcheckPath = "/"\n',
  ],
  invalid: [
    {
      code: '[deploy]\nhealthcheckPath = "/"\nrestartPolicyType = "NEVER"\n',
      errors: [{ line: 3, column: 1, message: 'restartPolicyType is NEVER' }],
    },
    {
      path: CONFIG.replace(/toml$/, 'json'),
      code: '{"deploy": {"restartPolicyType": "ON_FAILURE", "restartPolicyMaxRetries": 0}}',
      errors: [{ line: 1, column: 48, message: 'restartPolicyMaxRetries is 0' }],
    },
  ],
});
