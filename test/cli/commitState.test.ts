import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { join, synth } from '../../src/engine/rules/samples';
import { ensureBuilt, runCli } from './run';

// The CLI words "committed" as the editor does: by the secret's value in HEAD or the index, not
// by the file being tracked; and a .env that a committed .gitignore ignores stays quiet.

const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));

interface JsonReport {
  files: { path: string; findings: { ruleId: string; severity: string; message: string; data?: { committed?: boolean } }[] }[];
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

describe('CLI scan: committed is a fact about the secret', function () {
  this.timeout(120_000);
  let repo: string;
  before(() => {
    ensureBuilt();
    repo = mkdtempSync(path.join(tmpdir(), 'sh-cli-commit-'));
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it('says rotate only for the committed or staged value; the typed one will be committed with the next commit', () => {
    const committedKey = awsKeyId(91);
    const typedKey = awsKeyId(92);
    git(repo, 'init', '-q');
    writeFileSync(path.join(repo, '.gitignore'), '.env\n');
    writeFileSync(path.join(repo, 'app.ts'), `export const a = "${committedKey}";\n`);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'initial');
    writeFileSync(path.join(repo, 'app.ts'), `export const a = "${committedKey}";\nexport const b = "${typedKey}";\n`);
    writeFileSync(path.join(repo, '.env'), `AWS_ACCESS_KEY_ID=${awsKeyId(93)}\n`);

    const scan = () => {
      const run = runCli(['scan', '.', '-f', 'json', '-q'], repo);
      assert.ok(![committedKey, typedKey].some((key) => (run.stdout + run.stderr).includes(key)), 'a full key was printed');
      return JSON.parse(run.stdout) as JsonReport;
    };
    const report = scan();
    assert.deepEqual(report.files.map((file) => file.path), ['app.ts'], 'the ignored .env is quiet');
    const [committed, typed] = report.files[0].findings;
    assert.equal(committed.severity, 'error');
    assert.match(committed.message, /committed to git.*Rotate it now/);
    assert.equal(committed.data?.committed, true);
    assert.equal(typed.severity, 'error');
    assert.match(typed.message, /in a tracked file, not committed yet: it will be committed with your next commit/);
    assert.equal(typed.data?.committed, false);

    git(repo, 'add', 'app.ts');
    const staged = scan().files[0].findings[1];
    assert.match(staged.message, /committed to git/);
    assert.equal(staged.data?.committed, true);
  });
});
