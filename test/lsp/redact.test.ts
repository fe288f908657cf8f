import { strict as assert } from 'node:assert';
import { join, synth } from '../../src/engine/rules/samples';
import { redactTrace } from '../../src/client/redact';

// The client's LSP trace channel: messages keep their shape, document text does not get through.

describe('client trace redaction', () => {
  const secret = join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 51));

  it('drops the text of didOpen, didChange and edits, keeping the rest', () => {
    const didOpen = JSON.stringify({ textDocument: { uri: 'file:///a.ts', languageId: 'typescript', version: 1, text: `const id = "${secret}";\n` } }, null, 4);
    const didChange = JSON.stringify({ contentChanges: [{ range: { start: { line: 0, character: 0 } }, text: secret }] });
    const edit = JSON.stringify({ edit: { changes: { 'file:///.env': [{ newText: `AWS_ACCESS_KEY_ID="${secret}"\n` }] } } });
    for (const line of [didOpen, didChange, edit]) {
      const redacted = redactTrace(`Params: ${line}`);
      assert.ok(!redacted.includes(secret), redacted);
      assert.match(redacted, /characters not shown/);
    }
    assert.match(redactTrace(didOpen), /"languageId": "typescript"/);
  });
});
