import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultConfig, scan } from '../../../src/engine';
import { pathDetector } from '../../../src/engine/detectors/path';
import { pathProfileFor } from '../../../src/engine/rules/path/profiles';
import { TaintAnalysis } from '../../../src/engine/rules/path/taint';
import { flowToDetection } from '../../../src/engine/rules/path/report';
import { parse, releaseSyntaxState } from '../../../src/engine/syntax';

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

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.constantFrom(...SNIPPETS),
});

const file = { path: 'web/functions.php', languageId: 'php' };
const config = defaultConfig();

function applyEdit(text: string, { at, remove, insert }: { at: number; remove: number; insert: string }): string {
  const start = Math.min(text.length, Math.floor(at * text.length));
  return text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
}

async function withState<T>(run: (state: Map<string, unknown>) => Promise<T>): Promise<T> {
  const state = new Map<string, unknown>();
  try {
    return await run(state);
  } finally {
    releaseSyntaxState(state);
  }
}

const detectorPath = (text: string, state: Map<string, unknown>) => pathDetector.detect({ text, file, language: 'php', kind: 'code', config, state });

/** The path findings of a whole-file analysis, with no statement scoping and nothing reused. */
function wholeFilePath(text: string) {
  return withState(async (state) => {
    const tree = (await parse(text, 'php', state))!;
    const profile = pathProfileFor('php')!;
    return new TaintAnalysis(tree.rootNode, 'php', profile, new Set(), text).flows().map((flow) => flowToDetection(flow, 'php', profile, text));
  });
}

describe('path: PHP statement by statement', () => {
  it('finds what the whole-file analysis finds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: BLOCKS.length - 1 }), { minLength: 3, maxLength: 16 }), async (picks) => {
        const text = HEADER + picks.map((i) => BLOCKS[i]).join('\n');
        await withState(async (state) => assert.deepStrictEqual(await detectorPath(text, state), await wholeFilePath(text), JSON.stringify(text)));
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
            text = applyEdit(text, change);
            const fresh = await withState((own) => scan(text, file, config, { state: own }));
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
      assert.deepStrictEqual(first, await wholeFilePath(text));
      assert.deepStrictEqual(first.map((d) => /`([^`]+)`/.exec(d.message)?.[1]), ["$_GET['doc']", "$_POST['name']"]);
      const kept = () => [...(state.get('path:statements') as { results: Map<string, unknown> }).results.values()];
      const before = kept();
      const edited = text.replace("str_pad($n, 4, '0')", "str_pad($n, 8, '0')");
      assert.deepStrictEqual(await detectorPath(edited, state), await wholeFilePath(edited));
      assert.ok(kept().every((result) => before.includes(result)), 'an edit in an unlinked function reuses every unit');
    });
  });
});
