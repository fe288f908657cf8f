// Secure Hygiene inside a real VS Code: code-server serving the workbench to headless Chromium, the
// packaged .vsix installed into a fresh extensions folder, a git fixture opened as the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMasked } from './fixture';
import { startSession, waitForFile, type Session } from './harness/session';
import { until, type Workbench } from './harness/workbench';
import { ARTIFACTS_DIR, failureArtifacts } from './harness/artifacts';
import { answerPolicyPrompts, POLICY_COMMAND, POLICY_CONTACT } from './harness/policy';
import {
  clickInlineAction, committedCount, focusRow, pane, SCAN_TIMEOUT, showView, STATUS_ITEM, tab, waitForRows, waitForStatus, waitForWalk, walkRows,
} from './harness/secureHygieneView';
import { join, synth } from '../../src/engine/rules/samples';
import { afterPreferredFix, escape, secretColumn, squiggleWentAway, watchSquiggle } from './harness/expectations';

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

  it('shows the first diagnostic soon after the window loads (activation on the file\'s language), and prints the time', async function () {
    const { committed } = session.fixture;
    await wb.openFile(committed.file);
    await wb.waitForSquiggle(committed.line, 'error');
    const firstDiagnosticAt = Date.now();
    const activation = session.server.activation('secure-hygiene.secure-hygiene');
    assert.ok(activation, 'the extension host logged the activation');
    const timings = {
      windowLoadToWorkbenchMs: wb.workbenchShownAt - wb.loadStartedAt,
      windowLoadToActivationMs: activation.at - wb.loadStartedAt,
      windowLoadToFirstDiagnosticMs: firstDiagnosticAt - wb.loadStartedAt,
      activationEvent: activation.event,
    };
    console.log(`      code-server: window load -> workbench ${timings.windowLoadToWorkbenchMs} ms, -> activation ${timings.windowLoadToActivationMs} ms (${activation.event}), -> first Secure Hygiene diagnostic ${timings.windowLoadToFirstDiagnosticMs} ms`);
    // The fixture holds a .env and TypeScript files: activation must not wait for the end of start-up.
    assert.notEqual(activation.event, 'onStartupFinished', `activated by ${activation.event}`);
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
    const log = session.server.channelLog('Secure Hygiene');
    assert.ok(timings.windowLoadToFirstDiagnosticMs > timings.windowLoadToWorkbenchMs, JSON.stringify(timings));
    assert.ok(log.length > 0, 'the extension activated and wrote its log');
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

  it('the view lists a closed file\'s committed secret under "Committed secrets" (first), masked; a click reveals it', async function () {
    const { closed } = session.fixture;
    await showView(wb);
    const base = path.basename(closed.file);
    // The file row and its finding under it: a tree being refreshed shows an expanded row before its children.
    const rows = await waitForRows(wb, 'Findings', (shown) => shown.some((row, index) => row.level === 2 && row.label === base && shown[index + 1]?.level === 3),
      `the file row of ${closed.file}, never opened, with its finding`);
    assert.match(rows[0].label, /^Committed secrets/, `committed secrets come first: ${JSON.stringify(rows.map((row) => row.label))}`);
    const fileIndex = rows.findIndex((row) => row.level === 2 && row.label === base);
    const category = rows.slice(0, fileIndex).reverse().find((row) => row.level === 1);
    assert.match(category?.label ?? '', /^Committed secrets/, `${closed.file} is under the committed secrets`);
    const finding = rows[fileIndex + 1];
    assert.equal(finding.level, 3);
    assert.equal(finding.icon, 'error', `an Error icon: ${JSON.stringify(finding)}`);
    assert.match(finding.description, new RegExp(`^${closed.ruleId} \\[Ln ${closed.line},`));
    assert.match(finding.label, closed.provider);
    for (const row of rows) assert.ok(isMasked(`${row.label} ${row.description} ${row.ariaLabel}`, closed.value), `the view masks the value: ${row.label}`);
    // Every category row counts its findings and files.
    for (const row of rows.filter((candidate) => candidate.level === 1)) assert.match(row.description, /^\d+ findings? in \d+ files?$/);

    await pane(wb, 'Findings').locator('.monaco-list-row', { has: wb.page.locator('.label-description', { hasText: `${closed.ruleId} [Ln ${closed.line},` }) }).first().click();
    await until(`the editor of ${closed.file} to open from the view`, wb.activeTab(base).waitFor());
    await until(
      `the cursor on line ${closed.line} with the finding selected`,
      wb.page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${closed.line}, Col \\d+ \\(\\d+ selected\\)`) }).first().waitFor(),
    );
  });

  it('the status item counts the committed secrets as the view does, and a click opens the view', async function () {
    await showView(wb);
    const rows = await waitForRows(wb, 'Findings', (shown) => committedCount(shown) !== undefined, 'the committed secrets category');
    const count = committedCount(rows)!;
    assert.ok(count >= 2, `the fixture commits several secrets: ${count}`);
    const label = await waitForStatus(wb, new RegExp(`^Secure Hygiene: ${count} committed secrets?, server (running|scanning)$`));
    assert.match(await wb.page.locator(STATUS_ITEM).innerText(), new RegExp(`\\b${count}\\b`), `the item shows the count: ${label}`);

    await wb.runCommand('View: Close Primary Side Bar');
    await until('the view to close', pane(wb, 'Findings').waitFor({ state: 'hidden' }));
    await wb.page.locator(STATUS_ITEM).click();
    await until('the status item to open the Secure Hygiene view', pane(wb, 'Findings').waitFor());
  });

  it('the rule id of a finding in Problems opens the rule\'s page in a Markdown preview; the light bulb offers "Show documentation"', async function () {
    this.timeout(SCAN_TIMEOUT + 180_000);
    const { committed } = session.fixture;
    await wb.openFile(committed.file);
    // Clicked while the workspace scan still publishes, the row could be re-rendered under the pointer.
    await waitForStatus(wb, /server running$/, SCAN_TIMEOUT);
    await wb.waitForProblem({ file: committed.file, code: committed.ruleId, line: committed.line });
    const row = wb.page.locator('.markers-panel .monaco-list-row', { has: wb.page.locator('.marker-code', { hasText: committed.ruleId }) }).first();
    await row.locator('a.monaco-link').first().click();
    const page = `${committed.ruleId.split('/')[1]}.md`;
    // The first preview activates VS Code's Markdown extension: slow on a loaded machine.
    await until(`a Markdown preview of ${page}`, tab(wb, new RegExp(`^Preview ${page.replace('.', '\\.')}$`)).waitFor({ timeout: 120_000 }));

    // Back to the file by its tab: the preview (a webview) holds the keyboard focus, so Ctrl+P would not reach the workbench.
    await tab(wb, new RegExp(`^${path.basename(committed.file).replace('.', '\\.')}$`)).first().click();
    await until(`the editor of ${committed.file} to be active again`, wb.activeTab(path.basename(committed.file)).waitFor());
    await wb.waitForSquiggle(committed.line, 'error');
    await wb.goTo(committed.line, secretColumn(committed));
    const items = await wb.openQuickFixMenu(committed.line);
    assert.ok(items.some((item) => item.label === `Show documentation for ${committed.ruleId}`), `the light bulb offers the rule's page: ${JSON.stringify(items.map((item) => item.label))}`);
    await wb.page.keyboard.press('Escape');
  });

  it('a .env that the committed .gitignore ignores is quiet about its secret, and still reports its TLS line', async function () {
    const { ignoredEnv } = session.fixture;
    await wb.openFile(ignoredEnv.file);
    // The TLS entry proves the file was scanned; the secret on line 2 must have no entry then.
    await wb.waitForProblem({ file: ignoredEnv.file, code: ignoredEnv.tlsRuleId, line: ignoredEnv.tlsLine });
    const entries = (await wb.problems()).filter((row) => row.file.endsWith(`/${ignoredEnv.file}`));
    assert.deepEqual(entries.filter((row) => row.code.startsWith('secret/')), [], `no secret finding in a git-ignored .env: ${JSON.stringify(entries)}`);
    assert.deepEqual(await wb.squiggleLines('warning'), [], 'no warning squiggle in .env');
    assert.ok(!(await wb.squiggleLines('error')).includes(ignoredEnv.secret.line), 'no error squiggle on the secret\'s line');
  });

  it('"Secure Hygiene: Open Config" creates .secure-hygiene.json from the commented template and opens it', async function () {
    const { root } = session.fixture;
    await wb.runCommand('Secure Hygiene: Open Config (.secure-hygiene.json)');
    await until('the .secure-hygiene.json editor to open', wb.activeTab('.secure-hygiene.json').waitFor());
    const onDisk = await waitForFile(path.join(root, '.secure-hygiene.json'), (text) => text.includes('"rules"'), '.secure-hygiene.json on disk');
    assert.match(onDisk, /^\/\/ Secure Hygiene project configuration/);
    await wb.waitForLine(1, /^\/\/ Secure Hygiene project configuration/, 'the template\'s first line in the editor');
  });

  it('the walkthrough opens and covers the whole job', async function () {
    await wb.runCommand('Welcome: Open Walkthrough...', { asks: true });
    await wb.waitForQuickInput(/walkthrough/i);
    await wb.acceptQuickPick(/^Get started with Secure Hygiene$/);
    const page = wb.page.locator('.gettingStartedContainer');
    await until('the walkthrough page', page.locator('h2', { hasText: 'Get started with Secure Hygiene' }).first().waitFor());
    for (const step of ['See what Secure Hygiene finds', 'Move a key to .env', 'Scan the whole workspace', 'Configure the project', 'Publish a security policy']) {
      await until(`the walkthrough step "${step}"`, page.locator('.getting-started-step', { hasText: step }).first().waitFor({ state: 'attached' }));
    }
    // Closed by its tab's close button (a click, not a key the page may swallow): a walkthrough
    // left open goes on taking the focus as its step media load, and closed the next test's palette.
    const walkthroughTab = wb.page.locator('.tabs-container .tab', { hasText: 'Walkthrough' });
    await walkthroughTab.locator('.tab-actions .action-label').first().click();
    await until('the walkthrough tab to close', walkthroughTab.waitFor({ state: 'detached' }));
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

  it('the view\'s "Suppressions and Baseline" section lists the new suppression comment with its reason, flags the expired one, and shows the baseline entry\'s reason', async function () {
    const { suppressible } = session.fixture;
    await showView(wb);
    const rows = await waitForRows(
      wb, 'Suppressions and Baseline',
      (shown) => shown.some((row) => row.label === suppressible.ruleId && row.description.includes('test fixture, not a live token')),
      'the suppression comment of the suppression scenario',
    );
    const row = rows.find((candidate) => candidate.label === suppressible.ruleId)!;
    assert.match(row.description, new RegExp(`^${suppressible.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+ · test fixture, not a live token$`));
    assert.equal(row.icon, 'pass', 'a suppression with a reason and no expiry');
    assert.match(rows.find((candidate) => candidate.label === 'Suppression comments')?.description ?? '', /^[1-9]\d*$/);

    // The expired comment is flagged; the baseline entry shows its reason.
    const { expiredSuppression, baselineEntry } = session.fixture;
    const expired = rows.find((candidate) => candidate.description.startsWith(`${expiredSuppression.file}:${expiredSuppression.line} `));
    assert.ok(expired, `the expired suppression of ${expiredSuppression.file} is listed: ${JSON.stringify(rows)}`);
    assert.equal(expired.icon, 'warning', 'an expired suppression is flagged');
    assert.equal(expired.description, `${expiredSuppression.file}:${expiredSuppression.line} · ${expiredSuppression.reason} · expired ${expiredSuppression.until}`);
    const accepted = rows.find((candidate) => candidate.level === 2 && candidate.label === baselineEntry.ruleId);
    assert.ok(accepted, `the baseline entry is listed: ${JSON.stringify(rows)}`);
    assert.equal(accepted.description, `${baselineEntry.file} · ${baselineEntry.reason}`);
    assert.equal(rows.find((candidate) => candidate.label === 'Baseline entries')?.description, '1');
  });

  it('Problems lists each finding once: the diagnostics are pulled, never pushed as well (an open file and a closed one, two findings each)', async function () {
    this.timeout(SCAN_TIMEOUT + 120_000);
    const { root } = session.fixture;
    // The server says how it delivers diagnostics: VS Code pulls them.
    await wb.waitForOutput('Secure Hygiene', 'diagnostics pulled by the editor');
    const twoFindings = (seed: number) => [
      "import * as https from 'node:https';",
      `export const keyId = "${join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed))}";`,
      'export const agent = new https.Agent({ rejectUnauthorized: false });',
      '',
    ].join('\n');
    // Written now: the file watcher tells the server, whose workspace scan reads them from disk.
    // Names that the Problems filter (fuzzy) of the other scenarios' files (tls.ts, config.ts, .env, ...) does not match.
    fs.writeFileSync(path.join(root, 'src/qq-open.ts'), twoFindings(401));
    fs.writeFileSync(path.join(root, 'src/qq-closed.ts'), twoFindings(402));
    await wb.openFile('src/qq-open.ts');
    for (const file of ['src/qq-open.ts', 'src/qq-closed.ts']) {
      await wb.waitForProblem({ file, code: 'secret/aws-access-key-id', line: 2 });
      await wb.waitForProblem({ file, code: /^tls\//, line: 3 });
      // Once the scan is over nothing more is on its way: a second copy would have arrived with the first.
      await waitForStatus(wb, /server running$/, SCAN_TIMEOUT);
      const view = await wb.problemsView();
      const rows = view.markers.filter((row) => row.file.endsWith(`/${file}`));
      const entries = rows.map((row) => `${/[a-z]+\/[a-z0-9-]+/.exec(row.code)?.[0]} ${/^\[Ln \d+/.exec(row.position)?.[0]}`);
      assert.deepEqual(entries.sort(), ['secret/aws-access-key-id [Ln 2', 'tls/reject-unauthorized [Ln 3'],
        `each finding of ${file} once: ${JSON.stringify(rows)}`);
      assert.equal(view.files.filter((shown) => shown.endsWith(`/${file}`)).length, 1, `${file} has one file row`);
    }
  });

  it('the view\'s inline "Quick Fix" button offers the finding\'s quick fixes; the chosen one changes the file as the quick fix does, one Ctrl+Z reverts it', async function () {
    this.timeout(SCAN_TIMEOUT + 120_000);
    const { tls, root } = session.fixture;
    const original = fs.readFileSync(path.join(root, tls.file), 'utf8');
    const expected = await afterPreferredFix(original, tls.file, 'tls/reject-unauthorized');
    await showView(wb);
    await clickInlineAction(wb, { description: new RegExp(`^tls/reject-unauthorized \\[Ln ${tls.line},`), file: path.basename(tls.file) }, 'Quick Fix');
    const pick = await wb.waitForQuickInput(/^Quick fixes for tls\/reject-unauthorized/);
    assert.equal(pick.items[0], expected.title, `the preferred fix comes first: ${JSON.stringify(pick.items)}`);
    await until(`the editor of ${tls.file} to open from the view`, wb.activeTab(path.basename(tls.file)).waitFor());
    await wb.acceptQuickPick(new RegExp(`^${escape(expected.title)}$`));

    const changedLine = expected.text.split('\n')[tls.line - 1];
    await wb.waitForLine(tls.line, changedLine, 'the line as the quick fix makes it');
    assert.deepEqual(await wb.editorLines(), expected.text.split('\n'), 'the whole file as the quick fix makes it, and nothing else changed');
    await wb.waitForNoProblem({ file: tls.file, code: /^tls\// });

    await wb.activeEditor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Z');
    await wb.waitForLine(tls.line, original.split('\n')[tls.line - 1], 'one Ctrl+Z to restore the line');
    assert.deepEqual(await wb.editorLines(), original.split('\n'), 'one Ctrl+Z restores the whole file');
    await wb.waitForProblem({ file: tls.file, code: /^tls\//, line: tls.line });
  });

  it('the view\'s inline "Ignore (with reason)" button asks for the reason, writes it into the suppression comment, and the finding leaves the view and Problems', async function () {
    this.timeout(SCAN_TIMEOUT + 120_000);
    const { closed } = session.fixture;
    const base = path.basename(closed.file);
    await showView(wb);
    assert.ok((await walkRows(wb, 'Findings')).some((row) => row.level === 2 && row.label === base), `the view lists ${closed.file}`);
    await clickInlineAction(wb, { description: new RegExp(`^${escape(closed.ruleId)} \\[Ln ${closed.line},`), file: base }, 'Ignore (with reason)');
    const prompt = await wb.waitForQuickInput(/reason/i);
    assert.ok(prompt.isInputBox, `an input box asks for the reason: ${JSON.stringify(prompt)}`);
    await wb.answerInput(/reason/i, 'mailer key revoked, kept for the replay tests');
    await wb.answerInput(/expiry date/i, '');
    await until(`the editor of ${closed.file} to be active`, wb.activeTab(base).waitFor());
    await wb.waitForLine(
      closed.line,
      new RegExp(`secure-hygiene-ignore(-next-line)? ${escape(closed.ruleId)}.* -- mailer key revoked, kept for the replay tests`),
      'the suppression comment with the typed reason',
    );
    await waitForWalk(wb, 'Findings', (rows) => !rows.some((row) => row.level === 2 && row.label === base), `${closed.file} to leave the Findings section`);
    await wb.waitForNoProblem({ file: closed.file, code: closed.ruleId });
  });

  it('the view\'s inline "Open Rule Documentation" button opens the rule\'s page in a Markdown preview', async function () {
    this.timeout(180_000);
    const { traversal } = session.fixture;
    await showView(wb);
    const description = new RegExp(`^path/[a-z-]+ \\[Ln ${traversal.line},`);
    const file = path.basename(traversal.file);
    const row = await focusRow(wb, 'Findings', description, file);
    const ruleId = /^(\S+) \[/.exec((await row.locator('.label-description').innerText()).trim())![1];
    await clickInlineAction(wb, { description, file }, 'Open Rule Documentation');
    const page = `${ruleId.split('/')[1]}.md`;
    const preview = tab(wb, new RegExp(`^Preview ${escape(page)}$`));
    await until(`a Markdown preview of ${page}`, preview.waitFor({ timeout: 120_000 }));
    assert.match((await preview.getAttribute('class')) ?? '', /\bactive\b/, 'the preview is the active tab');
  });

  it('typing keeps the squiggles shown: a pull that the next keystroke supersedes leaves the diagnostics as they are', async function () {
    const { untracked } = session.fixture;
    await wb.openFile(untracked.file);
    await wb.waitForSquiggle(untracked.line, 'warning');
    await watchSquiggle(wb, 'warning');
    const lastLine = (await wb.editorLines()).length;
    await wb.activeEditor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+End');
    // A keystroke every 30 ms, inside the 150 ms debounce: each pull is cancelled by the next keystroke.
    await wb.page.keyboard.type(`export const second = "${join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 403))}";`, { delay: 30 });
    // The last keystroke's result: pulls of a document are answered in order, so every one before it has come back.
    await wb.waitForSquiggle(lastLine, 'warning');
    assert.equal(await squiggleWentAway(wb), false, `the warning squiggle of line ${untracked.line} never went away while typing`);
    await wb.waitForSquiggle(untracked.line, 'warning');
    await wb.runCommand('File: Revert File');
  });
});
