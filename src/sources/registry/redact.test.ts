import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearSecrets, redact, registerSecret } from './redact.js';

describe('redact', () => {
  it('removes registered secrets and their base64 form anywhere', () => {
    clearSecrets();
    registerSecret('hunter2-password');
    const b64 = Buffer.from('hunter2-password').toString('base64');
    const out = redact(`failed with hunter2-password and ${b64}`);
    assert.ok(!out.includes('hunter2-password'));
    assert.ok(!out.includes(b64));
    clearSecrets();
  });
  it('masks Authorization values, token JSON fields, URL user-info and pre-signed URL signatures', () => {
    const out = redact(
      [
        'Authorization: Bearer eyJhbGciOi.J9.abc',
        'authorization: Basic dXNlcjpwYXNz',
        '{"token":"tok123","access_token":"acc456","expires_in":60}',
        'https://user:pa55@registry.example/v2/',
        'https://s3.example/blob?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA/x&other=1',
      ].join('\n'),
    );
    for (const secret of ['eyJhbGciOi', 'dXNlcjpwYXNz', 'tok123', 'acc456', 'pa55', 'deadbeef', 'AKIA']) {
      assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
    }
    assert.match(out, /expires_in":60/);
    assert.match(out, /other=1/);
  });
  it('ignores very short values that would mangle ordinary text', () => {
    clearSecrets();
    registerSecret('a');
    assert.equal(redact('a cat'), 'a cat');
  });
});
