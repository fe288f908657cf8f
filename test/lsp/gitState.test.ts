import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { join, synth } from '../../src/engine/rules/samples';
import { buildOnce, fileUri, startServer, type TestServer } from './harness';

// "Committed": the server asks git which files it tracks or has staged, and follows changes.

const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const AWS = 'secret/aws-access-key-id';
const aws = (diagnostics: Diagnostic[]) => diagnostics.find((d) => d.code === AWS);

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

describe('language server: git awareness', function () {
  this.timeout(30_000);
  let repo: string;
  let server: TestServer;
  const file = (name: string) => path.join(repo, name);
  const indexChanged = () => server.changeWatchedFiles([{ uri: fileUri(path.join(repo, '.git', 'index')), type: FileChangeType.Changed }]);

  before(async () => {
    buildOnce();
    repo = mkdtempSync(path.join(tmpdir(), 'sh-lsp-git-'));
    git(repo, 'init', '-q');
    writeFileSync(file('.gitignore'), '.env\n');
    writeFileSync(file('committed.ts'), `const id = "${awsKeyId(31)}";\n`);
    writeFileSync(file('.env.production'), `AWS_ACCESS_KEY_ID=${awsKeyId(32)}\n`);
    git(repo, 'add', '.gitignore', 'committed.ts', '.env.production');
    git(repo, 'commit', '-q', '-m', 'initial');
    writeFileSync(file('scratch.ts'), `const id = "${awsKeyId(33)}";\n`);
    writeFileSync(file('.env'), `AWS_ACCESS_KEY_ID=${awsKeyId(34)}\n`);
    server = await startServer({ cwd: repo });
  });
  after(async () => {
    await server?.shutdown();
    rmSync(repo, { recursive: true, force: true });
  });

  it('reports a secret in a committed file as an Error that says to rotate it', async () => {
    const uri = fileUri(file('committed.ts'));
    server.open(uri, 'typescript', `const id = "${awsKeyId(31)}";\n`);
    // The first answer may come before git's committed text is read; the exact one follows.
    const diagnostic = aws(await server.waitForDiagnostics(uri, (d) => /committed to git/.test(aws(d)?.message ?? '')))!;
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /[Rr]otate/);
    assert.equal((diagnostic.data as { committed?: boolean }).committed, true);
    server.close(uri);
  });

  it('reports a secret in an untracked file as a Warning, and as an Error once it is staged', async () => {
    const uri = fileUri(file('scratch.ts'));
    server.open(uri, 'typescript', `const id = "${awsKeyId(33)}";\n`);
    const before = aws(await server.waitForDiagnostics(uri, (d) => aws(d) !== undefined))!;
    assert.equal(before.severity, DiagnosticSeverity.Warning);
    assert.doesNotMatch(before.message, /committed to git/);

    git(repo, 'add', 'scratch.ts');
    indexChanged();
    const after = aws(await server.nextDiagnostics(uri, (d) => /committed to git/.test(aws(d)?.message ?? '')))!;
    assert.equal(after.severity, DiagnosticSeverity.Error);

    git(repo, 'rm', '-q', '--cached', 'scratch.ts');
    indexChanged();
    await server.nextDiagnostics(uri, (d) => aws(d)?.severity === DiagnosticSeverity.Warning);
    server.close(uri);
  });

  it('says nothing of a git-ignored .env, and flags a .env file that git tracks', async () => {
    const ignored = fileUri(file('.env'));
    server.open(ignored, 'dotenv', `AWS_ACCESS_KEY_ID=${awsKeyId(34)}\n`);
    assert.deepEqual(await server.waitForDiagnostics(ignored), []);

    const tracked = fileUri(file('.env.production'));
    server.open(tracked, 'dotenv', `AWS_ACCESS_KEY_ID=${awsKeyId(32)}\n`);
    const diagnostics = await server.waitForDiagnostics(tracked, (d) => d.length > 0);
    assert.ok(diagnostics.some((d) => d.code === 'secret/env-file-committed'), JSON.stringify(diagnostics.map((d) => d.code)));
    assert.equal(aws(diagnostics)?.severity, DiagnosticSeverity.Error);
  });

  it('learns of a file created after git was asked', async () => {
    writeFileSync(file('later.ts'), `const id = "${awsKeyId(35)}";\n`);
    git(repo, 'add', 'later.ts');
    const uri = fileUri(file('later.ts'));
    server.open(uri, 'typescript', `const id = "${awsKeyId(35)}";\n`);
    const diagnostic = aws(await server.waitForDiagnostics(uri, (d) => aws(d) !== undefined))!;
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error, 'staged before the server heard of it');
  });

  it('works in a folder without git', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'sh-lsp-nogit-'));
    const other = await startServer({ cwd: plain });
    try {
      const uri = fileUri(path.join(plain, 'a.ts'));
      other.open(uri, 'typescript', `const id = "${awsKeyId(36)}";\n`);
      const diagnostic = aws(await other.waitForDiagnostics(uri, (d) => aws(d) !== undefined))!;
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    } finally {
      await other.shutdown();
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
