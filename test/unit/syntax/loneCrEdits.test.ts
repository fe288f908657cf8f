import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse, releaseSyntaxState } from '../../../src/engine/syntax';
import { applyRandomEdit, randomEdit, withState } from './randomEdits';

// The parser reads a lone `\r` as a line break (loneCrAsLf). Knowing the document's previous
// text held none, it looks for one only where an edit changed the text: whatever the edits
// (line breaks of every kind typed, split or joined), the tree must be the one a fresh parse of
// the new text gives, rows included.

const START = 'const a = 1;\r\nfunction f(x) {\r\n  return x;\r\n}\r\n// note\r\nconst b = f(a);\r\n';
const edit = randomEdit(['\r', '\n', '\r\n', 'x', ' ', ';', '\r\r', 'let c = 2;\r']);

function shape(tree: NonNullable<Awaited<ReturnType<typeof parse>>>): string {
  const root = tree.rootNode;
  return `${root.toString()} rows ${root.endPosition.row} children ${root.namedChildren.map((child) => child!.startPosition.row).join(',')}`;
}

describe('syntax: lone carriage returns after edits', () => {
  it('parses an edited document as a fresh parse of its text would, rows included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 10 }), async (edits) => {
        await withState(async (state) => {
          let text = START;
          await parse(text, 'javascript', state);
          for (const change of edits) {
            text = applyRandomEdit(text, change);
            const kept = shape((await parse(text, 'javascript', state))!);
            const fresh = await withState(async (own) => shape((await parse(text, 'javascript', own))!));
            assert.equal(kept, fresh, JSON.stringify(text));
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('counts a lone carriage return typed into a \\r\\n file as a line break', async () => {
    const state = new Map<string, unknown>();
    try {
      await parse(START, 'javascript', state);
      const edited = START.replace('return x;', 'return\rx;');
      const tree = (await parse(edited, 'javascript', state))!;
      const last = tree.rootNode.namedChildren.at(-1)!;
      assert.equal(last.startPosition.row, 6, 'one line more before the last statement');
    } finally {
      releaseSyntaxState(state);
    }
  });
});
