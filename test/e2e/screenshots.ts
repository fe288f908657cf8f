// `npm run screenshots`: the README's pictures, taken by the e2e harness in a real VS Code
// (code-server in headless Chromium) from the packaged extension, into media/screenshots/.
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/e2e/paths';
import { failureArtifacts } from './harness/artifacts';
import { answerPolicyPrompts, POLICY_COMMAND } from './harness/policy';
import { startSession, type Session } from './harness/session';
import { until } from './harness/workbench';

const OUT = path.join(REPO_ROOT, 'media', 'screenshots');

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
  await wb.openFile(committed.file);
  await wb.hoverSquiggle(committed.line, 'error');
  await shot('diagnostic-hover.png');
  await wb.page.keyboard.press('Escape');

  // 2. The quick-fix menu on a secret.
  await wb.openFile(movable.file);
  await wb.waitForSquiggle(movable.line, 'error');
  await wb.goTo(movable.line, secretColumn(movable.text, movable.value));
  await wb.openQuickFixMenu(movable.line);
  await shot('quick-fix-menu.png');
  await wb.page.keyboard.press('Escape');
  await until('the quick-fix menu to close', wb.page.locator('.action-widget').waitFor({ state: 'hidden' }));

  // 3. The Problems panel, every finding of the workspace's open files.
  for (const file of [session.fixture.untracked.file, session.fixture.tls.file, session.fixture.traversal.file]) await wb.openFile(file);
  await wb.waitForProblem({ file: session.fixture.traversal.file, code: session.fixture.traversal.ruleId });
  await wb.filterProblems('');
  const { untracked, tls, traversal } = session.fixture;
  await wb.waitForProblemFiles([committed.file, movable.file, untracked.file, tls.file, traversal.file]);
  await wb.openFile(committed.file);
  await shot('problems-panel.png');

  // 4. The generated SECURITY.md.
  await wb.runCommand('View: Hide Panel');
  await wb.runCommand(POLICY_COMMAND, { asks: true });
  await answerPolicyPrompts(wb);
  await until('the SECURITY.md editor to open', wb.activeTab('SECURITY.md').waitFor());
  await wb.waitForLine(1, /^# /, 'SECURITY.md to show its heading');
  await wb.runCommand('Notifications: Clear All Notifications');
  await shot('security-policy.png');
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
