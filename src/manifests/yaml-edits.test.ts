import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, parseDocument } from 'yaml';
import { applyEdits, fixUntilStable, type TextEdit } from '../core/text-edit.js';
import { combineInsertions, detectYamlStyle, renderScalar, YamlEditor } from './yaml-edits.js';
import { asMap, asSeq, type MapNode, nodeAt, type SeqNode } from './yaml-nodes.js';

/** Parses `text`, lets `edit` build one edit from its root, applies it and checks text and re-parse. */
function check(text: string, edit: (ed: YamlEditor, root: MapNode) => TextEdit | undefined, want: string): void {
  const doc = parseDocument(text);
  const root = asMap(doc.contents);
  if (!root) assert.fail('root is not a map');
  const e = edit(new YamlEditor(text), root);
  if (!e) assert.fail('no edit');
  const out = applyEdits(text, [[e]]).text;
  assert.equal(out, want);
  const again = parseDocument(out, { uniqueKeys: true });
  assert.deepEqual(again.errors, [], 'the edited text does not parse');
}

const map = (root: MapNode, path: (string | number)[]): MapNode => {
  const m = asMap(nodeAt(root, path));
  if (!m) assert.fail(`no map at ${path.join('.')}`);
  return m;
};
const seq = (root: MapNode, path: (string | number)[]): SeqNode => {
  const s = asSeq(nodeAt(root, path));
  if (!s) assert.fail(`no sequence at ${path.join('.')}`);
  return s;
};

describe('detectYamlStyle', () => {
  it('reads indent width, sequence style, line breaks and JSON', () => {
    assert.deepEqual(detectYamlStyle('a:\n    b: 1\n'), {
      json: false,
      eol: '\n',
      indent: '    ',
      indentSequences: true,
    });
    assert.deepEqual(detectYamlStyle('a:\n- 1\n').indentSequences, false);
    assert.deepEqual(detectYamlStyle('a:\n  - 1\n').indentSequences, true);
    assert.deepEqual(detectYamlStyle('spec:\n  containers:\n  - name: x\n').indentSequences, false);
    assert.equal(detectYamlStyle('a:\r\n  b: 1\r\n').eol, '\r\n');
    assert.deepEqual(detectYamlStyle('{\n\t"a": 1\n}\n'), {
      json: true,
      eol: '\n',
      indent: '\t',
      indentSequences: true,
    });
  });
});

describe('YamlEditor.insertPair', () => {
  it('adds a key after the last one at the same indentation, after a trailing comment', () => {
    check(
      'spec:\n  a: 1 # one\nnext: 2\n',
      (ed, r) => ed.insertPair(map(r, ['spec']), 'b', true),
      'spec:\n  a: 1 # one\n  b: true\nnext: 2\n',
    );
  });
  it('adds a nested block (maps and sequences in the file style)', () => {
    check(
      'c:\n- name: app\n  image: x\n',
      (ed, r) =>
        ed.insertPair(map(r, ['c', 0]), 'securityContext', { capabilities: { drop: ['ALL'] }, runAsUser: 1000 }),
      'c:\n- name: app\n  image: x\n  securityContext:\n    capabilities:\n      drop:\n      - ALL\n    runAsUser: 1000\n',
    );
    check(
      'c:\n  - name: app\n',
      (ed, r) => ed.insertPair(map(r, ['c', 0]), 'volumeMounts', [{ name: 'tmp', mountPath: '/tmp' }]),
      'c:\n  - name: app\n    volumeMounts:\n      - name: tmp\n        mountPath: /tmp\n',
    );
  });
  it('inserts after a named key, and after a nested block', () => {
    check(
      'a:\n  b:\n    c: 1\n  d: 2\n',
      (ed, r) => ed.insertPair(map(r, ['a']), 'x', 'y', { after: 'b' }),
      // `y` is a boolean to YAML 1.1 (kubectl): quoted.
      'a:\n  b:\n    c: 1\n  x: "y"\n  d: 2\n',
    );
    check(
      'a:\n  s: |\n    text\n\nz: 1\n',
      (ed, r) => ed.insertPair(map(r, ['a']), 'x', 1),
      'a:\n  s: |\n    text\n  x: 1\n\nz: 1\n',
    );
  });
  it('quotes strings that would read back as something else', () => {
    check('a:\n  b: 1\n', (ed, r) => ed.insertPair(map(r, ['a']), 'v', 'true'), 'a:\n  b: 1\n  v: "true"\n');
    check('a:\n  b: 1\n', (ed, r) => ed.insertPair(map(r, ['a']), 'v', '1000'), 'a:\n  b: 1\n  v: "1000"\n');
  });
  it('keeps CRLF line breaks', () => {
    check('a:\r\n  b: 1\r\n', (ed, r) => ed.insertPair(map(r, ['a']), 'c', 2), 'a:\r\n  b: 1\r\n  c: 2\r\n');
  });
  it('writes into flow maps on one line or one item per line', () => {
    check('a: {b: 1}\n', (ed, r) => ed.insertPair(map(r, ['a']), 'c', [1]), 'a: {b: 1, c: [1]}\n');
    check('a: {}\n', (ed, r) => ed.insertPair(map(r, ['a']), 'c', 1), 'a: {c: 1}\n');
    check('a: {\n  b: 1\n}\n', (ed, r) => ed.insertPair(map(r, ['a']), 'c', 1), 'a: {\n  b: 1,\n  c: 1\n}\n');
  });
  it('writes JSON into JSON files with the file indentation', () => {
    check(
      '{\n  "a": {\n    "b": 1\n  }\n}\n',
      (ed, r) => ed.insertPair(map(r, ['a']), 'c', { d: ['ALL'], e: true }),
      '{\n  "a": {\n    "b": 1,\n    "c": {\n      "d": ["ALL"],\n      "e": true\n    }\n  }\n}\n',
    );
    check(
      '{\n\t"a": {}\n}\n',
      (ed, r) => ed.insertPair(map(r, ['a']), 'c', 'x'),
      '{\n\t"a": {\n\t\t"c": "x"\n\t}\n}\n',
    );
    check('{"a": {"b": 1}}', (ed, r) => ed.insertPair(map(r, ['a']), 'c', false), '{"a": {"b": 1, "c": false}}');
  });
});

