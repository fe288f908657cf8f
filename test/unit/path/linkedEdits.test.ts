import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultConfig, scan } from '../../../src/engine';
import { pathDetector } from '../../../src/engine/detectors/path';
import { applyRandomEdit, randomEdit, scanFromScratch, wholeFilePath } from '../syntax/randomEdits';
import { releaseSyntaxState } from '../../../src/engine/syntax';

// Statement-by-statement mode keeps the findings of units of linked statements (a handler and the
// local helpers it calls) between edits and re-analyses only the unit an edit touches. Whatever
// the edits, the findings with the state kept must be those of a scan from scratch, with every
// position (the sink, the source, each step through a helper, the fix) where the new text has it.

const HEADER = "const fs = require('fs');\nconst path = require('path');\nconst ROOT = '/srv/files';\n\n";

/** Helpers (reached by calls from other statements) and handlers, some linked, some plain. */
const BLOCKS = [
  "function readDoc(name) {\n  return fs.readFileSync(path.join(ROOT, name), 'utf8');\n}\n",
  'const target = (name) => path.join(ROOT, name);\n',
  'function relay(name) {\n  return target(name);\n}\n',
  "function inside(name) {\n  const p = path.resolve(ROOT, name);\n  if (!p.startsWith(ROOT + path.sep)) throw new Error('outside');\n  return p;\n}\n",
  'function fromRequest(req) {\n  return req.query.file;\n}\n',
  "app.get('/a', (req, res) => {\n  res.send(readDoc(req.query.doc));\n});\n",
  "app.post('/b', (req, res) => {\n  fs.writeFileSync(relay(req.body.name), 'x');\n});\n",
  "app.get('/c', (req, res) => res.send(fs.readFileSync(inside(req.query.f))));\n",
  "app.get('/d', (req, res) => {\n  res.sendFile(fromRequest(req));\n});\n",
  "app.get('/e', (req, res) => {\n  res.download(path.join(ROOT, req.params.f));\n});\n",
  "app.get('/f', (req, res) => {\n  res.send(readDoc('index.html'));\n});\n",
  "function pad(n) {\n  return String(n).padStart(4, '0');\n}\n",
  '// handlers below read req.query\r\n',
  // Methods: `this.read` resolves by name, to this class's or (ambiguous with two) to none.
  'class Store {\n  get(req) {\n    return fs.readFileSync(this.read(req.query.k));\n  }\n  read(name) {\n    return name;\n  }\n}\n',
  'class Cache {\n  read(req) {\n    return req.body;\n  }\n}\n',
  // Top-level variables: input carried from one statement to others that mention the name.
  'const wanted = process.argv[2];\n',
  'const picked = path.join(ROOT, wanted);\n',
  'fs.readFileSync(picked);\n',
  "var Codes = Object.freeze({ requestFailed: 'request_failed', wanted: 1 });\n",
  "const kind = 'request';\n",
];

const SNIPPETS = ['wanted', ' picked', '\nlet wanted = req.query.w;\n', 'x', ' ', '\n', '\r\n', '\r', ';', '{', '}', '(', ')', "'", '.', 'req.query.q', 'readDoc(', 'relay(req.body.n)', 'path.basename(', 'target(', '\nfunction readDoc(n) { return n; }\n', "\napp.get('/g', (req, res) => res.send(readDoc(req.params.g)));\n"];

const edit = randomEdit(SNIPPETS);


const file = { path: 'src/server/routes.js', languageId: 'javascript' };
const config = defaultConfig();

const fromScratch = (text: string) => scanFromScratch(text, file, config);

async function detectorPath(text: string, state = new Map<string, unknown>()) {
  return pathDetector.detect({ text, file, language: 'javascript', kind: 'code', config, state });
}

/** What the detector kept for the document: unit key -> result (internal, read to prove reuse). */
function kept(state: Map<string, unknown>): Map<string, unknown> {
  return (state.get('path:statements') as { results: Map<string, unknown> }).results;
}

