import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { moduleFacts, readModuleFacts } from '../../../src/engine/rules/path/profiles/javascript';
import { applyRandomEdit, randomEdit } from '../syntax/randomEdits';

// What a JavaScript file says about its modules (fs imported, the path module's local name, path
// functions imported by name) is carried over a keystroke that cannot change it, instead of
// searched for in the whole file again. Whatever the edits, it must be what a fresh read says.

const FILLER = `// ${'filler '.repeat(180)}\n`;
const PIECES = [
  "const fs = require('fs');\n",
  "import * as nodePath from 'node:path';\n",
  "const { join: j, resolve } = require('path');\n",
  'let gfs = require("graceful-fs");\n',
  "import { readFile } from 'fs/promises';\n",
  "const label = 'fs';\n",
  'function f() {\n  return 1;\n}\n',
  FILLER,
  // One keystroke from a module name: 's' makes 'fs', 'h' makes 'path'.
  "const near = require('f');\n",
  "import far from 'pat';\n",
];
const SNIPPETS = ['s', 'h', FILLER, 'x', ' ', '\n', "'", '"', 'fs', "'path'", "'fs-extra'", 'require(', 'const ', 'import * as q from ', ' = ', '{ join }', 'node:'];

/** Sets and maps as sorted lists, for deepStrictEqual. */
function plain(facts: ReturnType<typeof moduleFacts>) {
  return { ...facts, fsNames: [...facts.fsNames].sort(), pathFunctions: [...facts.pathFunctions].sort() };
}

describe('path: a JavaScript file\'s module facts after edits', () => {
  it('are what a fresh read of the text finds, after any edits', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }), fc.array(randomEdit(SNIPPETS), { minLength: 1, maxLength: 12 }), (pieces, edits) => {
        let text = pieces.join('');
        moduleFacts(text);
        for (const edit of edits) {
          text = applyRandomEdit(text, edit);
          assert.deepStrictEqual(plain(moduleFacts(text)), plain(readModuleFacts(text).facts), JSON.stringify(text));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the same facts, unread, across a keystroke far from every quote and import', () => {
    const text = `${PIECES[0]}${PIECES[2]}${FILLER}${FILLER}function f() {\n  return 1;\n}\n`;
    const facts = moduleFacts(text);
    const at = text.indexOf('return');
    const typed = `${text.slice(0, at)}x${text.slice(at)}`;
    assert.equal(moduleFacts(typed), facts);
    assert.equal(moduleFacts(`${typed.slice(0, at)}'${typed.slice(at)}`) === facts, false, 'a quote typed there is read afresh');
  });

  it('reads again a keystroke that completes a module name between quotes', () => {
    const text = `${FILLER}const near = require('f');\n${FILLER}`;
    assert.equal(moduleFacts(text).importsFs, false);
    const at = text.indexOf("'f'") + 2;
    assert.equal(moduleFacts(`${text.slice(0, at)}s${text.slice(at)}`).importsFs, true);
  });

  it('follows an import that an earlier edit moved, when its name is edited', () => {
    const text = `${FILLER}const fs${' '.repeat(24)}= require('fs');\n`;
    assert.deepStrictEqual([...moduleFacts(text).fsNames], ['fs']);
    // Something new at the top (not a repeat of the filler, which would make the change look to be further down).
    const moved = `/* moved down ${' '.repeat(100)} */\n${text}`;
    assert.deepStrictEqual([...moduleFacts(moved).fsNames], ['fs']);
    const at = moved.indexOf('const fs') + 'const fs'.length;
    assert.deepStrictEqual([...moduleFacts(`${moved.slice(0, at)}z${moved.slice(at)}`).fsNames], ['fsz']);
  });
});
