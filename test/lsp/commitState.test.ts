import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, FileChangeType, type CodeAction, type Command, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { join, synth } from '../../src/engine/rules/samples';
import { buildOnce, fileUri, startServer, type TestServer } from './harness';

// "Committed" per secret, in a real git repository: a key typed into a tracked file but never
// committed is not "committed, rotate it"; a staged or committed one is. A .env that a committed
// .gitignore ignores is quiet whatever language id the editor gives it (code-server: properties,
// Neovim: sh).

const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const AWS = 'secret/aws-access-key-id';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

const byKey = (diagnostics: Diagnostic[], key: string) => diagnostics.find((d) => d.code === AWS && d.message.includes(key.slice(-4)));
const isAction = (item: CodeAction | Command): item is CodeAction => !('command' in item && typeof item.command === 'string');

describe('language server: committed is a fact about the secret', function () {
  this.timeout(60_000);
  let repo: string;
  let server: TestServer;
  const file = (name: string) => path.join(repo, name);
  const indexChanged = () => server.changeWatchedFiles([{ uri: fileUri(path.join(repo, '.git', 'index')), type: FileChangeType.Changed }]);
  const committedKey = awsKeyId(51);
  const typedKey = awsKeyId(52);

  before(async () => {
    buildOnce();
    repo = mkdtempSync(path.join(tmpdir(), 'sh-lsp-commit-'));
    git(repo, 'init', '-q');
    writeFileSync(file('.gitignore'), '.env\nnode_modules/\n');
    writeFileSync(file('app.ts'), `export const a = "${committedKey}";\n`);
    git(repo, 'add', '.gitignore', 'app.ts');
    git(repo, 'commit', '-q', '-m', 'initial');
    writeFileSync(file('.env'), `AWS_ACCESS_KEY_ID=${awsKeyId(53)}\nAWS_SECRET_ACCESS_KEY=${join('wJalr', synth('abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789', 35, 54))}\n`);
    server = await startServer({ cwd: repo });
  });
  after(async () => {
    await server?.shutdown();
    rmSync(repo, { recursive: true, force: true });
  });

  it('tells a committed key (rotate) from one typed into the tracked file (not committed yet), then follows git add', async () => {
    const text = `export const a = "${committedKey}";\nexport const b = "${typedKey}";\n`;
    writeFileSync(file('app.ts'), text);
    const uri = fileUri(file('app.ts'));
    server.open(uri, 'typescript', text);
    // The first publication may precede git's answer; wait for the exact one.
    const settled = await server.waitForDiagnostics(uri, (d) => /in a tracked file, not committed yet/.test(byKey(d, typedKey)?.message ?? ''));
    const committed = byKey(settled, committedKey)!;
    const typed = byKey(settled, typedKey)!;
    assert.equal(committed.severity, DiagnosticSeverity.Error);
    assert.match(committed.message, /committed to git.*Rotate it now/);
    assert.equal((committed.data as { committed?: boolean }).committed, true);
    assert.equal(typed.severity, DiagnosticSeverity.Error, 'still an Error: the next commit takes it');
    assert.match(typed.message, /in a tracked file, not committed yet: it will be committed with your next commit/);
    assert.doesNotMatch(typed.message, /[Rr]otate|committed to git/);
    assert.equal((typed.data as { committed?: boolean }).committed, false);

    // The move fix repeats the advice: a rotate follow-up for the committed key only.
    const notesOf = async (diagnostic: Diagnostic) => {
      const actions = (await server.codeActions(uri, diagnostic.range, [diagnostic])).filter(isAction);
      const move = actions.find((action) => /^Move secret to/.test(action.title) && action.edit);
      assert.ok(move, JSON.stringify(actions.map((action) => action.title)));
      assert.doesNotMatch(move!.title, /[Rr]otate|committed/);
      return JSON.stringify(move!.command?.arguments ?? []);
    };
    assert.match(await notesOf(committed), /was committed to git.*Rotate it/);
    assert.doesNotMatch(await notesOf(typed), /[Rr]otate|committed/);

    // Typing on: the scan worker already holds the committed texts (posted once, then named by
    // id), and still tells the two keys apart.
    const typedOn = `${text}// more\n`;
    server.change(uri, typedOn, 2);
    const again = await server.nextDiagnostics(uri, (d) => d.length === settled.length);
    assert.match(byKey(again, committedKey)!.message, /committed to git.*Rotate it now/);
    assert.match(byKey(again, typedKey)!.message, /in a tracked file, not committed yet/);
    server.change(uri, text, 3);
    await server.nextDiagnostics(uri);

    // Staged: the value is in the index, so it will leave with the next commit as it is.
    git(repo, 'add', 'app.ts');
    indexChanged();
    const staged = await server.nextDiagnostics(uri, (d) => /committed to git/.test(byKey(d, typedKey)?.message ?? ''));
    assert.equal(byKey(staged, typedKey)!.severity, DiagnosticSeverity.Error);
    assert.equal((byKey(staged, typedKey)!.data as { committed?: boolean }).committed, true);

    // Unstaged again and the file changed on disk: the exact state comes back without reopening.
    git(repo, 'reset', '-q', '--', 'app.ts');
    indexChanged();
    await server.nextDiagnostics(uri, (d) => /in a tracked file, not committed yet/.test(byKey(d, typedKey)?.message ?? ''));
    server.close(uri);
  });

  for (const languageId of ['properties', 'sh', 'dotenv', 'plaintext']) {
    it(`says nothing of a .env that a committed .gitignore ignores, opened as "${languageId}"`, async () => {
      assert.match(git(repo, 'check-ignore', '.env'), /\.env/);
      const uri = fileUri(file('.env'));
      server.open(uri, languageId, `AWS_ACCESS_KEY_ID=${awsKeyId(53)}\nAWS_SECRET_ACCESS_KEY=${join('wJalr', synth('abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789', 35, 54))}\n`);
      assert.deepEqual(await server.waitForDiagnostics(uri), []);
      // A key the move fix appends is as quiet.
      server.change(uri, `AWS_ACCESS_KEY_ID=${awsKeyId(53)}\nAWS_ACCESS_KEY_ID_2=${awsKeyId(55)}\n`, 2);
      assert.deepEqual(await server.nextDiagnostics(uri), []);
      server.close(uri);
    });
  }
});
