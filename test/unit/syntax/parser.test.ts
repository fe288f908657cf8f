import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { GRAMMARS, computeEdit, liveTreeCount, parse, pointAt, releaseSyntaxState, walk, type SyntaxNode } from '../../../src/engine/syntax';

const HELLO: Record<string, string> = {
  javascript: 'const a = require("fs"); a.readFileSync(x);',
  typescript: 'const a: string = f<number>(1);',
  typescriptreact: 'const A = () => <div>{x}</div>;',
  python: 'def f(x):\n    return open(x)\n',
  go: 'package main\nfunc main() { os.Open("x") }\n',
  java: 'class A { void f() { new File("x"); } }',
  csharp: 'class A { void F() { File.ReadAllText("x"); } }',
  ruby: 'def f\n  File.read("x")\nend\n',
  php: '<?php echo file_get_contents("x");',
  shellscript: 'curl -k https://example.com\n',
};

/** Every node as type@start-end, to compare two trees exactly. */
function shape(node: SyntaxNode): string {
  const parts: string[] = [];
  walk(node, (child) => {
    parts.push(`${child.type}@${child.startIndex}-${child.endIndex}:${child.startPosition.row}.${child.startPosition.column}`);
  });
  return parts.join(' ');
}

describe('syntax/parser', () => {
  it('loads every shipped grammar and parses a small file in each language', async () => {
    assert.equal(GRAMMARS.length, 10);
    for (const [language, text] of Object.entries(HELLO)) {
      const tree = await parse(text, language);
      assert.ok(tree, language);
      assert.equal(tree.rootNode.hasError, false, `${language}: ${tree.rootNode.toString()}`);
    }
  });

  it('returns undefined for a language without a grammar', async () => {
    assert.equal(await parse('key: value', 'yaml'), undefined);
  });

  it('gives indices and columns in UTF-16 code units, like String and LSP', async () => {
    const text = 'const a = "é😀";\nconst b = 1;';
    const tree = (await parse(text, 'javascript'))!;
    const second = tree.rootNode.namedChildren[1]!;
    assert.equal(second.startIndex, text.indexOf('const b'));
    assert.equal(tree.rootNode.namedChildren[0]!.endIndex, text.indexOf(';') + 1);
  });

  it('hands the same tree to a second detector scanning the same text', async () => {
    const state = new Map<string, unknown>();
    const first = await parse('let x = 1;', 'typescript', state);
    const second = await parse('let x = 1;', 'typescript', state);
    assert.equal(first, second);
    releaseSyntaxState(state);
  });

  it('reparses incrementally to exactly the tree a full parse gives for valid code, whatever the edit', async () => {
    const alphabet = ['a', 'b', ' ', '\n', '(', ')', '{', '}', ';', '"', '`', '$', 'é', '😀', '\r\n', '.', '=', '/'];
    const base = 'function f(req, res) {\n  const name = `é${req.params.x}`;\n  fs.readFile(path.join("😀", name), () => {});\n}\n';
    let validCompared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.array(fc.constantFrom(...alphabet), { maxLength: 4 })), { minLength: 1, maxLength: 6 }), async (edits) => {
        const state = new Map<string, unknown>();
        let text = base;
        await parse(text, 'typescript', state);
        for (const [at, removed, inserted] of edits) {
          const start = at % (text.length + 1);
          text = text.slice(0, start) + inserted.join('') + text.slice(Math.min(text.length, start + removed));
          const incremental = (await parse(text, 'typescript', state))!;
          const full = (await parse(text, 'typescript'))!;
          // Tree-sitter's error recovery may place ERROR nodes differently after an incremental
          // parse; only trees of valid code are promised to be identical. Broken code must still
          // be covered end to end, and the trees must agree again once the code is valid.
          if (full.rootNode.hasError) assert.equal(incremental.rootNode.endIndex, full.rootNode.endIndex);
          else {
            assert.equal(shape(incremental.rootNode), shape(full.rootNode));
            validCompared += 1;
          }
        }
        releaseSyntaxState(state);
      }),
      { numRuns: 200 },
    );
    assert.ok(validCompared >= 20, `only ${validCompared} edits left valid code to compare`);
  });

  it('keeps a bounded number of trees alive in WASM memory and frees them on release', async () => {
    const states = Array.from({ length: 40 }, () => new Map<string, unknown>());
    for (const [i, state] of states.entries()) await parse(`let v${i} = ${i};`, 'javascript', state);
    assert.ok(liveTreeCount() <= 32, `live trees: ${liveTreeCount()}`);
    // An evicted document is simply parsed again in full.
    const tree = await parse('let v0 = 0;', 'javascript', states[0]);
    assert.equal(tree!.rootNode.text, 'let v0 = 0;');
    const before = liveTreeCount();
    releaseSyntaxState(states[0]);
    assert.equal(liveTreeCount(), before - 1);
    states.forEach(releaseSyntaxState);
  });
});

describe('syntax/edit', () => {
  it('finds the one edit between two texts, with rows and UTF-16 columns', () => {
    assert.deepEqual(computeEdit('ab\ncd\nef', 'ab\ncXd\nef'), {
      startIndex: 4, oldEndIndex: 4, newEndIndex: 5,
      startPosition: { row: 1, column: 1 }, oldEndPosition: { row: 1, column: 1 }, newEndPosition: { row: 1, column: 2 },
    });
    assert.equal(computeEdit('same', 'same'), undefined);
    const deleteLine = computeEdit('a\nbb\nc', 'a\nc')!;
    assert.deepEqual([deleteLine.startIndex, deleteLine.oldEndIndex, deleteLine.newEndIndex], [2, 5, 2]);
    assert.deepEqual(deleteLine.oldEndPosition, { row: 2, column: 0 });
  });

  it('never splits a surrogate pair', () => {
    const edit = computeEdit('x😀y', 'x😁y')!;
    assert.equal(edit.startIndex, 1);
    assert.equal(edit.oldEndIndex, 3);
  });

  it('counts rows on \\n only, columns in code units', () => {
    assert.deepEqual(pointAt('é\r\n😀x', 5), { row: 1, column: 2 });
  });

  it('gives the same edit when rows are counted from a known row before it (the old tree\'s node there)', () => {
    const text = fc.array(fc.constantFrom('a', 'é', '😀', ' ', '\n', '\r\n', '\r'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', 'x', '\n', 'y\r\nz'), fc.nat(), (old, at, removed, inserted, anchorAt) => {
        const start = at % (old.length + 1);
        const changed = old.slice(0, start) + inserted + old.slice(Math.min(old.length, start + removed));
        const anchor = anchorAt % (old.length + 1);
        const known = { index: anchor, row: pointAt(old, anchor).row };
        // An anchor after the edit is not used: the rows are counted from the top instead.
        assert.deepEqual(computeEdit(old, changed, undefined, () => known), computeEdit(old, changed), JSON.stringify({ old, changed, anchor }));
      }),
      { numRuns: 500 },
    );
  });
});