describe('YamlEditor.appendItem and removeItem', () => {
  it('appends to block and flow sequences', () => {
    check(
      'a:\n- x\n- y # why\nb: 1\n',
      (ed, r) => ed.appendItem(seq(r, ['a']), 'z'),
      'a:\n- x\n- y # why\n- z\nb: 1\n',
    );
    check(
      'a:\n  - x\n',
      (ed, r) => ed.appendItem(seq(r, ['a']), { name: 'tmp', v: 1 }),
      'a:\n  - x\n  - name: tmp\n    v: 1\n',
    );
    check('a: [x]\n', (ed, r) => ed.appendItem(seq(r, ['a']), 'ALL'), 'a: [x, ALL]\n');
    check('a: []\n', (ed, r) => ed.appendItem(seq(r, ['a']), 'ALL'), 'a: [ALL]\n');
    check('{"a": [\n    "x"\n  ]}', (ed, r) => ed.appendItem(seq(r, ['a']), 'y'), '{"a": [\n    "x",\n    "y"\n  ]}');
  });
  it('removes whole lines from block sequences and one comma from flow ones', () => {
    check('a:\n- x\n- y\n- z\n', (ed, r) => ed.removeItem(seq(r, ['a']), 1), 'a:\n- x\n- z\n');
    check('a:\n  - x\n  - y\nb: 1\n', (ed, r) => ed.removeItem(seq(r, ['a']), 1), 'a:\n  - x\nb: 1\n');
    check('a:\n  - name: x\n    v: 1\n  - y\n', (ed, r) => ed.removeItem(seq(r, ['a']), 0), 'a:\n  - y\n');
    check('a: [x, y, z]\n', (ed, r) => ed.removeItem(seq(r, ['a']), 0), 'a: [y, z]\n');
    check('a: [x, y, z]\n', (ed, r) => ed.removeItem(seq(r, ['a']), 2), 'a: [x, y]\n');
    check('a: [x]\n', (ed, r) => ed.removeItem(seq(r, ['a']), 0), 'a: []\n');
  });
  it('leaves [] when the only block item goes, keeping the key comment', () => {
    check(
      'add: # caps\n  - SYS_ADMIN\ndrop: [ALL]\n',
      (ed, r) => ed.removeItem(seq(r, ['add']), 0),
      'add: [] # caps\ndrop: [ALL]\n',
    );
  });
});

describe('YamlEditor.removePair and setScalar', () => {
  it('removes a block pair with its nested block', () => {
    check('a:\n  b:\n    c: 1\n  d: 2\n', (ed, r) => ed.removePair(map(r, ['a']), 'b'), 'a:\n  d: 2\n');
    check('a: {b: 1, d: 2}\n', (ed, r) => ed.removePair(map(r, ['a']), 'd'), 'a: {b: 1}\n');
    check('a:\n  b: 1\nz: 2\n', (ed, r) => ed.removePair(map(r, ['a']), 'b'), 'a: {}\nz: 2\n');
  });
  it('keeps the quote style of the replaced scalar', () => {
    check('a: "x"\n', (ed, r) => ed.setIn(r, ['a'], 'y'), 'a: "y"\n');
    check("a: 'x'\n", (ed, r) => ed.setIn(r, ['a'], "it's"), "a: 'it''s'\n");
    check('a: true # keep\n', (ed, r) => ed.setIn(r, ['a'], false), 'a: false # keep\n');
  });
});

