// Drives VS Code's workbench in headless Chromium the way a user does: keyboard, palette, Quick
// Open, light bulb, Problems panel. Every wait is on something the page shows, with a message that
// says what was awaited; none sleeps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM } from '../../../scripts/e2e/paths';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEFAULT_TIMEOUT = 30_000;

/** Awaits `promise`; if it fails (a Playwright timeout most often), says what was awaited. */
export async function until<T>(what: string, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new Error(`Timed out or failed waiting for ${what}: ${reason}`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run npm run e2e:setup (Debian chromium)`);
  // launch() starts Chromium with a fresh temporary profile and removes it on close; Playwright
  // also kills the browser when this process exits or receives SIGINT/SIGTERM/SIGHUP.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export interface ProblemRow {
  severity: 'error' | 'warning' | 'info' | 'other';
  message: string;
  source: string;
  code: string;
  /** "[Ln 3, Col 20]" */
  position: string;
  ariaLabel: string;
}

export interface MenuItem {
  label: string;
  ariaLabel: string;
}

export class Workbench {
  constructor(readonly page: Page, readonly folder: string) {}

  static async open(browser: Browser, url: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
    // tsx compiles with esbuild's keepNames, which wraps named inner functions in __name(); the
    // functions handed to evaluate() run in the page, where that helper does not exist.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.goto(url);
    await until('the VS Code workbench to appear', page.locator('.monaco-workbench').waitFor());
    await until(
      `the explorer to show the workspace folder ${path.basename(folder)}`,
      page.locator('.explorer-folders-view .monaco-list-row').first().waitFor(),
    );
    return new Workbench(page, folder);
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Rows of the open quick pick (palette, Quick Open, a command's own pick). */
  quickPickRows(): Locator {
    return this.quickInput().locator('.quick-input-list .monaco-list-row');
  }

  /**
   * Runs a palette command by its full title ("Category: Title"). A command that asks something
   * (`asks: true`) leaves a quick input open: the caller waits for its question.
   */
  async runCommand(title: string, options: { asks?: boolean } = {}): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input.input');
    await until('the command palette to open', input.waitFor());
    await input.fill(`>${title}`);
    const row = this.quickPickRows().filter({ has: this.page.locator('.label-name', { hasText: title }) }).first();
    await until(`the palette to list the command "${title}"`, row.waitFor());
    await row.click();
    if (options.asks) return;
    await until(`the palette to close after running "${title}"`, this.quickInput().waitFor({ state: 'hidden' }));
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor to be active. */
  async openFile(relative: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input.input');
    await until('Quick Open to appear', input.waitFor());
    await input.fill(relative);
    const base = path.basename(relative);
    const row = this.quickPickRows().filter({ hasText: base }).first();
    await until(`Quick Open to list ${relative}`, row.waitFor());
    await this.page.keyboard.press('Enter');
    await until(`the editor tab of ${relative} to be active`, this.activeTab(base).waitFor());
    await until(`the editor of ${relative} to show text`, this.activeEditor().locator('.view-line').first().waitFor());
  }

  activeTab(base: string): Locator {
    return this.page.locator('.tabs-container .tab.active', { has: this.page.locator('.label-name', { hasText: base }) });
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** The text lines the active editor renders (small files: all of them). */
  async editorLines(): Promise<string[]> {
    return this.activeEditor().evaluate((editor) => {
      const rows = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')];
      return rows
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((row) => row.innerText.replace(/\u00a0/g, ' '));
    });
  }

  /** Waits until line `line` (1-based) of the active editor matches `expected`; returns its text. */
  async waitForLine(line: number, expected: string | RegExp, what: string): Promise<string> {
    const matcher = typeof expected === 'string' ? { text: expected } : { source: expected.source, flags: expected.flags };
    try {
      await this.page.waitForFunction(
        ({ index, matcher }) => {
          const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
          const rows = [...(editor?.querySelectorAll<HTMLElement>('.view-lines .view-line') ?? [])].sort(
            (a, b) => parseFloat(a.style.top) - parseFloat(b.style.top),
          );
          const text = rows[index]?.innerText.replace(/\u00a0/g, ' ');
          if (text === undefined) return false;
          return 'text' in matcher ? text === matcher.text : new RegExp(matcher.source, matcher.flags).test(text);
        },
        { index: line - 1, matcher },
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
    } catch (error) {
      const lines = await this.editorLines().catch(() => [] as string[]);
      throw new Error(`Timed out waiting for ${what}: line ${line} reads ${JSON.stringify(lines[line - 1])} (${(error as Error).message.split('\n')[0]})`);
    }
    return (await this.editorLines())[line - 1];
  }

  /** Puts the cursor at `line`:`column` (1-based) with Go to Line (Ctrl+G). */
  async goTo(line: number, column: number): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput().locator('input.input');
    await until('the Go to Line box', input.waitFor());
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await until('the Go to Line box to close', this.quickInput().waitFor({ state: 'hidden' }));
    await until(
      `the status bar to show the cursor at Ln ${line}, Col ${column}`,
      this.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor(),
    );
  }

  /** 1-based lines of the active editor that carry a squiggle of `kind`. */
  async squiggleLines(kind: 'error' | 'warning' | 'info' | 'hint'): Promise<number[]> {
    return this.activeEditor().evaluate((editor, kind) => {
      const tops = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')]
        .map((row) => parseFloat(row.style.top))
        .sort((a, b) => a - b);
      const lines = new Set<number>();
      for (const squiggle of editor.querySelectorAll<HTMLElement>(`.view-overlays .squiggly-${kind}`)) {
        const top = parseFloat(squiggle.parentElement?.style.top ?? 'NaN');
        const index = tops.indexOf(top);
        if (index >= 0) lines.add(index + 1);
      }
      return [...lines].sort((a, b) => a - b);
    }, kind);
  }

  /** Waits for a squiggle of `kind` on `line` of the active editor. */
  async waitForSquiggle(line: number, kind: 'error' | 'warning' | 'info' | 'hint', present = true): Promise<void> {
    try {
      await this.page.waitForFunction(
        ({ line, kind, present }) => {
          const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
          if (!editor) return false;
          const tops = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')]
            .map((row) => parseFloat(row.style.top))
            .sort((a, b) => a - b);
          const found = [...editor.querySelectorAll<HTMLElement>(`.view-overlays .squiggly-${kind}`)].some(
            (squiggle) => tops.indexOf(parseFloat(squiggle.parentElement?.style.top ?? 'NaN')) === line - 1,
          );
          return found === present;
        },
        { line, kind, present },
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
    } catch {
      const lines = await this.squiggleLines(kind);
      throw new Error(
        `Timed out waiting for ${present ? 'a' : 'no'} ${kind} squiggle on line ${line}; ${kind} squiggles are on lines [${lines.join(', ')}]`,
      );
    }
  }

  /** Shows the Problems panel (Ctrl+Shift+M) if it is not showing. */
  async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await until('the Problems panel to show', panel.waitFor());
  }

  async problems(): Promise<ProblemRow[]> {
    return this.page.locator('.markers-panel').evaluate((panel) =>
      [...panel.querySelectorAll<HTMLElement>('.monaco-list-row')]
        .filter((row) => row.querySelector('.marker-icon'))
        .map((row) => {
          const icon = row.querySelector('.marker-icon');
          const text = (selector: string) => row.querySelector<HTMLElement>(selector)?.innerText.trim() ?? '';
          const severity = icon?.classList.contains('error')
            ? 'error'
            : icon?.classList.contains('warning')
              ? 'warning'
              : icon?.classList.contains('info')
                ? 'info'
                : 'other';
          return {
            severity,
            message: text('.marker-message'),
            source: text('.marker-source'),
            code: text('.marker-code'),
            position: text('.marker-line'),
            ariaLabel: row.getAttribute('aria-label') ?? '',
          } as const;
        }),
    );
  }

  /** Waits for a Problems row whose message, code and source all contain the given strings. */
  async waitForProblem(match: { code: string; line?: number; severity?: ProblemRow['severity'] }): Promise<ProblemRow> {
    await this.showProblems();
    const wanted = (row: ProblemRow) =>
      row.code.includes(match.code) &&
      (match.line === undefined || row.position.startsWith(`[Ln ${match.line},`)) &&
      (match.severity === undefined || row.severity === match.severity);
    try {
      await this.page.waitForFunction(
        ({ code, line }) =>
          [...document.querySelectorAll<HTMLElement>('.markers-panel .monaco-list-row')].some(
            (row) =>
              (row.querySelector<HTMLElement>('.marker-code')?.innerText ?? '').includes(code) &&
              (line === undefined || (row.querySelector<HTMLElement>('.marker-line')?.innerText ?? '').startsWith(`[Ln ${line},`)),
          ),
        { code: match.code, line: match.line },
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
    } catch {
      const rows = await this.problems();
      throw new Error(`Timed out waiting for a Problems entry ${JSON.stringify(match)}; the panel shows ${JSON.stringify(rows, null, 1)}`);
    }
    const row = (await this.problems()).find(wanted);
    if (!row) throw new Error(`a Problems entry for ${match.code} showed, but not as ${JSON.stringify(match)}: ${JSON.stringify(await this.problems())}`);
    return row;
  }

  /** Opens the light-bulb menu (Ctrl+.) at the cursor and returns its items. */
  async openQuickFixMenu(): Promise<MenuItem[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await until('the quick-fix menu (Ctrl+.) to list actions', rows.first().waitFor());
    return rows.evaluateAll((elements) =>
      elements.map((element) => ({
        label: ((element.querySelector('.title') as HTMLElement | null)?.innerText ?? (element as HTMLElement).innerText).trim(),
        ariaLabel: element.getAttribute('aria-label') ?? '',
      })),
    );
  }

  /** Chooses the quick-fix menu item whose title matches. */
  async chooseQuickFix(title: RegExp): Promise<void> {
    const row = this.page.locator('.action-widget .monaco-list-row.action').filter({ hasText: title }).first();
    await until(`the quick-fix menu item ${title}`, row.waitFor());
    await row.click();
    await until('the quick-fix menu to close', this.page.locator('.action-widget').waitFor({ state: 'hidden' }));
  }

  /** Shows an output channel by name and waits for `text` in it. */
  async waitForOutput(channel: string, text: string | RegExp): Promise<string> {
    await this.runCommand('Output: Show Output Channels...', { asks: true });
    const row = this.quickPickRows().filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${channel}$`) }) }).first();
    await until(`the output channel "${channel}" in the channel list`, row.waitFor());
    await row.click();
    const view = this.page.locator('.output-view');
    await until('the Output view', view.waitFor());
    const pattern = typeof text === 'string' ? { source: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags: '' } : { source: text.source, flags: text.flags };
    try {
      await this.page.waitForFunction(
        ({ source, flags }) => {
          const lines = [...document.querySelectorAll<HTMLElement>('.output-view .view-line')].map((line) => line.innerText);
          return new RegExp(source, flags).test(lines.join('\n').replace(/\u00a0/g, ' '));
        },
        pattern,
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
    } catch {
      throw new Error(`Timed out waiting for ${text} in the "${channel}" output channel; it shows:\n${await this.outputText()}`);
    }
    return this.outputText();
  }

  async outputText(): Promise<string> {
    return this.page
      .locator('.output-view')
      .evaluate((view) => [...view.querySelectorAll<HTMLElement>('.view-line')].map((line) => line.innerText.replace(/\u00a0/g, ' ')).join('\n'))
      .catch(() => '');
  }

  async screenshot(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
  }
}
