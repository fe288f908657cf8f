import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { OpenDocument } from '../../src/server/openDocument';
import { applyTextEdit } from '../../src/server/scanMessages';

// The server's open documents answer as vscode-languageserver-textdocument's TextDocument does,
// whatever the edits (line ends of all three kinds, \r\n pairs split and joined, surrogate pairs,
// characters past a line's end, the line after the last, reversed ranges, whole-text changes),
// while building the text only when it is read; and the edit they give the scan worker turns the
// text it holds into the current one. (Lines past the one after the last are no LSP position:
// TextDocument's own line offsets get holes then, which nothing here should copy.)

const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', '😀', 'é', 'key = "x"');
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const position = fc.record({ line: fc.integer({ min: 0, max: 12 }), character: fc.integer({ min: -1, max: 14 }) });
const incremental = fc.record({ range: fc.record({ start: position, end: position }), text });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof({ weight: 9, arbitrary: incremental }, { weight: 1, arbitrary: fc.record({ text }) });
const versions = fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 25 });
const probes = fc.array(fc.integer({ min: -2, max: 60 }), { minLength: 3, maxLength: 6 });

/** The changes with their lines kept to the document's lines and the one after the last, as a client sends them. */
function valid(changes: TextDocumentContentChangeEvent[], document: TextDocument): TextDocumentContentChangeEvent[] {
  // Each change applies to the text the ones before it left: a scratch copy follows them.
  const scratch = TextDocument.create(document.uri, document.languageId, document.version, document.getText());
  return changes.map((change) => {
    const line = (at: { line: number; character: number }) => ({ ...at, line: Math.min(at.line, scratch.lineCount) });
    const kept = 'range' in change && change.range ? { ...change, range: { start: line(change.range.start), end: line(change.range.end) } } : change;
    TextDocument.update(scratch, [kept], scratch.version + 1);
    return kept;
  });
}

function sameAnswers(ours: OpenDocument, theirs: TextDocument, numbers: number[]): void {
  // Positions before the whole text, so that they are answered from the slices.
  for (const n of numbers) {
    assert.deepEqual(ours.positionAt(n), theirs.positionAt(n), `positionAt(${n})`);
    const at = { line: n % 7, character: n % 11 };
    assert.equal(ours.offsetAt(at), theirs.offsetAt(at), `offsetAt(${JSON.stringify(at)})`);
    assert.deepEqual(ours.getLineRange(n % 9), theirs.getLineRange(n % 9), `getLineRange(${n % 9})`);
    assert.equal(ours.getEOLCharacters(n % 9), theirs.getEOLCharacters(n % 9), `getEOLCharacters(${n % 9})`);
    const range = { start: { line: n % 3, character: n % 5 }, end: { line: n % 6, character: n % 4 } };
    assert.equal(ours.getText(range), theirs.getText(range), `getText(${JSON.stringify(range)})`);
  }
  assert.equal(ours.lineCount, theirs.lineCount, 'lineCount');
}

describe('server: open documents (openDocument.ts)', () => {
  it('answer as TextDocument does after any edits, with the text read now and then', () => {
    fc.assert(
      fc.property(text, versions, probes, fc.boolean(), (initial, edits, numbers, readEach) => {
        const ours = new OpenDocument('file:///a.ts', 'typescript', 1, initial);
        const theirs = TextDocument.create('file:///a.ts', 'typescript', 1, initial);
        edits.forEach((generated, i) => {
          const changes = valid(generated, theirs);
          ours.update(changes, i + 2);
          TextDocument.update(theirs, changes, i + 2);
          assert.equal(ours.version, theirs.version);
          sameAnswers(ours, theirs, numbers);
          if (readEach || i === edits.length - 1) assert.equal(ours.getText(), theirs.getText());
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the edit from any kept version to the current one', () => {
    fc.assert(
      fc.property(text, versions, fc.nat(), (initial, edits, pick) => {
        const ours = new OpenDocument('file:///a.ts', 'typescript', 1, initial);
        const theirs = TextDocument.create('file:///a.ts', 'typescript', 1, initial);
        const texts = new Map([[1, initial]]);
        edits.forEach((generated, i) => {
          const changes = valid(generated, theirs);
          ours.update(changes, i + 2);
          TextDocument.update(theirs, changes, i + 2);
          texts.set(i + 2, theirs.getText());
        });
        const from = 1 + (pick % texts.size);
        const edit = ours.editSince(from);
        // Undefined only when most of the text changed: the whole text is sent then.
        if (edit === undefined) return;
        assert.equal(applyTextEdit(texts.get(from)!, edit), theirs.getText(), `from version ${from}: ${JSON.stringify(edit)}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps a one-character edit of a large text to that character, and forgets versions past what it keeps', () => {
    const large = 'const a = 1;\r\n'.repeat(20_000);
    const document = new OpenDocument('file:///big.ts', 'typescript', 1, large);
    document.update([{ range: { start: { line: 9_000, character: 12 }, end: { line: 9_000, character: 12 } }, text: 'x' }], 2);
    assert.deepEqual(document.editSince(1), { start: 9_000 * 14 + 12, end: 9_000 * 14 + 12, insert: 'x', length: large.length + 1 });
    assert.deepEqual(document.editSince(2), { start: 0, end: 0, insert: '', length: large.length + 1 });
    for (let version = 3; version < 100; version += 1) {
      document.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'y' }], version);
    }
    assert.equal(document.editSince(1), undefined, 'version 1 is no longer kept');
    assert.equal(document.editSince(50)?.insert, 'y'.repeat(49));
  });
});
