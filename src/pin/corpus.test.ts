import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadAll } from 'js-yaml';
import { discoverReferenceFiles } from './discover.js';
import { findReferences } from './find-references.js';
import { parseReference, tagKey } from './image-reference.js';
import { planPin } from './plan.js';
import { unpinnedImageFindings } from './unpinned-findings.js';

const data = join(import.meta.dirname, '../../../shared/data');
const CORPORA = ['dockerfiles', 'compose', 'k8s', 'ecs'] as const;

/** A digest per tag, derived from the tag (the planner's input; the registry is tested elsewhere). */
async function fakeDigest(reference: string): Promise<string> {
  const parsed = parseReference(reference);
  if ('error' in parsed) throw new Error(parsed.error);
  const { createHash } = await import('node:crypto');
  return `sha256:${createHash('sha256').update(tagKey(parsed.ref)).digest('hex')}`;
}

function exists(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The real-world corpora in ../shared/data (576 Dockerfiles, Compose files, Kubernetes and ECS
 * samples): every file parses without a crash, every span holds exactly the text it claims, and a
 * pin of everything re-parses to the same references, all pinned, and is idempotent.
 */
describe('image references in the shared corpora', { timeout: 300_000 }, () => {
  for (const corpus of CORPORA) {
    it(`${corpus}: spans exact, pin re-parses and is idempotent`, async (t) => {
      const dir = join(data, corpus);
      if (!exists(dir)) return t.skip(`${dir} not present`);
      const started = Date.now();
      const found = discoverReferenceFiles([dir]);
      const files = found.files;
      let references = 0;
      let skipped = 0;
      for (const f of files) {
        for (const r of f.references) {
          references++;
          if (r.skip) skipped++;
          else assert.equal(f.text.slice(r.span.start, r.span.end), r.written, `${f.path}:${r.location.line}`);
        }
      }
      const plan = await planPin(files, { resolve: fakeDigest });
      const unresolvable = plan.errors.length;
      let pinned = 0;
      for (const change of plan.files) {
        pinned += change.outcomes.filter((o) => o.status === 'pinned').length;
        const again = findReferences(change.path, change.after, change.kind);
        assert.equal(again?.references.length, change.outcomes.length, change.path);
        const second = await planPin(again ? [again] : [], { resolve: fakeDigest });
        assert.equal(second.files[0]?.after, change.after, `idempotent: ${change.path}`);
        assert.equal(second.files[0]?.outcomes.filter((o) => o.status === 'pinned').length, 0, change.path);
      }
      const walked = readdirSync(dir, { recursive: true }).length;
      process.stderr.write(
        `${corpus}: ${files.length} files with references (of ${walked} entries), ${references} references, ${pinned} pinned, ${skipped} skipped, ${unresolvable} invalid, ${found.skipped.length} unparsable files skipped, ${Date.now() - started} ms\n`,
      );
      assert.ok(files.length > 0 && pinned > 0);
    });
  }

  it('YAML kinds: the images found equal an independent walk of the same files parsed by js-yaml', (t) => {
    let files = 0;
    let compared = 0;
    let unparsed = 0;
    for (const corpus of ['compose', 'k8s', 'ecs'] as const) {
      const dir = join(data, corpus);
      if (!exists(dir)) return t.skip(`${dir} not present`);
      for (const f of discoverReferenceFiles([dir]).files) {
        let docs: unknown[];
        try {
          docs = loadAll(f.text) as unknown[];
        } catch {
          unparsed++; // e.g. CloudFormation's !Sub tags, unknown to js-yaml
          continue;
        }
        files++;
        const expected = docs.flatMap((d) => independentImages(f.kind, d)).sort();
        const ours = f.references
          .filter((r) => r.skip !== 'not a plain string' && !r.skip?.startsWith('a !'))
          .map((r) => r.image)
          .sort();
        assert.deepEqual(ours, expected, f.path);
        compared += expected.length;
      }
    }
    process.stderr.write(
      `js-yaml cross-check: ${compared} images in ${files} files agree (${unparsed} files js-yaml cannot read)\n`,
    );
    assert.ok(compared > 300);
  });

  it('unpinnedImageFindings: one located finding per unpinned reference, rule by file kind', (t) => {
    const dir = join(data, 'compose');
    if (!exists(dir)) return t.skip(`${dir} not present`);
    const { findings } = unpinnedImageFindings([dir]);
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.equal(f.ruleId, 'DI1001');
      assert.ok(f.location.line >= 1 && f.location.path.startsWith(dir));
      assert.match(f.message, /is not pinned by digest/);
    }
  });
});

/** Image strings by the plain rules of each kind, over plain JS objects (no positions, another parser). */
function independentImages(kind: string, doc: unknown): string[] {
  const out: string[] = [];
  const obj = (v: unknown): Record<string, unknown> | undefined =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const visit = (v: unknown, keys: readonly string[], image: string) => {
    if (Array.isArray(v)) for (const x of v) visit(x, keys, image);
    const o = obj(v);
    if (!o) return;
    for (const [k, x] of Object.entries(o)) {
      if (keys.includes(k) && Array.isArray(x)) {
        for (const c of x) {
          const img = obj(c)?.[image];
          if (typeof img === 'string' && img.trim() !== '') out.push(img);
        }
      } else visit(x, keys, image);
    }
  };
  const root = obj(doc);
  if (!root) return out;
  if (kind === 'compose') {
    for (const svc of Object.values(obj(root.services) ?? {})) {
      const s = obj(svc);
      if (s && s.build === undefined && typeof s.image === 'string' && s.image.trim() !== '') out.push(s.image);
    }
  } else if (kind === 'kubernetes') {
    if (typeof root.apiVersion === 'string' && typeof root.kind === 'string') {
      visit(root, ['containers', 'initContainers', 'ephemeralContainers'], 'image');
    }
  } else if (kind === 'ecs') {
    visit(root, ['containerDefinitions'], 'image');
    visit(root, ['ContainerDefinitions'], 'Image');
  }
  return out;
}
