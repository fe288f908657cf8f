import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultConfig, scan } from '../../../src/engine';
import { scanFromScratch, withState } from '../syntax/randomEdits';

// Keystrokes in statements that no path flow can touch (quietEdit.ts) reuse the last scan's units
// and move its findings. Whatever is typed there, even what makes the statement join a unit (a
// source, a call of a local helper, a mention of a variable holding input, a new definition), the
// findings must be those of a scan from scratch, positions and lines included.

const file = { path: 'src/server/routes.js', languageId: 'javascript' };
const config = defaultConfig();

/** Typed right after a marker; the statements holding one are quiet until something typed says otherwise. */
const MARKER = '/*q*/';

const HANDLERS = [
  "const fs = require('fs');\nconst path = require('path');\nconst ROOT = '/srv/files';\n",
  "function readDoc(name) {\n  return fs.readFileSync(path.join(ROOT, name), 'utf8');\n}\n",
  "app.get('/a', (req, res) => {\n  res.send(readDoc(req.query.doc));\n});\n",
  'const wanted = process.argv[2];\n',
  'fs.readFileSync(wanted);\n',
  "app.get('/e', (req, res) => {\n  res.download(path.join(ROOT, req.params.f));\n});\n",
];

const QUIET = [
  `function pad(n) {\n  ${MARKER}return String(n).padStart(4, '0');\n}\n`,
  `// notes ${MARKER} about the handlers\r\n`,
  `const LIMIT = ${MARKER}10;\n`,
  `class Plain {\n  size() {\n    ${MARKER}return 1;\n  }\n}\n`,
  `const label = 'a ${MARKER} b';\n`,
  // A sink fed a constant: typing a source, a variable holding input or a helper's call into it makes a flow.
  `const page = fs.readFileSync(path.join(ROOT, ${MARKER}'index.html'));\n`,
  `function load() {\n  return fs.readFileSync(path.join(ROOT, ${MARKER}'a.txt'));\n}\n`,
];

/** Quiet keystrokes, and ones that link the statement to a unit or change the tree around it. */
const TYPED = ['x', ' ', '7', '\n', '\r\n', '\r', ';', '}', '{', "'", '"fs"', 'req.query.q', 'readDoc(n)', 'wanted', 'req.query.q, ', 'wanted, ', 'readDoc(wanted), ', 'function readDoc(n) { return n; }', '\nfunction helper() {}\n'];

/** Mostly plain typing, as in an editor; now and then something that changes what the statement is. */
const typed = fc.oneof({ arbitrary: fc.constantFrom('x', ' ', '7', '\n', '\r\n'), weight: 3 }, { arbitrary: fc.constantFrom(...TYPED), weight: 1 });
const keystroke = fc.record({ marker: fc.nat({ max: 20 }), remove: fc.nat({ max: 2 }), typed });

function type(text: string, { marker, remove, typed }: { marker: number; remove: number; typed: string }): string {
  const places: number[] = [];
  for (let at = text.indexOf(MARKER); at !== -1; at = text.indexOf(MARKER, at + 1)) places.push(at + MARKER.length);
  if (places.length === 0) return text;
  const at = places[marker % places.length];
  // Never removes the marker that follows: the next keystroke can still find its place.
  const end = Math.min(at + remove, text.indexOf(MARKER, at) === -1 ? text.length : text.indexOf(MARKER, at));
  return text.slice(0, at) + typed + text.slice(end);
}

/** The path detector's kept results (internal): the same Map after an edit it handled as quiet. */
function keptResults(state: Map<string, unknown>): unknown {
  return (state.get('path:statements') as { results: unknown } | undefined)?.results;
}

describe('path: quiet edits (statements no flow can touch)', () => {
  it('give the findings of a scan from scratch, whatever is typed into those statements', async () => {
    let quiet = 0;
    let edits = 0;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(HANDLERS, { minLength: 2 }), fc.shuffledSubarray(QUIET, { minLength: 1 }), fc.array(keystroke, { minLength: 1, maxLength: 12 }), async (handlers, quietOnes, keystrokes) => {
        let text = [...handlers.slice(0, 1), ...quietOnes, ...handlers.slice(1)].join('\n');
        await withState(async (state) => {
          await scan(text, file, config, { state });
          for (const stroke of keystrokes) {
            text = type(text, stroke);
            const before = keptResults(state);
            const found = await scan(text, file, config, { state });
            edits += 1;
            if (keptResults(state) === before) quiet += 1;
            assert.deepStrictEqual(found, await scanFromScratch(text, file, config), JSON.stringify(text));
          }
        });
      }),
      { numRuns: 120 },
    );
    // The property is only worth something if many of its edits took the quiet way: 15-19% of
    // them in eight runs; a twentieth keeps this check far from the random spread.
    assert.ok(quiet > edits / 20, `${quiet} of ${edits} edits were handled as quiet`);
  });

  // Each of these changes the findings through a link of the edited statement to a handler: a
  // flow in it, through a source, a variable holding input or a helper returning input, or a
  // flow through a function a handler calls that the file did not define before. The edit must not be
  // taken for a quiet one, or the change would be missed.
  const HELPER = 'function fromArgs() {\n  return process.argv[3];\n}\n';
  const CALLS_TIDY = "app.get('/t', (req, res) => res.send(fs.readFileSync(tidy(req.query.f))));\n";
  const LINKING: [string, string, string, number][] = [
    ['a source', QUIET[5], 'req.query.q, ', +1],
    ['a variable holding input', QUIET[5], 'wanted, ', +1],
    ['a helper returning input', QUIET[5], 'fromArgs(), ', +1],
    ['the definition of the helper a handler calls', `const tidy = ${MARKER}10;\n`, '(name) => name || ', +1],
  ];
  for (const [what, statement, snippet, change] of LINKING) {
    it(`follows the findings when ${what} is typed into a statement no flow touched`, async () => {
      const lines = [HANDLERS[0], HANDLERS[3], HELPER, statement, CALLS_TIDY, QUIET[1]].join('\n');
      await withState(async (state) => {
        const before = await scan(lines, file, config, { state });
        const typedText = type(lines, { marker: 0, remove: 0, typed: snippet });
        const after = await scan(typedText, file, config, { state });
        assert.deepStrictEqual(after, await scanFromScratch(typedText, file, config));
        assert.equal(after.length, before.length + change, JSON.stringify(after.map((found) => found.message)));
      });
    });
  }

  it('moves a finding below the edited statement by the lines typed into it', async () => {
    const lines = [HANDLERS[0], QUIET[0], HANDLERS[5]].join('\n');
    await withState(async (state) => {
      const [first] = await scan(lines, file, config, { state });
      assert.equal(first?.ruleId, 'path/traversal');
      const results = keptResults(state);
      const typed = type(lines, { marker: 0, remove: 0, typed: '\n\n' });
      const [moved] = await scan(typed, file, config, { state });
      assert.equal(keptResults(state), results, 'the edit was handled as quiet');
      assert.equal(moved.range.start.line, first.range.start.line + 2);
    });
  });
});
