import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineIndex, defaultConfig, scan } from '../../src/engine';
import { join, synth } from '../../src/engine/rules/samples';
import { applyRandomEdit, randomEdit, scanFromScratch } from './syntax/randomEdits';

// A document rescanned after each keystroke keeps its line index and its suppression comments
// from the last scan (scan.ts): the index is updated around the edit, the suppressions kept while
// no line comes or goes and no marker line is touched. Both must answer as if read afresh.

const piece = fc.constantFrom('a', ' ', '\n', '\r\n', '\r', '\r\r\n', 'é', '😀', '\n\n');
const text = fc.array(piece, { maxLength: 50 }).map((parts) => parts.join(''));

function starts(lines: LineIndex): number[] {
  return Array.from({ length: lines.lineCount }, (_, line) => lines.lineStart(line));
}

describe('line index and suppressions after edits', () => {
  it('updates the line index around an edit as a fresh read would, whatever the line ends', () => {
    fc.assert(
      fc.property(text, fc.array(randomEdit(['\n', '\r', '\r\n', 'x', '', '\r\r', '\n\r']), { minLength: 1, maxLength: 8 }), (start, edits) => {
        let lines = new LineIndex(start);
        let value = start;
        for (const edit of edits) {
          value = applyRandomEdit(value, edit);
          lines = LineIndex.edited(lines, value);
          assert.deepStrictEqual(starts(lines), starts(new LineIndex(value)), JSON.stringify(value));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds with the state kept what a fresh scan finds, suppression comments typed, moved and removed', async () => {
    const key = join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 91));
    const base = [
      'const a = 1;',
      `const id = "${key}";`,
      '// secure-hygiene-ignore-next-line secret/aws-access-key-id -- a test account',
      `const other = "${key}";`,
      'const b = 2;',
      '',
    ].join('\n');
    const file = { path: 'src/keys.ts', languageId: 'typescript', gitState: 'untracked' as const };
    const config = defaultConfig();
    const snippets = ['x', '\n', '\r\n', ' // secure-hygiene-ignore secret/aws-access-key-id -- fine', '// gitleaks:allow', '-', 'secure-hygiene-ignore'];
    await fc.assert(
      fc.asyncProperty(fc.array(randomEdit(snippets), { minLength: 1, maxLength: 8 }), async (edits) => {
        const state = new Map<string, unknown>();
        let value = base;
        await scan(value, file, config, { state });
        for (const edit of edits) {
          value = applyRandomEdit(value, edit);
          assert.deepStrictEqual(await scan(value, file, config, { state }), await scanFromScratch(value, file, config), JSON.stringify(value));
        }
      }),
      { numRuns: 150 },
    );
  });
});
