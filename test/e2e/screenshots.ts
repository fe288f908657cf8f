// `npm run screenshots`: the README's pictures, taken by the e2e harness in a real VS Code
// (code-server in headless Chromium) from the packaged extension, into media/screenshots/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/e2e/paths';
import { failureArtifacts } from './harness/artifacts';
import { answerPolicyPrompts, POLICY_COMMAND } from './harness/policy';
import { pane, SCAN_TIMEOUT, showView, STATUS_ITEM, waitForRows, waitForStatus } from './harness/secureHygieneView';
import { startSession, type Session } from './harness/session';
import { until } from './harness/workbench';

const OUT = path.join(REPO_ROOT, 'media', 'screenshots');
/** The walkthrough's pictures (package.json contributes.walkthroughs), shipped in the .vsix. */
const WALKTHROUGH = path.join(REPO_ROOT, 'media', 'walkthrough');
/** Files added before "Scan Workspace" so that its progress stays on screen long enough for a picture. */
const SCAN_FILLER_FILES = 400;

function secretColumn(text: string, value: string): number {
  return text.indexOf(value) + Math.floor(value.length / 2) + 1;
}

async function take(session: Session): Promise<string[]> {
  const wb = session.workbench;
  const { committed, movable } = session.fixture;
  const written: string[] = [];
  const shot = async (name: string) => {
    const file = path.join(OUT, name);
    await wb.screenshot(file);
    written.push(file);
  };

  await wb.waitForOutput('Secure Hygiene', 'language server running');
  await wb.runCommand('View: Hide Panel');

  // 1. The inline diagnostic with its hover.
  console.log(`step 1: The inline diagnostic with its hover.`);
  await wb.openFile(committed.file);
  await wb.hoverSquiggle(committed.line, 'error');
  await shot('diagnostic-hover.png');
  await wb.page.keyboard.press('Escape');

  // 2. The quick-fix menu on a secret (also the walkthrough's "Move a key to .env" picture).
  console.log(`step 2: The quick-fix menu on a secret (also the walkthrough's "Move`);
  await wb.openFile(movable.file);
  await wb.waitForSquiggle(movable.line, 'error');
  await wb.goTo(movable.line, secretColumn(movable.text, movable.value));
  await wb.openQuickFixMenu(movable.line);
  await shot('quick-fix-menu.png');
  await wb.screenshot(path.join(WALKTHROUGH, 'quick-fix.png'));
  written.push(path.join(WALKTHROUGH, 'quick-fix.png'));
  await wb.page.keyboard.press('Escape');
  await until('the quick-fix menu to close', wb.page.locator('.action-widget').waitFor({ state: 'hidden' }));

  // 3. The Problems panel, every finding of the workspace's open files.
  console.log(`step 3: The Problems panel, every finding of the workspace's open fi`);
  for (const file of [session.fixture.untracked.file, session.fixture.tls.file, session.fixture.traversal.file]) await wb.openFile(file);
  await wb.waitForProblem({ file: session.fixture.traversal.file, code: session.fixture.traversal.ruleId });
  await wb.filterProblems('');
  const { untracked, tls } = session.fixture;
  // The panel renders only the rows in sight: with the workspace scan's closed files, download.ts
  // (already awaited above) sits below them.
  await wb.waitForProblemFiles([committed.file, movable.file, untracked.file, tls.file]);
  await wb.openFile(committed.file);
  await shot('problems-panel.png');

  // 4. The generated SECURITY.md.
  console.log(`step 4: The generated SECURITY.md.`);
  await wb.runCommand('View: Hide Panel');
  await wb.runCommand(POLICY_COMMAND, { asks: true });
  await answerPolicyPrompts(wb);
  await until('the SECURITY.md editor to open', wb.activeTab('SECURITY.md').waitFor());
  await wb.waitForLine(1, /^# /, 'SECURITY.md to show its heading');
  await wb.runCommand('Notifications: Clear All Notifications');
  await shot('security-policy.png');

  // 5. The Secure Hygiene view: every finding of the workspace, closed files included, committed secrets first.
  console.log(`step 5: The Secure Hygiene view: every finding of the workspace, clo`);
  await wb.openFile(session.fixture.closed.file);
  await showView(wb);
  await waitForStatus(wb, /server running$/, SCAN_TIMEOUT);
  await waitForRows(wb, 'Findings', (rows) => rows.some((row) => row.level === 2 && row.label === path.basename(session.fixture.closed.file)), 'the closed file in the view');
  await pane(wb, 'Findings').locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: path.basename(session.fixture.closed.file) }) }).first().hover();
  await shot('findings-view.png');
  await wb.screenshot(path.join(WALKTHROUGH, 'findings-view.png'));
  written.push(path.join(WALKTHROUGH, 'findings-view.png'));

  // 6. The status item and its tooltip, cut to the bottom-left corner.
  console.log(`step 6: The status item and its tooltip, cut to the bottom-left corn`);
  await wb.page.locator(STATUS_ITEM).hover();
  await until('the status item\'s tooltip', wb.page.locator('.monaco-hover:not(.hidden)', { hasText: 'committed secret' }).first().waitFor());
  const statusShot = path.join(OUT, 'status-item.png');
  await wb.page.screenshot({ path: statusShot, clip: { x: 0, y: 560, width: 640, height: 240 } });
  written.push(statusShot);
  await wb.page.mouse.move(700, 300);

  // 7. A workspace scan in progress: the server's progress in the status bar, the item's file count.
  console.log(`step 7: A workspace scan in progress: the server's progress in the s`);
  const filler = path.join(session.fixture.root, 'src', 'generated');
  fs.mkdirSync(filler, { recursive: true });
  for (let i = 0; i < SCAN_FILLER_FILES; i += 1) fs.writeFileSync(path.join(filler, `model${i}.ts`), `export const model${i} = { id: ${i}, name: 'model ${i}' };\n`);
  await wb.runCommand('Secure Hygiene: Scan Workspace');
  await until('the workspace scan\'s progress in the status bar', wb.page.locator('.statusbar-item', { hasText: /scanning/i }).first().waitFor());
  await shot('workspace-scan.png');
  await wb.screenshot(path.join(WALKTHROUGH, 'workspace-scan.png'));
  written.push(path.join(WALKTHROUGH, 'workspace-scan.png'));
  await waitForStatus(wb, /server running$/, SCAN_TIMEOUT);

  // 8. The walkthrough, with room for its pictures.
  await wb.runCommand('View: Close Primary Side Bar');
  console.log(`step 8: The walkthrough.`);
  await wb.runCommand('Welcome: Open Walkthrough...', { asks: true });
  await wb.waitForQuickInput(/walkthrough/i);
  await wb.acceptQuickPick(/^Get started with Secure Hygiene$/);
  const walkthrough = wb.page.locator('.gettingStartedContainer');
  await until('the walkthrough page', walkthrough.locator('.getting-started-step', { hasText: 'See what Secure Hygiene finds' }).first().waitFor());
  await until('the walkthrough step\'s picture', walkthrough.locator('.getting-started-media img').first().waitFor());
  await shot('walkthrough.png');
  return written;
}

async function main(): Promise<void> {
  const session = await startSession();
  try {
    const written = await take(session);
    for (const file of written) console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
  } catch (error) {
    await failureArtifacts(session, 'screenshots');
    throw error;
  } finally {
    await session.close();
  }
}

main().catch((error) => {
  console.error(`screenshots FAILED: ${(error as Error).message}`);
  process.exitCode = 1;
});
