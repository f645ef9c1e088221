import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Sbom } from '../catalog/index.js';
import type { Package } from '../catalog/package.js';
import { buildPurl } from '../catalog/purl.js';
import { SBOM_REPORTERS } from './sbom-index.js';

const distro = {
  id: 'debian',
  versionId: '12',
  versionCodename: 'bookworm',
  prettyName: 'Debian GNU/Linux 12 (bookworm)',
};
const pkg = ({ upstream, ...p }: Omit<Package, 'purl'> & { upstream?: string }): Package => ({
  ...p,
  purl: buildPurl({
    type: p.type,
    name: p.name,
    version: p.version,
    distro,
    ...(p.metadata.arch ? { arch: p.metadata.arch } : {}),
    ...(upstream ? { upstream } : {}),
  }),
});
const sbom: Sbom = {
  target: 'docker-archive:/tmp/app.tar',
  source: { kind: 'docker-archive', manifestDigest: `sha256:${'a'.repeat(64)}` },
  distro,
  packages: [
    pkg({
      type: 'deb',
      name: 'libssl3',
      version: '3.0.11-1~deb12u2',
      upstream: 'openssl',
      foundBy: 'dpkg',
      locations: [{ path: 'var/lib/dpkg/status', layer: `sha256:${'b'.repeat(64)}` }],
      metadata: { arch: 'amd64', sourceName: 'openssl', licenses: ['Apache-2.0'] },
    }),
    pkg({
      type: 'python',
      name: 'Flask',
      version: '2.0.0',
      foundBy: 'python-installed',
      locations: [{ path: 'usr/local/lib/python3.11/site-packages/Flask-2.0.0.dist-info/METADATA' }],
      metadata: { licenses: ['BSD-3-Clause OR MIT', 'Some Custom License'] },
    }),
    pkg({
      type: 'npm',
      name: 'left-pad',
      version: '1.3.0',
      foundBy: 'npm-lock',
      locations: [{ path: 'app/package-lock.json' }],
      metadata: {},
    }),
    pkg({
      type: 'npm',
      name: 'left-pad',
      version: '1.3.0',
      foundBy: 'npm-installed',
      locations: [{ path: 'app/node_modules/left-pad/package.json' }],
      metadata: {},
    }),
  ],
  warnings: [],
};
const tool = { name: 'drydock', version: '0.0.0-test' };

/**
 * The SPDX 2.3 fields the specification requires (clauses 6.x for the document, 7.x for packages,
 * 11 for relationships), as a JSON schema. The official schema file is published only in the
 * spdx-spec GitHub repository, which neither npm nor Debian ships, so this transcription stands in.
 */
const SPDX_23_REQUIRED = {
  type: 'object',
  required: [
    'spdxVersion',
    'dataLicense',
    'SPDXID',
    'name',
    'documentNamespace',
    'creationInfo',
    'packages',
    'relationships',
  ],
  properties: {
    spdxVersion: { const: 'SPDX-2.3' },
    dataLicense: { const: 'CC0-1.0' },
    SPDXID: { const: 'SPDXRef-DOCUMENT' },
    name: { type: 'string', minLength: 1 },
    documentNamespace: { type: 'string', pattern: '^https?://[^#]+$' },
    creationInfo: {
      type: 'object',
      required: ['created', 'creators'],
      properties: {
        created: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' },
        creators: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^(Tool|Organization|Person): .+' } },
      },
    },
    packages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'SPDXID', 'downloadLocation', 'filesAnalyzed'],
        properties: {
          SPDXID: { type: 'string', pattern: '^SPDXRef-[A-Za-z0-9.-]+$' },
          downloadLocation: { type: 'string', minLength: 1 },
          filesAnalyzed: { type: 'boolean' },
          licenseDeclared: { type: 'string' },
          externalRefs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['referenceCategory', 'referenceType', 'referenceLocator'],
              properties: { referenceCategory: { enum: ['SECURITY', 'PACKAGE-MANAGER', 'PERSISTENT-ID', 'OTHER'] } },
            },
          },
        },
      },
    },
    relationships: {
      type: 'array',
      items: { type: 'object', required: ['spdxElementId', 'relationshipType', 'relatedSpdxElement'] },
    },
  },
};

describe('SBOM reporters', () => {
  it('CycloneDX 1.6 validates against the official schema (strict) and keeps purls, licenses and layers', async () => {
    const json = SBOM_REPORTERS.cyclonedx.render(sbom, tool);
    const error = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(json);
    assert.equal(error, null, JSON.stringify(error));
    const bom = JSON.parse(json) as {
      components: {
        purl?: string;
        'bom-ref': string;
        licenses?: unknown[];
        properties?: { name: string; value: string }[];
      }[];
    };
    const ssl = bom.components.find((c) => c.purl?.includes('libssl3'));
    assert.equal(ssl?.purl, 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl');
    assert.ok(
      ssl?.properties?.some((p) => p.name === 'drydock:location:layer' && p.value === `sha256:${'b'.repeat(64)}`),
    );
    // The same purl found twice gets two distinct bom-refs.
    assert.equal(new Set(bom.components.map((c) => c['bom-ref'])).size, bom.components.length);
    assert.equal(bom.components.length, 5);
  });

  it('SPDX 2.3 has every required field, valid SPDXIDs, purl refs and CONTAINS relationships', () => {
    const doc = JSON.parse(SBOM_REPORTERS.spdx.render(sbom, tool)) as {
      packages: { SPDXID: string; licenseDeclared: string; externalRefs?: { referenceLocator: string }[] }[];
      relationships: { relationshipType: string }[];
    };
    const validate = new Ajv2020({ strict: false }).compile(SPDX_23_REQUIRED);
    const valid: boolean = validate(doc);
    assert.ok(valid, JSON.stringify(validate.errors));
    assert.equal(new Set(doc.packages.map((p) => p.SPDXID)).size, doc.packages.length);
    assert.equal(doc.relationships.filter((r) => r.relationshipType === 'CONTAINS').length, 4);
    assert.equal(
      doc.packages.find((p) => p.externalRefs?.[0]?.referenceLocator.includes('flask'))?.licenseDeclared,
      'BSD-3-Clause OR MIT',
    );
    assert.equal(
      doc.packages.find((p) => p.externalRefs?.[0]?.referenceLocator.includes('libssl3'))?.licenseDeclared,
      'Apache-2.0',
    );
  });

  it('output is reproducible with SOURCE_DATE_EPOCH', () => {
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      for (const r of Object.values(SBOM_REPORTERS)) assert.equal(r.render(sbom, tool), r.render(sbom, tool));
      assert.match(SBOM_REPORTERS.spdx.render(sbom, tool), /"created": "2023-11-14T22:13:20Z"/);
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });

  it('drydock JSON validates against docs/schemas/sbom.v1.json', () => {
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../docs/schemas/sbom.v1.json'), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const out = JSON.parse(SBOM_REPORTERS.json.render(sbom, tool));
    const valid: boolean = validate(out);
    assert.ok(valid, JSON.stringify(validate.errors));
  });

  it('the table lists every package and the distro', () => {
    const out = SBOM_REPORTERS.table.render(sbom, tool);
    assert.match(out, /^TYPE\s+NAME\s+VERSION\s+SOURCE\s+FOUND IN$/m);
    assert.match(out, /^deb\s+libssl3\s+3\.0\.11-1~deb12u2\s+openssl\s+var\/lib\/dpkg\/status$/m);
    assert.match(out, /4 packages in docker-archive:\/tmp\/app\.tar \(Debian GNU\/Linux 12 \(bookworm\)\)/);
  });
});