describe('path: edits in a file whose handlers call local helpers', () => {
  it('gives the same findings with the state kept as from scratch, after random edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: BLOCKS.length - 1 }), { minLength: 4, maxLength: 24 }), fc.array(edit, { minLength: 1, maxLength: 8 }), async (picks, edits) => {
        let text = HEADER + picks.map((i) => BLOCKS[i]).join('\n');
        const state = new Map<string, unknown>();
        try {
          await scan(text, file, config, { state });
          for (const change of edits) {
            text = applyRandomEdit(text, change);
            assert.deepStrictEqual(await scan(text, file, config, { state }), await fromScratch(text), JSON.stringify(text));
          }
        } finally {
          releaseSyntaxState(state);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('finds what the whole-file analysis finds, helpers defined twice included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...BLOCKS.keys()], { minLength: 3 }), fc.array(fc.nat({ max: BLOCKS.length - 1 }), { maxLength: 6 }), async (order, more) => {
        const text = HEADER + [...order, ...more].map((i) => BLOCKS[i]).join('\n');
        const state = new Map<string, unknown>();
        try {
          assert.deepStrictEqual(await detectorPath(text, state), await wholeFilePath(text, 'javascript'));
        } finally {
          releaseSyntaxState(state);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a flow that reaches another class through a method call as one unit, so edits on either side count', async () => {
    // `this.read` is followed to the method of another class (names only): not a top-level link,
    // but the two classes share a name, so they are analysed and kept together, as one unit that
    // an edit on either side analyses again.
    const text = "const fs = require('fs');\nclass Store {\n  read(name) {\n    return fs.readFileSync(name);\n  }\n  peek(req) { return req.query.x; }\n}\n\nclass Api {\n  get(req) {\n    return this.read(req.query.f);\n  }\n}\n";
    const state = new Map<string, unknown>();
    try {
      const [first, ...others] = await detectorPath(text, state);
      assert.equal(others.length, 0);
      assert.match(first.message, /`req\.query\.f` \(line 11\) reaches `fs\.readFileSync` \(line 4\)/);
      assert.equal(kept(state).size, 1, 'the two classes are kept as one unit');
      for (const edited of [text.replace('this.read(req.query.f)', "this.read('a.txt')"), text.replace('return fs.readFileSync(name);', 'return name;'), text.replace('get(req)', 'get(req) ')]) {
        assert.deepStrictEqual(await detectorPath(edited, state), await wholeFilePath(edited, 'javascript'));
      }
    } finally {
      releaseSyntaxState(state);
    }
  });

  it('gives what a fresh scan gives when a method name becomes ambiguous or resolvable in another unit', async () => {
    // Two `read` methods make `this.read` ambiguous (not followed); an edit of one class alone
    // must not make the other's call resolve as if the name were unique, nor the reverse.
    const files = "const fs = require('fs');\nclass Files {\n  read(name) {\n    return fs.readFileSync(name);\n  }\n  get(req) {\n    return this.read(req.query.f);\n  }\n}\n";
    const other = '\nclass Other {\n  read(req) {\n    return req.body;\n  }\n}\n';
    const steps = [files + other, (files + other).replace('get(req) {', 'get(req)  {'), files, files + other, (files + other).replace('read(req) {', 'reader(req) {')];
    const state = new Map<string, unknown>();
    try {
      const counts: number[] = [];
      for (const text of steps) {
        const kept = await detectorPath(text, state);
        assert.deepStrictEqual(kept, await detectorPath(text), JSON.stringify(text));
        assert.deepStrictEqual(kept, await wholeFilePath(text, 'javascript'));
        counts.push(kept.length);
      }
      assert.deepStrictEqual(counts, [0, 0, 1, 0, 1], 'ambiguous, ambiguous, unique, ambiguous again, unique after a rename');
    } finally {
      releaseSyntaxState(state);
    }
  });

  it('keeps the units whose calls only look like a method of another unit (app.get beside a get method)', async () => {
    const text = HEADER + [BLOCKS[5], BLOCKS[9], BLOCKS[13], BLOCKS[0]].join('\n');
    const state = new Map<string, unknown>();
    try {
      const findings = await detectorPath(text, state);
      assert.equal(findings.length, 3, findings.map((d) => d.message).join('\n'));
      // Units: handler /a with readDoc, handler /e, class Store; none shares a name with another.
      assert.equal(kept(state).size, 3);
    } finally {
      releaseSyntaxState(state);
    }
  });

  it('follows input through a top-level variable to the statements that mention it, and keeps them as one unit', async () => {
    // A bundle's shape: constants whose text holds a source word, objects built from them, and a
    // flow through top-level variables, far from an unrelated handler.
    const text = `${HEADER}const postRequestFailed = 'post_request_failed';\nvar Codes = Object.freeze({ postRequestFailed: postRequestFailed });\nconst wanted = process.argv[2];\n\nfunction pad(n) {\n  return String(n).padStart(4, '0');\n}\n\nconst picked = path.join(ROOT, wanted);\nfs.readFileSync(picked);\n\n${BLOCKS[9]}`;
    const state = new Map<string, unknown>();
    try {
      const first = await detectorPath(text, state);
      assert.deepStrictEqual(first, await wholeFilePath(text, 'javascript'));
      assert.equal(first.length, 2, first.map((d) => d.message).join('\n'));
      assert.match(first[0].message, /process\.argv/);
      const before = new Map(kept(state));
      // Units: the argv flow (three statements), the handler, and each constant (a source word, no
      // flow; the literal carries nothing, so the object that mentions it is not linked to it).
      assert.equal(before.size, 4);
      const edited = text.replace("return String(n).padStart(4, '0');", "return String(n).padStart(8, '0');");
      assert.deepStrictEqual(await detectorPath(edited, state), await wholeFilePath(edited, 'javascript'));
      assert.ok([...kept(state).values()].every((result) => [...before.values()].includes(result)), 'an edit in a statement that mentions none of them reuses every unit');
      const sanitized = edited.replace('const picked = path.join(ROOT, wanted);', 'const picked = path.join(ROOT, path.basename(wanted));');
      const after = await detectorPath(sanitized, state);
      assert.deepStrictEqual(after, await wholeFilePath(sanitized, 'javascript'));
      assert.equal(after.length, 1, 'the flow through the variable is gone once sanitized');
    } finally {
      releaseSyntaxState(state);
    }
  });

  it('re-analyses only the unit an edit touches and moves the others, statement by statement', async () => {
    // Each helper far from its handler, with plain code between: an edit in between moves the
    // handler (source, step) but not the helper (sink).
    const units = [0, 1, 2].map((i) => [
      `function readDoc${i}(name) {\n  return fs.readFileSync(path.join(ROOT, name), 'utf8');\n}\n`,
      `app.get('/doc${i}', (req, res) => {\n  res.send(readDoc${i}(req.query.doc));\n});\n`,
    ]);
    const text = HEADER + units.map(([helper]) => helper).join('\n') + "\nfunction pad(n) {\n  return String(n).padStart(4, '0');\n}\n\n" + units.map(([, handler]) => handler).join('\n');
    const state = new Map<string, unknown>();
    try {
      const first = await detectorPath(text, state);
      assert.equal(first.length, 3);
      const before = new Map(kept(state));
      assert.equal(before.size, 3, 'one kept result per unit of helper and handler');
      // Between the helpers and the handlers: every handler moves down two lines, no helper moves.
      const between = text.replace("return String(n).padStart(4, '0');", "const width = 4;\r\n\r\n  return String(n).padStart(width, '0');");
      const moved = await detectorPath(between, state);
      assert.deepStrictEqual(moved, await wholeFilePath(between, 'javascript'));
      assert.deepStrictEqual(moved.map((d) => d.start), first.map((d) => d.start), 'the sinks, in the helpers, stay');
      const shift = between.length - text.length;
      assert.deepStrictEqual(moved.map((d) => d.related![0].start), first.map((d) => d.related![0].start + shift), 'the sources, in the handlers, move');
      assert.ok([...kept(state).values()].every((result) => [...before.values()].includes(result)), 'every unit was reused');
      // Inside one handler: only its unit is new.
      const inHandler = between.replace('req.query.doc));\n});\n\napp.get', 'req.query.docs));\n});\n\napp.get');
      const edited = await detectorPath(inHandler, state);
      assert.deepStrictEqual(edited, await wholeFilePath(inHandler, 'javascript'));
      assert.match(edited[0].message, /req\.query\.docs/);
      const reused = [...kept(state).values()].filter((result) => [...before.values()].includes(result));
      assert.equal(reused.length, 2, 'the two untouched units are reused');
    } finally {
      releaseSyntaxState(state);
    }
  });
});
