import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { join, synth } from '../../src/engine/rules/samples';
import { ensureBuilt, runCli } from './run';

// The CLI's line numbers are the editor's: `\r\n`, `\n` and a lone `\r` each end a line.

describe('CLI line numbers with every kind of line end', function () {
  this.timeout(120_000);
  let root: string;
  before(() => {
    ensureBuilt();
    root = mkdtempSync(path.join(tmpdir(), 'sh-cli-eol-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reports a secret after lone-\\r, \\r\\n and \\n lines on the line an editor shows', () => {
    const value = join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 21));
    const files = { 'cr.ts': '\r', 'crlf.ts': '\r\n', 'lf.ts': '\n', 'mixed.ts': ['\r', '\n', '\r\n', '\r'] } as const;
    for (const [name, eol] of Object.entries(files)) {
      const breaks = typeof eol === 'string' ? [eol, eol, eol, eol] : eol;
      const lines = ['// one', '// two', '', `const awsKey = "${value}";`, ''];
      writeFileSync(path.join(root, name), lines.map((line, i) => line + (i < breaks.length ? breaks[i] : '')).join(''));
    }
    const run = runCli(['scan', '.', '-f', 'json', '-q', '--no-git'], root);
    assert.ok(!(run.stdout + run.stderr).includes(value), 'a full secret was printed');
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string; line: number; column: number }[] }[] };
    const lines = Object.fromEntries(report.files.map((file) => [file.path, file.findings.filter((f) => f.ruleId === 'secret/aws-access-key-id').map((f) => `${f.line}:${f.column}`)]));
    const expected = `4:${'const awsKey = "'.length + 1}`;
    assert.deepEqual(lines, { 'cr.ts': [expected], 'crlf.ts': [expected], 'lf.ts': [expected], 'mixed.ts': [expected] });
  });
});
