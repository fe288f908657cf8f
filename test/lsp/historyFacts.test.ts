import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, FileChangeType, type CodeAction, type Command, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { join, synth } from '../../src/engine/rules/samples';
import { HISTORY_LEAKS_COMMAND, type HistoryLeaksResult } from '../../src/shared/protocol';
import { parseSettings } from '../../src/server/settings';
import { buildOnce, fileUri, startServer, type TestServer } from './harness';

// "Committed" includes the history (issue 18): a key that an earlier commit added and a later one
// removed is leaked. Typed again into a file (tracked or not), the diagnostic says so with the
// commit that first added it, and so does the move fix's follow-up; the history command lists it as
// "removed, still leaked". New commits are read incrementally when git's index changes.

const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const AWS = 'secret/aws-access-key-id';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

const byKey = (diagnostics: Diagnostic[], key: string) => diagnostics.find((d) => d.code === AWS && d.message.includes(key.slice(-4)));
const isAction = (item: CodeAction | Command): item is CodeAction => !('command' in item && typeof item.command === 'string');

describe('language server: secrets the git history holds', function () {
  this.timeout(60_000);
  let repo: string;
  let server: TestServer;
  const file = (name: string) => path.join(repo, name);
  const indexChanged = () => server.changeWatchedFiles([{ uri: fileUri(path.join(repo, '.git', 'index')), type: FileChangeType.Changed }]);
  const leakedKey = awsKeyId(61);
  const laterKey = awsKeyId(62);
  const freshKey = awsKeyId(63);
  let firstCommit: string;

  before(async () => {
    buildOnce();
    repo = mkdtempSync(path.join(tmpdir(), 'sh-lsp-history-'));
    git(repo, 'init', '-q');
    writeFileSync(file('README.md'), '# demo\n');
    git(repo, 'add', 'README.md');
    git(repo, 'commit', '-q', '-m', 'start');
    writeFileSync(file('old.ts'), `// settings\nexport const key = "${leakedKey}";\n`);
    git(repo, 'add', 'old.ts');
    git(repo, 'commit', '-q', '-m', 'add a key');
    firstCommit = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'rm', '-q', 'old.ts');
    git(repo, 'commit', '-q', '-m', 'remove the key');
    server = await startServer({ cwd: repo });
  });
  after(async () => {
    await server?.shutdown();
    rmSync(repo, { recursive: true, force: true });
  });

  it('says a key typed into an untracked file was committed before, with the commit; a fresh key is not', async () => {
    const text = `export const a = "${leakedKey}";\nexport const b = "${freshKey}";\n`;
    writeFileSync(file('app.ts'), text);
    const uri = fileUri(file('app.ts'));
    server.open(uri, 'typescript', text);
    // The first publication comes before the history is read; the server publishes again once it is.
    const settled = await server.waitForDiagnostics(uri, (d) => /history/.test(byKey(d, leakedKey)?.message ?? ''));
    const leaked = byKey(settled, leakedKey)!;
    assert.equal(leaked.severity, DiagnosticSeverity.Error);
    assert.match(leaked.message, new RegExp(`was committed to git in ${firstCommit.slice(0, 12)} \\(\\d{4}-\\d\\d-\\d\\d\\), old\\.ts:2: .*leaked.*Rotate it now`));
    assert.ok(!leaked.message.includes(leakedKey), 'the value is masked');
    assert.equal((leaked.data as { committed?: boolean }).committed, true);
    const fresh = byKey(settled, freshKey)!;
    assert.doesNotMatch(fresh.message, /history|committed to git/);
    assert.notEqual(fresh.severity, DiagnosticSeverity.Error, 'untracked and never committed: a warning');

    // The move fix's follow-up says to rotate, with the commit.
    const actions = (await server.codeActions(uri, leaked.range, [leaked])).filter(isAction);
    const move = actions.find((action) => /^Move secret to/.test(action.title) && action.edit);
    assert.ok(move, JSON.stringify(actions.map((action) => action.title)));
    const notes = JSON.stringify(move!.command?.arguments ?? []);
    assert.match(notes, new RegExp(`was committed to git in commit ${firstCommit.slice(0, 12)}.*Rotate it`));
    assert.ok(!notes.includes(leakedKey));
    server.close(uri);
  });

  it('lists what the history holds, removed-but-leaked ones flagged, values masked; new commits are read on a git change', async () => {
    const first = (await server.executeCommand(HISTORY_LEAKS_COMMAND)) as HistoryLeaksResult;
    assert.equal(first.folders.length, 1);
    const [folder] = first.folders;
    assert.equal(folder.state, 'ready');
    assert.equal(folder.commits, 3);
    assert.equal(folder.leaks.length, 1, JSON.stringify(folder.leaks));
    assert.deepEqual(
      { ruleId: folder.leaks[0].ruleId, path: folder.leaks[0].path, line: folder.leaks[0].line, commit: folder.leaks[0].commit, presentAtHead: folder.leaks[0].presentAtHead },
      { ruleId: AWS, path: 'old.ts', line: 2, commit: firstCommit, presentAtHead: false },
    );
    assert.ok(!JSON.stringify(first).includes(leakedKey), 'never the value');

    // A new commit that keeps its key: listed, present at HEAD.
    writeFileSync(file('config.ts'), `export const k = "${laterKey}";\n`);
    git(repo, 'add', 'config.ts');
    git(repo, 'commit', '-q', '-m', 'another key');
    indexChanged();
    const second = (await server.executeCommand(HISTORY_LEAKS_COMMAND, { notify: true })) as HistoryLeaksResult;
    const leaks = second.folders[0].leaks;
    assert.equal(second.folders[0].commits, 4);
    assert.deepEqual(leaks.map((leak) => [leak.path, leak.presentAtHead]), [['old.ts', false], ['config.ts', true]]);
    const summary = await server.waitForMessage((message) => /git history holds 2 secret/.test(message.message));
    assert.match(summary.message, /1 removed since but still leaked.*old\.ts:2/);
    assert.ok(!summary.message.includes(leakedKey));
  });

  it('knows a key ssh-keygen wrote, committed and git rm\'d, when it is pasted back into a file', async () => {
    const keyDir = mkdtempSync(path.join(tmpdir(), 'sh-lsp-keygen-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(keyDir, 'deploy_key')]);
    const key = readFileSync(path.join(keyDir, 'deploy_key'), 'utf8');
    rmSync(keyDir, { recursive: true, force: true });
    writeFileSync(file('deploy_key'), key);
    git(repo, 'add', 'deploy_key');
    git(repo, 'commit', '-q', '-m', 'deploy key');
    const keyCommit = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'rm', '-q', 'deploy_key');
    git(repo, 'commit', '-q', '-m', 'remove deploy key');
    indexChanged();
    const text = `export const key = \`${key}\`;\n`;
    writeFileSync(file('pasted.ts'), text);
    const uri = fileUri(file('pasted.ts'));
    server.open(uri, 'typescript', text);
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'secret/private-key' && /history/.test(x.message)));
    const leaked = diagnostics.find((x) => x.code === 'secret/private-key')!;
    assert.match(leaked.message, new RegExp(`committed to git in ${keyCommit.slice(0, 12)} .*deploy_key:1`));
    assert.ok(!leaked.message.includes(key.split('\n')[1]), 'the key body is masked');
    server.close(uri);
  });

  it('stops saying so when secureHygiene.history.enable is turned off, and says so again when it is back on', async () => {
    const text = `export const again = "${leakedKey}";\n`;
    writeFileSync(file('other.ts'), text);
    const uri = fileUri(file('other.ts'));
    server.open(uri, 'typescript', text);
    await server.waitForDiagnostics(uri, (d) => /history/.test(byKey(d, leakedKey)?.message ?? ''));
    // A settings change re-scans every open document with the new settings.
    server.setSettings({ secureHygiene: { history: { enable: false } } });
    const off = await server.nextDiagnostics(uri, (d) => byKey(d, leakedKey) !== undefined && !/history/.test(byKey(d, leakedKey)!.message));
    assert.doesNotMatch(byKey(off, leakedKey)!.message, /committed to git/);
    server.setSettings({ secureHygiene: {} });
    await server.nextDiagnostics(uri, (d) => /history/.test(byKey(d, leakedKey)?.message ?? ''));
    server.close(uri);
  });
});

describe('settings: secureHygiene.history', () => {
  it('defaults to on with the newest 10,000 commits, and names what is wrong without quoting it', () => {
    assert.deepEqual(parseSettings({}).history, { enable: true, maxCommits: 10_000 });
    assert.deepEqual(parseSettings({ history: { enable: false, maxCommits: 50 } }).history, { enable: false, maxCommits: 50 });
    const wrong = parseSettings({ history: { enable: 'yes', maxCommits: -3 } });
    assert.deepEqual(wrong.history, { enable: true, maxCommits: 10_000 });
    assert.equal(wrong.errors.length, 2);
    assert.match(wrong.errors.join('\n'), /history\.enable must be true or false.*\n.*history\.maxCommits must be a whole number/);
    assert.match(parseSettings({ history: 'on' }).errors[0], /secureHygiene\.history must be an object/);
  });
});
