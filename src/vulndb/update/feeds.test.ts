import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrydockError } from '../../core/errors.js';
import {
  DEFAULT_ALPINE_BRANCHES,
  FEED_NAMES,
  feedEnvName,
  parseAlpineBranches,
  parseFeedNames,
  parseMirrors,
  planFeeds,
} from './feeds.js';

describe('feed plans', () => {
  it('uses the official URLs by default', () => {
    const plans = planFeeds(FEED_NAMES, { env: {} });
    const urls = Object.fromEntries(plans.map((p) => [p.name, p.files.map((f) => f.url)]));
    assert.deepEqual(urls['osv:PyPI'], ['https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip']);
    assert.deepEqual(urls['osv:Debian'], ['https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip']);
    assert.deepEqual(urls['osv:npm'], ['https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip']);
    assert.deepEqual(urls['debian-tracker'], ['https://security-tracker.debian.org/tracker/data/json']);
    // Rule: two files (main, community) per branch.
    assert.equal(urls['alpine-secdb']?.length, DEFAULT_ALPINE_BRANCHES.length * 2);
    assert.ok(urls['alpine-secdb']?.includes('https://secdb.alpinelinux.org/v3.20/community.json'));
    assert.deepEqual(
      plans.map((p) => p.dir),
      ['osv-Debian', 'osv-PyPI', 'osv-npm', 'debian-tracker', 'alpine-secdb'],
    );
  });

  it('takes base URLs from --mirror over DRYDOCK_FEED_*, a feed over its group', () => {
    const env = {
      DRYDOCK_FEED_OSV: 'http://127.0.0.1:1/osv/',
      DRYDOCK_FEED_OSV_NPM: 'http://127.0.0.1:2/npm',
      DRYDOCK_FEED_DEBIAN_TRACKER: 'http://127.0.0.1:3/t',
      DRYDOCK_ALPINE_BRANCHES: 'v3.19,edge',
    };
    const plans = planFeeds(FEED_NAMES, { env, mirrors: { 'debian-tracker': 'http://127.0.0.1:4/m' } });
    const url = (name: string) => plans.find((p) => p.name === name)?.files.map((f) => f.url);
    assert.deepEqual(url('osv:PyPI'), ['http://127.0.0.1:1/osv/PyPI/all.zip']);
    assert.deepEqual(url('osv:npm'), ['http://127.0.0.1:2/npm/npm/all.zip']);
    assert.deepEqual(url('debian-tracker'), ['http://127.0.0.1:4/m/data/json']);
    assert.deepEqual(url('alpine-secdb'), [
      'https://secdb.alpinelinux.org/v3.19/main.json',
      'https://secdb.alpinelinux.org/v3.19/community.json',
      'https://secdb.alpinelinux.org/edge/main.json',
      'https://secdb.alpinelinux.org/edge/community.json',
    ]);
    assert.equal(feedEnvName('osv:PyPI'), 'DRYDOCK_FEED_OSV_PYPI');
  });

  it('parses --source, --mirror and --alpine-branches, rejecting unknown names', () => {
    assert.deepEqual(parseFeedNames('osv:pypi, debian-tracker,osv:PyPI'), ['osv:PyPI', 'debian-tracker']);
    assert.throws(() => parseFeedNames('osv:Go'), /unknown feed "osv:Go"/);
    assert.deepEqual(parseMirrors(['OSV=http://h/x', 'alpine-secdb=https://m/']), {
      osv: 'http://h/x',
      'alpine-secdb': 'https://m',
    });
    assert.throws(() => parseMirrors(['nvd=http://h']), DrydockError);
    assert.throws(() => parseMirrors(['osv=ftp://h']), /only http\(s\)/);
    assert.deepEqual(parseAlpineBranches('3.20,v3.21'), ['3.20', '3.21']);
    assert.throws(() => parseAlpineBranches('latest'), /not an Alpine branch/);
  });
});