describe('YamlEditor.setIn', () => {
  it('creates what is missing as one nested block', () => {
    check(
      'spec:\n  containers:\n  - name: app\n',
      (ed, r) => ed.setIn(map(r, ['spec', 'containers', 0]), ['securityContext', 'capabilities', 'drop'], ['ALL']),
      'spec:\n  containers:\n  - name: app\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n',
    );
  });
  it('walks into existing maps and fills `key:` and `key: {}`', () => {
    check('sc:\n  a: 1\n', (ed, r) => ed.setIn(r, ['sc', 'b', 'c'], 1), 'sc:\n  a: 1\n  b:\n    c: 1\n');
    check('sc: # note\nz: 1\n', (ed, r) => ed.setIn(r, ['sc', 'b'], true), 'sc: # note\n  b: true\nz: 1\n');
    check('sc: {}\nz: 1\n', (ed, r) => ed.setIn(r, ['sc', 'b'], true), 'sc:\n  b: true\nz: 1\n');
    check('{\n  "sc": {}\n}', (ed, r) => ed.setIn(r, ['sc', 'b'], true), '{\n  "sc": {\n    "b": true\n  }\n}');
  });
  it('replaces a whole block collection value', () => {
    check('a:\n  add:\n  - X\n  - Y\nz: 1\n', (ed, r) => ed.setIn(r, ['a', 'add'], ['Z']), 'a:\n  add:\n  - Z\nz: 1\n');
  });
  it('returns nothing when the value is already there, and refuses to go through a scalar', () => {
    const text = 'a:\n  b: true\nc: x\n';
    const root = asMap(parseDocument(text).contents) as MapNode;
    const ed = new YamlEditor(text);
    assert.equal(ed.setIn(root, ['a', 'b'], true), undefined);
    assert.equal(ed.setIn(root, ['c', 'd'], 1), undefined);
  });
});

describe('combineInsertions', () => {
  it('lets several additions to one map apply in one pass', () => {
    const text = 'sc:\n  a: 1\n';
    const root = asMap(parseDocument(text).contents) as MapNode;
    const ed = new YamlEditor(text);
    const sc = map(root, ['sc']);
    const groups = [[ed.insertPair(sc, 'b', 2)], [ed.insertPair(sc, 'c', 3)], [ed.insertPair(sc, 'c', 3)]];
    assert.equal(applyEdits(text, groups).text, 'sc:\n  a: 1\n  b: 2\n');
    assert.equal(applyEdits(text, combineInsertions(groups)).text, 'sc:\n  a: 1\n  b: 2\n  c: 3\n');
  });
  it('never merges two insertions of the same key; the fix loop settles them', () => {
    const text = 'c:\n  name: x\n';
    const fixes = (t: string) => {
      const root = asMap(parseDocument(t).contents) as MapNode;
      const ed = new YamlEditor(t);
      const c = map(root, ['c']);
      return combineInsertions(
        [ed.setIn(c, ['sc', 'runAsNonRoot'], true), ed.setIn(c, ['sc', 'readOnlyRootFilesystem'], true)].flatMap((e) =>
          e ? [[e]] : [],
        ),
      );
    };
    const fixed = fixUntilStable(text, fixes);
    assert.equal(fixed.text, 'c:\n  name: x\n  sc:\n    runAsNonRoot: true\n    readOnlyRootFilesystem: true\n');
    assert.equal(fixed.passes, 2);
  });
});

describe('renderScalar', () => {
  it('writes a string plain only when YAML 1.1 (kubectl) and 1.2 both read it back as the same string', () => {
    const cases = [
      'ALL',
      'true',
      'True',
      'yes',
      'on',
      'n',
      '1000',
      '0x1F',
      '1e3',
      '.5',
      '-1',
      '12:30',
      '1_000',
      '+1',
      '.inf',
    ];
    cases.push(
      'runtime/default',
      'a: b',
      'a #b',
      'a#b',
      '-x',
      '- x',
      ':x',
      '? x',
      '*x',
      '&a',
      '!t',
      '|',
      '>',
      "'q'",
      '"q"',
    );
    cases.push(
      '%p',
      '@x',
      '`x',
      'x:',
      ' x',
      'x ',
      '',
      'null',
      '~',
      'nginx:1.27',
      's0:c123,c456',
      '[x]',
      '{x}',
      '2001:db8::1',
    );
    for (const value of cases) {
      const text = `k: ${renderScalar(value, false)}`;
      assert.equal(parse(text, { version: '1.1' }).k, value, text);
      assert.equal(parse(text).k, value, text);
    }
    assert.equal(renderScalar('RuntimeDefault', false), 'RuntimeDefault');
    assert.equal(renderScalar('1000', false), '"1000"');
    assert.equal(renderScalar('x', true), '"x"');
    assert.equal(renderScalar("it's", false, 'QUOTE_SINGLE'), "'it''s'");
  });
});

describe('combineInsertions ordering', () => {
  it('puts the deeper insertion first when a nested map and its parent grow at the same point', () => {
    const text = 'spec:\n  c:\n    sc:\n      a: 1\nnext: 1\n';
    const root = asMap(parseDocument(text).contents) as MapNode;
    const ed = new YamlEditor(text);
    const outer = ed.insertPair(map(root, ['spec']), 'automount', false);
    const inner = ed.insertPair(map(root, ['spec', 'c', 'sc']), 'b', 2);
    assert.equal(outer.span.start, inner.span.start);
    const merged = combineInsertions([[outer], [inner]]);
    assert.equal(
      applyEdits(text, merged).text,
      'spec:\n  c:\n    sc:\n      a: 1\n      b: 2\n  automount: false\nnext: 1\n',
    );
  });
});
