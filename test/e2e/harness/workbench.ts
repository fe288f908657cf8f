/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
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
  /** Absolute path of the file the entry belongs to. */
  file: string;
  severity: 'error' | 'warning' | 'info' | 'other';
  message: string;
  source: string;
  code: string;
  /** "[Ln 3, Col 20]" */
  position: string;
  ariaLabel: string;
}

export interface QuickInputState {
  visible: boolean;
  title: string;
  message: string;
  placeholder: string;
  /** An input box (no list of items) rather than a pick. */
  isInputBox: boolean;
  items: string[];
}

export interface MenuItem {
  label: string;
  ariaLabel: string;
}

export interface ProblemsView {
  /** Absolute paths of the file rows shown. */
  files: string[];
  markers: ProblemRow[];
}

/** Runs in the page (installed as globalThis.__shReadProblems): reads the Problems panel. */
function readProblemsView(): ProblemsView {
  const panel = document.querySelector('.markers-panel');
  const rows = [...(panel?.querySelectorAll<HTMLElement>('.monaco-list-row') ?? [])].sort(
    (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
  );
  const view: ProblemsView = { files: [], markers: [] };
  let file = '';
  for (const row of rows) {
    const icon = row.querySelector('.marker-icon');
    if (!icon) {
      // A file row, or a related-information row under a marker (no icon, no resource label of its own).
      if (row.getAttribute('aria-level') !== '1') continue;
      file = row.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? '';
      view.files.push(file);
      continue;
    }
    const text = (selector: string) => row.querySelector<HTMLElement>(selector)?.innerText.trim() ?? '';
    view.markers.push({
      file,
      severity: icon.classList.contains('error') ? 'error' : icon.classList.contains('warning') ? 'warning' : icon.classList.contains('info') ? 'info' : 'other',
      message: text('.marker-message'),
      source: text('.marker-source'),
      code: text('.marker-code'),
      position: text('.marker-line'),
      ariaLabel: row.getAttribute('aria-label') ?? '',
    });
  }
  return view;
}

export class Workbench {
  /** Date.now() when the page started loading the workbench URL, and when the workbench showed (for the timings). */
  loadStartedAt = 0;
  workbenchShownAt = 0;

  constructor(readonly page: Page, readonly folder: string) {}

  static async open(browser: Browser, url: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
    // tsx compiles with esbuild's keepNames, which wraps named inner functions in __name(); the
    // functions handed to evaluate() run in the page, where that helper does not exist.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.addInitScript({ content: `globalThis.__shReadProblems = ${readProblemsView.toString()};` });
    const loadStartedAt = Date.now();
    await page.goto(url);
    await until('the VS Code workbench to appear', page.locator('.monaco-workbench').waitFor());
    const workbenchShownAt = Date.now();
    await until(
      `the explorer to show the workspace folder ${path.basename(folder)}`,
      page.locator('.explorer-folders-view .monaco-list-row').first().waitFor(),
    );
    return Object.assign(new Workbench(page, folder), { loadStartedAt, workbenchShownAt });
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
    const input = this.quickInput().locator('input.input');
    // The palette can close again as it opens, or before its row is clicked, when focus moves at
    // that moment (a page that was still loading, like the walkthrough's), and an F1 pressed while
    // a webview takes the focus may never reach the workbench: open it again, a few times, before
    // giving up.
    const row = this.quickPickRows().filter({ has: this.page.locator('.label-name', { hasText: title }) }).first();
    for (let attempt = 1; ; attempt++) {
      await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        await row.click({ timeout: 10_000 });
        break;
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0];
        if (attempt === 3) throw new Error(`Timed out or failed running "${title}" from the command palette, three times: ${reason}`);
        await this.page.keyboard.press('Escape');
      }
    }
    if (options.asks) return;
    await until(`the palette to close after running "${title}"`, this.quickInput().waitFor({ state: 'hidden' }));
  }

  /**
   * A webview (a Markdown preview, a walkthrough step's Markdown media) that holds the keyboard focus
   * receives the next key press in its own iframe, and F1 or Ctrl+P may then never reach the
   * workbench: hand the focus back to the workbench's document first. Focus elsewhere is left alone.
   */
  private async focusWorkbench(): Promise<void> {
    await this.page.evaluate(() => {
      const active = document.activeElement;
      if (active instanceof HTMLIFrameElement) active.blur();
    });
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor to be active. */
  async openFile(relative: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input.input');
    await until('Quick Open to appear', input.waitFor());
    // Quick Open's file search leaves out git-ignored files (.env): an absolute path is offered as it is.
    await input.fill(path.basename(relative).startsWith('.env') ? path.join(this.folder, relative) : relative);
    const base = path.basename(relative);
    // The list first shows recently opened files and filters as it goes: wait until the row that
    // Enter would open (the focused one) is the file.
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    });
    await until(`Quick Open to focus ${relative}`, row.waitFor());
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

  /** Types `text` into the Problems filter box (it matches file names and messages). */
  async filterProblems(text: string): Promise<void> {
    await this.showProblems();
    const box = this.page.getByPlaceholder(/^Filter \(e\.g\./).first();
    await until('the Problems filter box', box.waitFor());
    await box.fill(text);
  }

  /** The Problems panel as shown: its file rows and its marker rows, each with its file. */
  async problemsView(): Promise<ProblemsView> {
    return this.page.evaluate(() => (globalThis as unknown as { __shReadProblems: () => ProblemsView }).__shReadProblems());
  }

  async problems(): Promise<ProblemRow[]> {
    return (await this.problemsView()).markers;
  }

  /**
   * Filters the Problems panel to the file's name and waits for an entry of that file whose code
   * matches (and on `line`, when given).
   */
  async waitForProblem(match: { file: string; code: string | RegExp; line?: number }): Promise<ProblemRow> {
    await this.filterProblems(path.basename(match.file));
    const code = typeof match.code === 'string' ? match.code : match.code.source;
    try {
      const handle = await this.page.waitForFunction(
        ({ file, code, line }) =>
          (globalThis as unknown as { __shReadProblems: () => ProblemsView }).__shReadProblems().markers.find(
            (row) =>
              row.file.endsWith(`/${file}`) &&
              new RegExp(code).test(row.code) &&
              (line === undefined || row.position.startsWith(`[Ln ${line},`)),
          ) ?? false,
        { file: match.file, code, line: match.line },
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
      return (await handle.jsonValue()) as ProblemRow;
    } catch {
      throw new Error(`Timed out waiting for a Problems entry ${String(match.code)} in ${match.file}${match.line ? ` on line ${match.line}` : ''}; the panel shows ${JSON.stringify(await this.problemsView(), null, 1)}`);
    }
  }

  /** Waits until the Problems panel shows a file row for each of `files` (relative paths). */
  async waitForProblemFiles(files: string[]): Promise<void> {
    try {
      await this.page.waitForFunction(
        (files) => {
          const shown = (globalThis as unknown as { __shReadProblems: () => ProblemsView }).__shReadProblems().files;
          return files.every((file) => shown.some((row) => row.endsWith(`/${file}`)));
        },
        files,
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
    } catch {
      throw new Error(`Timed out waiting for the Problems panel to list ${files.join(', ')}; it shows ${JSON.stringify(await this.problemsView(), null, 1)}`);
    }
  }

  /**
   * Filters the Problems panel to the file's name and waits until the filter has applied (every
   * file row is that file) and no entry of the file has a matching code.
   */
  async waitForNoProblem(match: { file: string; code: string | RegExp }): Promise<void> {
    await this.filterProblems(path.basename(match.file));
    const code = typeof match.code === 'string' ? match.code : match.code.source;
    try {
      await this.page.waitForFunction(
        ({ file, code }) => {
          const view = (globalThis as unknown as { __shReadProblems: () => ProblemsView }).__shReadProblems();
          return (
            view.files.every((shown) => shown.endsWith(`/${file}`)) &&
            !view.markers.some((row) => row.file.endsWith(`/${file}`) && new RegExp(code).test(row.code))
          );
        },
        { file: match.file, code },
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
    } catch {
      throw new Error(`Timed out waiting for the ${String(match.code)} entry of ${match.file} to leave the Problems panel; it shows ${JSON.stringify(await this.problemsView(), null, 1)}`);
    }
  }

  /** Hovers the middle of the first squiggle of `kind` and returns the hover's text. */
  async hoverSquiggle(line: number, kind: 'error' | 'warning'): Promise<string> {
    await this.waitForSquiggle(line, kind);
    const box = await this.activeEditor().evaluate(
      (editor, { line, kind }) => {
        const rows = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')].sort(
          (a, b) => parseFloat(a.style.top) - parseFloat(b.style.top),
        );
        const top = rows[line - 1]?.style.top;
        const squiggle = [...editor.querySelectorAll<HTMLElement>(`.view-overlays .squiggly-${kind}`)].find(
          (element) => element.parentElement?.style.top === top,
        );
        const rect = squiggle?.getBoundingClientRect();
        return rect ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : undefined;
      },
      { line, kind },
    );
    if (!box) throw new Error(`no ${kind} squiggle on line ${line} to hover`);
    await this.page.mouse.move(box.x, box.y);
    const hover = this.page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
    await until(`the hover of the ${kind} on line ${line}`, hover.waitFor());
    // The hover fades in: wait until it and its containers are fully opaque (for the pictures).
    await until(
      'the hover to finish fading in',
      hover.evaluate(
        (element) =>
          new Promise<void>((resolve) => {
            const opaque = () => {
              for (let node: Element | null = element; node && node !== document.body; node = node.parentElement) {
                if (getComputedStyle(node).opacity !== '1') return false;
              }
              return true;
            };
            // A hover re-rendered meanwhile (new diagnostics for the line, e.g. once the git history is
            // read) detaches this element: its opacity is then never '1'; the fresh one is read below.
            const check = () => (!element.isConnected || opaque() ? resolve() : requestAnimationFrame(check));
            check();
          }),
      ),
    );
    return hover.innerText();
  }

  /**
   * Opens the light-bulb menu (Ctrl+.) at the cursor and returns its items. Waits for the light
   * bulb first: the editor's own request for the cursor's actions has then come back, and Ctrl+.
   * does not race it (pressed earlier, the menu can say "No code actions available").
   */
  async openQuickFixMenu(line: number): Promise<MenuItem[]> {
    await until(
      `the light bulb on line ${line}`,
      this.page.waitForFunction(
        (line) => {
          const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
          if (!editor) return false;
          const tops = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')]
            .map((row) => parseFloat(row.style.top))
            .sort((a, b) => a - b);
          // In the gutter (glyph margin) when there is room, else as a widget beside the text.
          const bulbs = [...editor.querySelectorAll<HTMLElement>('[class*="codicon-gutter-lightbulb"], .lightBulbWidget')].filter(
            (bulb) => bulb.offsetParent !== null && getComputedStyle(bulb).visibility !== 'hidden',
          );
          return bulbs.some((bulb) => {
            const top = parseFloat(bulb.style.top);
            return Math.abs(top - tops[line - 1]) < 2 || bulb.classList.contains('lightBulbWidget');
          });
        },
        line,
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      ),
    );
    await this.page.keyboard.press('Control+.');
    return this.quickFixMenuItems();
  }

  /** Waits for the quick-fix menu (however it was opened) and returns its items. */
  async quickFixMenuItems(): Promise<MenuItem[]> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const none = this.page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions available' });
    await until('the quick-fix menu to list actions', Promise.race([rows.first().waitFor(), none.waitFor()]));
    if (await none.isVisible()) throw new Error('the quick-fix menu showed "No code actions available" at the cursor');
    return rows.evaluateAll((elements) =>
      elements.map((element) => ({
        label: ((element.querySelector('.title') as HTMLElement | null)?.innerText ?? (element as HTMLElement).innerText).trim(),
        ariaLabel: element.getAttribute('aria-label') ?? '',
      })),
    );
  }

  /** Chooses the quick-fix menu item whose title matches, with the arrow keys and Enter. */
  async chooseQuickFix(title: RegExp): Promise<void> {
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    await until('the quick-fix menu to focus an item', focused.waitFor());
    const seen: string[] = [];
    for (;;) {
      const label = (await focused.getAttribute('aria-label')) ?? '';
      if (title.test(label)) break;
      if (seen.includes(label)) throw new Error(`the quick-fix menu has no item ${title}; it lists ${JSON.stringify(seen)}`);
      seen.push(label);
      await this.page.keyboard.press('ArrowDown');
      await until(
        'the quick-fix menu focus to move',
        this.page.waitForFunction(
          (previous) => document.querySelector('.action-widget .monaco-list-row.action.focused')?.getAttribute('aria-label') !== previous,
          label,
          { polling: 'raf', timeout: 5_000 },
        ),
      ).catch(() => undefined);
    }
    await this.page.keyboard.press('Enter');
    await until('the quick-fix menu to close', this.page.locator('.action-widget').waitFor({ state: 'hidden' }));
  }

  /**
   * Shows an output channel by name, filters it to `text` (the view renders only the lines in
   * sight, so a long log would hide an early line) and waits for a line containing `text`.
   * Returns the matching lines.
   */
  async waitForOutput(channel: string, text: string): Promise<string> {
    // The channel list of the Output view follows the channels as they are created: wait there
    // for the channel (the extension activates a few seconds after the workbench shows), then pick it.
    if (!(await this.page.locator('.output-view').isVisible())) await this.runCommand('View: Toggle Output');
    await until('the Output view', this.page.locator('.output-view').waitFor());
    await until(
      `the output channel "${channel}" to exist (the extension to activate)`,
      this.page.locator(`select.monaco-select-box option[value="${channel}"]`).first().waitFor({ state: 'attached' }),
    );
    await this.runCommand('Output: Show Output Channels...', { asks: true });
    const row = this.quickPickRows().filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${channel}$`) }) }).first();
    await until(`the output channel "${channel}" in the channel list`, row.waitFor());
    await row.click();
    await this.filterOutput(text);
    try {
      await this.page.waitForFunction(
        (text) => [...document.querySelectorAll<HTMLElement>('.output-view .view-line')].some((line) => line.innerText.replace(/\u00a0/g, ' ').includes(text)),
        text,
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
    } catch {
      await this.filterOutput('');
      throw new Error(`Timed out waiting for "${text}" in the "${channel}" output channel; it shows:\n${await this.outputText()}`);
    }
    return this.outputText();
  }

  /** Types into the Output view's filter box (empty: show every line). */
  async filterOutput(text: string): Promise<void> {
    const box = this.page.locator('.panel').getByPlaceholder('Filter', { exact: true }).first();
    await until('the Output filter box', box.waitFor());
    await box.fill(text);
  }

  async outputText(): Promise<string> {
    return this.page
      .locator('.output-view')
      .evaluate((view) => [...view.querySelectorAll<HTMLElement>('.view-line')].map((line) => line.innerText.replace(/\u00a0/g, ' ')).join('\n'))
      .catch(() => '');
  }

  /** Waits for a quick input (input box or pick) whose title, prompt or placeholder matches. */
  async waitForQuickInput(pattern: RegExp): Promise<QuickInputState> {
    try {
      await this.page.waitForFunction(
        ({ source, flags }) => {
          const widget = document.querySelector<HTMLElement>('.quick-input-widget');
          if (!widget || widget.style.display === 'none' || widget.offsetParent === null) return false;
          const texts = [
            widget.querySelector<HTMLElement>('.quick-input-title')?.innerText ?? '',
            widget.querySelector<HTMLElement>('.quick-input-message')?.innerText ?? '',
            widget.querySelector<HTMLInputElement>('input.input')?.placeholder ?? '',
          ];
          return new RegExp(source, flags).test(texts.join('\n'));
        },
        { source: pattern.source, flags: pattern.flags },
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      );
    } catch {
      throw new Error(`Timed out waiting for a prompt matching ${pattern}; the quick input shows ${JSON.stringify(await this.quickInputState())}`);
    }
    return this.quickInputState();
  }

  async quickInputState(): Promise<QuickInputState> {
    return this.page.evaluate(() => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      const visible = !!widget && widget.style.display !== 'none' && widget.offsetParent !== null;
      const list = widget?.querySelector<HTMLElement>('.quick-input-list');
      const items = [...(widget?.querySelectorAll<HTMLElement>('.quick-input-list .monaco-list-row') ?? [])].map(
        (row) => row.querySelector<HTMLElement>('.label-name')?.innerText ?? row.innerText,
      );
      return {
        visible,
        title: widget?.querySelector<HTMLElement>('.quick-input-title')?.innerText ?? '',
        message: widget?.querySelector<HTMLElement>('.quick-input-message')?.innerText ?? '',
        placeholder: widget?.querySelector<HTMLInputElement>('input.input')?.placeholder ?? '',
        isInputBox: !list || list.offsetParent === null || items.length === 0,
        items,
      };
    });
  }

  /** Waits until the prompt that matched `pattern` is gone (closed, or replaced by the next one). */
  private async waitForPromptToGo(pattern: RegExp, what: string): Promise<void> {
    await until(
      what,
      this.page.waitForFunction(
        ({ source, flags }) => {
          const widget = document.querySelector<HTMLElement>('.quick-input-widget');
          if (!widget || widget.style.display === 'none' || widget.offsetParent === null) return true;
          const texts = [
            widget.querySelector<HTMLElement>('.quick-input-title')?.innerText ?? '',
            widget.querySelector<HTMLElement>('.quick-input-message')?.innerText ?? '',
            widget.querySelector<HTMLInputElement>('input.input')?.placeholder ?? '',
          ];
          return !new RegExp(source, flags).test(texts.join('\n'));
        },
        { source: pattern.source, flags: pattern.flags },
        { polling: 'raf', timeout: DEFAULT_TIMEOUT },
      ),
    );
  }

  /** Answers the input box matching `pattern` with `text` and Enter. */
  async answerInput(pattern: RegExp, text: string): Promise<void> {
    await this.waitForQuickInput(pattern);
    await this.quickInput().locator('input.input').fill(text);
    await this.page.keyboard.press('Enter');
    await this.waitForPromptToGo(pattern, `the prompt ${pattern} to accept "${text}"`);
  }

  /** Accepts the current quick pick: the row labelled `label` when given, else what Enter accepts. */
  async acceptQuickPick(label?: RegExp): Promise<void> {
    const state = await this.quickInputState();
    const pattern = new RegExp((state.title || state.placeholder).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (label) {
      const row = this.quickPickRows().filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
      await until(`the pick ${label} in "${state.title}"`, row.waitFor());
      await row.click();
    } else {
      await this.page.keyboard.press('Enter');
    }
    await this.waitForPromptToGo(pattern, `the pick "${state.title}" to be accepted`);
  }

  async screenshot(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
  }
}
