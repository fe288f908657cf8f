// One editor session: the one-time install checked, a fixture workspace, code-server with our .vsix,
// Chromium showing the workbench. Shared by the mocha scenarios and `npm run screenshots`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { VSIX } from '../../../scripts/e2e/paths';
import { ensureEditors } from '../../../scripts/e2e/setup';
import { createFixture, type Fixture } from '../fixture';
import { startCodeServer, type CodeServer } from './codeServer';
import { stopAll, trackTempDir } from './processes';
import { launchBrowser, Workbench } from './workbench';

export interface Session {
  fixture: Fixture;
  server: CodeServer;
  browser: Browser;
  workbench: Workbench;
  close(): Promise<void>;
}

/** Installs what is missing (once), or fails saying plainly what could not be set up. */
export function ensureHarness(): void {
  try {
    ensureEditors();
  } catch (error) {
    throw new Error(
      `The real-editor harness could not be set up, so the e2e suite cannot run (this is a failure, not a skip): ${(error as Error).message}`,
    );
  }
  if (!fs.existsSync(VSIX)) {
    throw new Error(`${VSIX} is missing: run "npm run package" first (npm run test:e2e does it)`);
  }
}

/** `settings`: extra user settings (e.g. `secureHygiene.trace.server` to debug a scenario). */
export async function startSession(settings: Record<string, unknown> = {}): Promise<Session> {
  ensureHarness();
  const fixture = createFixture('secure-hygiene-e2e-', trackTempDir);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await stopAll();
    fixture.remove();
  };
  try {
    server = await startCodeServer({ folder: fixture.root, vsix: VSIX, settings });
    browser = await launchBrowser();
    const workbench = await Workbench.open(browser, server.folderUrl, fixture.root);
    return { fixture, server, browser, workbench, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits (on file-system events, not a timer loop) until `file` exists and satisfies `predicate`. */
export async function waitForFile(file: string, predicate: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const read = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  const satisfied = () => {
    const text = read();
    return text !== undefined && predicate(text) ? text : undefined;
  };
  const now = satisfied();
  if (now !== undefined) return now;
  return new Promise<string>((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file), () => {
      const text = satisfied();
      if (text === undefined) return;
      clearTimeout(timer);
      watcher.close();
      resolve(text);
    });
    const timer = setTimeout(() => {
      watcher.close();
      const text = read();
      reject(new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}; ${file} ${text === undefined ? 'does not exist' : `holds:\n${text}`}`));
    }, timeoutMs);
  });
}
