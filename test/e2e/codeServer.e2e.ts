// Secure Hygiene inside a real VS Code: code-server serving the workbench to headless Chromium, the
// packaged .vsix installed into a fresh extensions folder, a git fixture opened as the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMasked, type PlantedSecret } from './fixture';
import { startSession, waitForFile, type Session } from './harness/session';
import { until, type Workbench } from './harness/workbench';
import { ARTIFACTS_DIR, failureArtifacts } from './harness/artifacts';
import { answerPolicyPrompts, POLICY_COMMAND, POLICY_CONTACT } from './harness/policy';

/** 1-based column of the middle of the secret on its line. */
function secretColumn(secret: PlantedSecret): number {
  return secret.text.indexOf(secret.value) + Math.floor(secret.value.length / 2) + 1;
}

describe('VS Code (code-server in headless Chromium)', function () {
  let session: Session;
  let wb: Workbench;

  before(async function () {
    // The first run installs code-server into the cache (about a minute here); later runs reuse it.
    this.timeout(30 * 60_000);
    fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
    session = await startSession();
    wb = session.workbench;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await failureArtifacts(session, this.currentTest.fullTitle());
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
  });

  it('activates and its output channel reports the language server running', async function () {
    const text = await wb.waitForOutput('Secure Hygiene', 'language server running');
    assert.match(text, /Secure Hygiene language server running/);
  });

  it('starts the server without logging errors in its output channel', async function () {
    await wb.waitForOutput('Secure Hygiene', 'language server running');
    // The channel's own log file, which the extension host writes: every line, not only those in sight.
    const log = session.server.channelLog('Secure Hygiene');
    const errors = log.split('\n').filter((line) => /\[error\]|\[Error\b/.test(line));
    assert.deepEqual(errors, [], `the "Secure Hygiene" channel logged errors:\n${log}`);
  });

  it('marks the committed secret with an error squiggle and an Error in Problems: provider named, value masked, rule id shown', async function () {
    const { committed } = session.fixture;
    await wb.openFile(committed.file);
    await wb.waitForSquiggle(committed.line, 'error');
    const problem = await wb.waitForProblem({ file: committed.file, code: committed.ruleId, line: committed.line });
    assert.equal(problem.severity, 'error', `a committed secret is an Error: ${JSON.stringify(problem)}`);
    assert.equal(problem.source, 'Secure Hygiene');
    assert.match(problem.code, new RegExp(committed.ruleId.replace('/', '\\/')));
    assert.match(problem.message, committed.provider, `the message names the provider: ${problem.message}`);
    assert.ok(isMasked(problem.message, committed.value), `the Problems entry masks the value: ${problem.message}`);
    assert.ok(isMasked(problem.ariaLabel, committed.value), `the screen-reader text masks the value: ${problem.ariaLabel}`);

    const hover = await wb.hoverSquiggle(committed.line, 'error');
    assert.match(hover, committed.provider, `the hover names the provider: ${hover}`);
    assert.ok(isMasked(hover, committed.value), `the hover masks the value: ${hover}`);
    await wb.page.keyboard.press('Escape');
  });

  it('reports the secret in the untracked file as a Warning', async function () {
    const { untracked } = session.fixture;
    await wb.openFile(untracked.file);
    await wb.waitForSquiggle(untracked.line, 'warning');
    const problem = await wb.waitForProblem({ file: untracked.file, code: untracked.ruleId, line: untracked.line });
    assert.equal(problem.severity, 'warning', `an untracked file's secret is a Warning: ${JSON.stringify(problem)}`);
    assert.match(problem.message, untracked.provider);
    assert.ok(isMasked(problem.message, untracked.value), `the Problems entry masks the value: ${problem.message}`);
  });

  it('offers "Move ... to .env" on Ctrl+.; choosing it rewrites the line, writes .env, ignores it in git; one Ctrl+Z restores the line', async function () {
    const { movable, root } = session.fixture;
    await wb.openFile(movable.file);
    await wb.waitForSquiggle(movable.line, 'error');
    await wb.goTo(movable.line, secretColumn(movable));
    const items = await wb.openQuickFixMenu(movable.line);
    const move = items.find((item) => /^Move .*\.env/.test(item.label));
    assert.ok(move, `the light bulb offers a "Move ... to .env" fix; it lists ${JSON.stringify(items.map((item) => item.label))}`);
    for (const item of items) assert.ok(isMasked(item.label, movable.value), `menu items mask the value: ${item.label}`);
    await wb.chooseQuickFix(new RegExp(`^${move.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));

    const rewritten = await wb.waitForLine(movable.line, /process\.env\.[A-Z0-9_]+/, 'the secret line to read from process.env');
    assert.ok(!rewritten.includes(movable.value), `the line no longer holds the secret: ${rewritten}`);
    const env = await waitForFile(path.join(root, '.env'), (text) => text.includes(movable.value), '.env on disk to hold the moved value');
    assert.match(env, /^[A-Z0-9_]+=/m);
    const gitignore = await waitForFile(
      path.join(root, '.gitignore'),
      (text) => text.split(/\r?\n/).some((line) => /^\/?\.env$/.test(line.trim())),
      '.gitignore on disk to ignore .env',
    );
    assert.ok(!gitignore.includes(movable.value), '.gitignore never receives the secret');

    await wb.activeEditor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Z');
    await wb.waitForLine(movable.line, movable.text, 'one Ctrl+Z to restore the original line');
  });

  it('shows the disabled-TLS line', async function () {
    const { tls } = session.fixture;
    await wb.openFile(tls.file);
    const problem = await wb.waitForProblem({ file: tls.file, code: tls.ruleId, line: tls.line });
    assert.equal(problem.source, 'Secure Hygiene');
    await wb.waitForSquiggle(tls.line, problem.severity === 'error' ? 'error' : 'warning');
  });

  it('shows the path-traversal flow', async function () {
    const { traversal } = session.fixture;
    await wb.openFile(traversal.file);
    const problem = await wb.waitForProblem({ file: traversal.file, code: traversal.ruleId, line: traversal.line });
    assert.equal(problem.source, 'Secure Hygiene');
    await wb.waitForSquiggle(traversal.line, problem.severity === 'error' ? 'error' : 'warning');
  });

  it('runs "Secure Hygiene: Create Security Policy" from the palette, answers its prompts and opens SECURITY.md', async function () {
    const { root } = session.fixture;
    await wb.runCommand(POLICY_COMMAND, { asks: true });
    await answerPolicyPrompts(wb);
    await until('the SECURITY.md editor to open', wb.activeTab('SECURITY.md').waitFor());
    await wb.waitForLine(1, /^# /, 'SECURITY.md to start with a heading');
    const onDisk = await waitForFile(path.join(root, 'SECURITY.md'), (text) => text.includes(POLICY_CONTACT), 'SECURITY.md on disk with the contact');
    assert.match(onDisk, /^# /);
  });

  it('a suppression quick fix (with its reason) makes the finding disappear', async function () {
    const { suppressible } = session.fixture;
    await wb.openFile(suppressible.file);
    await wb.waitForSquiggle(suppressible.line, 'error');
    await wb.goTo(suppressible.line, secretColumn(suppressible));
    const items = await wb.openQuickFixMenu(suppressible.line);
    const suppress = items.find((item) => /^(suppress|ignore)\b.*\bthis line\b/i.test(item.label));
    assert.ok(suppress, `the light bulb offers a suppression on this line; it lists ${JSON.stringify(items.map((item) => item.label))}`);
    await wb.chooseQuickFix(new RegExp(`^${suppress.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await wb.answerInput(/reason/i, 'test fixture, not a live token');
    await wb.answerInput(/expiry date/i, '');
    // On the line, or (next-line form) on a line of its own above it: either way on this line now.
    await wb.waitForLine(
      suppressible.line,
      /secure-hygiene-ignore(-next-line)? secret\/github-token.* -- test fixture, not a live token/,
      'the suppression comment with its reason',
    );
    await wb.waitForNoProblem({ file: suppressible.file, code: suppressible.ruleId });
    assert.deepEqual(await wb.squiggleLines('error'), [], 'no error squiggle is left in the file');
  });
});
