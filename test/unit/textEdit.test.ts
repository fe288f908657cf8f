import { strict as assert } from 'node:assert';
import { applyTextEdit } from '../../src/server/scanMessages';

// The server posts a document's scan worker the edit since the version the worker holds
// (OpenDocument.editSince; test/unit/openDocument.test.ts checks that it gives the new text
// exactly). The worker applies it and checks the length it was told to expect.

describe('server: text edits posted to a scan worker', () => {
  it('applies an edit to the text it was made from', () => {
    assert.equal(applyTextEdit('hello world', { start: 6, end: 6, insert: 'there ', length: 17 }), 'hello there world');
    assert.equal(applyTextEdit('a\r\nb', { start: 1, end: 3, insert: '\n', length: 3 }), 'a\nb');
  });

  it('refuses an edit made from another text', () => {
    assert.throws(() => applyTextEdit('hi', { start: 6, end: 6, insert: 'there ', length: 17 }), /gave \d+ characters, not 17/);
  });
});
