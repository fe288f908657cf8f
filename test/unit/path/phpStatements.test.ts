import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultConfig, scan } from '../../../src/engine';
import { pathDetector } from '../../../src/engine/detectors/path';
import { applyRandomEdit, randomEdit, scanFromScratch, wholeFilePath, withState } from '../syntax/randomEdits';

// PHP files (WordPress's functions.php: 8,000 lines of top-level functions) are analysed statement
// by statement like JavaScript ones: only the statements that can hold a source, with what calls
// and top-level variables link to them. The findings must be those of a whole-file analysis, and
// those of a fresh scan after any edit with the document's state kept.

const HEADER = "<?php\n$root = '/srv/files';\n\n";

const BLOCKS = [
  'function read_doc($name) {\n  return file_get_contents($name);\n}\n',
  "function show() {\n  echo read_doc($_GET['doc']);\n}\n",
  "function safe() {\n  readfile('/srv/' . basename($_GET['f']));\n}\n",
  "function plain($n) {\n  return str_pad($n, 4, '0');\n}\n",
  "$wanted = $_POST['name'];\n",
  "$picked = $root . '/' . $wanted;\n",
  'unlink($picked);\n',
  "$label = 'request_failed';\n",
  "class Files {\n  public function get($request) {\n    return file_get_contents($request->input('f'));\n  }\n}\n",
  "function upload() {\n  move_uploaded_file($_FILES['f']['tmp_name'], '/srv/' . $_FILES['f']['name']);\n}\n",
  'if (isset($argv[1])) {\n  include $argv[1];\n}\n',
];

const SNIPPETS = ['x', ' ', '\n', '\r\n', ';', '{', '}', '(', "'", '$wanted', "$_GET['q']", 'read_doc(', 'basename(', '\nfunction read_doc($n) { return $n; }\n'];

const edit = randomEdit(SNIPPETS);

const file = { path: 'web/functions.php', languageId: 'php' };
const config = defaultConfig();

const detectorPath = (text: string, state: Map<string, unknown>) => pathDetector.detect({ text, file, language: 'php', kind: 'code', config, state });

describe('path: PHP statement by statement', () => {
  it('finds what the whole-file analysis finds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: BLOCKS.length - 1 }), { minLength: 3, maxLength: 16 }), async (picks) => {
        const text = HEADER + picks.map((i) => BLOCKS[i]).join('\n');
        await withState(async (state) => assert.deepStrictEqual(await detectorPath(text, state), await wholeFilePath(text, 'php'), JSON.stringify(text)));
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same findings with the state kept as from scratch, after random edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: BLOCKS.length - 1 }), { minLength: 4, maxLength: 16 }), fc.array(edit, { minLength: 1, maxLength: 8 }), async (picks, edits) => {
        let text = HEADER + picks.map((i) => BLOCKS[i]).join('\n');
        await withState(async (state) => {
          await scan(text, file, config, { state });
          for (const change of edits) {
            text = applyRandomEdit(text, change);
            const fresh = await scanFromScratch(text, file, config);
            assert.deepStrictEqual(await scan(text, file, config, { state }), fresh, JSON.stringify(text));
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('follows a superglobal through top-level variables and a helper, and reuses the units an edit does not touch', async () => {
    const text = HEADER + [0, 1, 3, 4, 5, 6, 2].map((i) => BLOCKS[i]).join('\n');
    await withState(async (state) => {
      const first = await detectorPath(text, state);
      assert.deepStrictEqual(first, await wholeFilePath(text, 'php'));
      assert.deepStrictEqual(first.map((d) => /`([^`]+)`/.exec(d.message)?.[1]), ["$_GET['doc']", "$_POST['name']"]);
      const kept = () => [...(state.get('path:statements') as { results: Map<string, unknown> }).results.values()];
      const before = kept();
      const edited = text.replace("str_pad($n, 4, '0')", "str_pad($n, 8, '0')");
      assert.deepStrictEqual(await detectorPath(edited, state), await wholeFilePath(edited, 'php'));
      assert.ok(kept().every((result) => before.includes(result)), 'an edit in an unlinked function reuses every unit');
    });
  });
});
