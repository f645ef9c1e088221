import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { type TarEntry, testCheck } from '../testdata/check-tester.js';
import { DV3001, defaultPackageBudget } from './DV3001.js';

const stanza = (name: string) =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-1\nDescription: x\n`;
function dpkg(count: number): TarEntry[] {
  const names = Array.from({ length: count }, (_, i) => `pkg${String(i).padStart(3, '0')}`);
  return [
    { name: 'var/lib/dpkg/status', content: names.map(stanza).join('\n') },
    { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' },
  ];
}

testCheck(DV3001, [
  {
    name: 'within the Debian default',
    layers: [dpkg(118)],
    status: 'pass',
    evidence: '118 packages (budget 150, default for debian 12)',
  },
  {
    name: 'exactly at the budget',
    layers: [dpkg(150)],
    status: 'pass',
    evidence: '150 packages (budget 150, default for debian 12)',
  },
  {
    name: 'over the Debian default',
    layers: [dpkg(151)],
    status: 'fail',
    evidence: '151 packages (budget 150, default for debian 12)',
    findings: ['151 OS packages, 1 over the budget of 150'],
  },
  {
    name: '--max-packages wins over the default',
    layers: [dpkg(118)],
    options: { maxPackages: 100 },
    status: 'fail',
    evidence: '118 packages (budget 100)',
  },
  {
    name: 'an unknown base has no default budget',
    status: 'pass',
    evidence: '0 packages (no budget for an unknown base; set --max-packages)',
  },
]);

it('defaults per base: Debian family 150, Alpine 60, RHEL family 200, unknown none', () => {
  assert.equal(defaultPackageBudget({ id: 'ubuntu' }), 150);
  assert.equal(defaultPackageBudget({ id: 'linuxmint', idLike: ['ubuntu', 'debian'] }), 150);
  assert.equal(defaultPackageBudget({ id: 'alpine' }), 60);
  assert.equal(defaultPackageBudget({ id: 'rocky', idLike: ['rhel', 'centos', 'fedora'] }), 200);
  assert.equal(defaultPackageBudget({ id: 'drydock-testbed' }), undefined);
});
