/// <reference lib="dom" />
// Reads and drives what the extension adds to the workbench: the Secure Hygiene view (its two
// tree sections), the status item, a Markdown preview tab and the walkthrough. Every wait is on
// what the page shows.
import type { Locator } from 'playwright-core';
import { DEFAULT_TIMEOUT, until, type Workbench } from './workbench';

export const VIEW_CONTAINER = '#workbench\\.view\\.extension\\.secureHygiene';
export const STATUS_ITEM = '#secure-hygiene\\.secure-hygiene\\.secureHygiene\\.status';

export interface TreeRow {
  /** 1: category or section, 2: file, 3: finding (the findings tree). */
  level: number;
  label: string;
  description: string;
  /** Codicon of the row's icon (`error`, `warning`, `flame`, ...), when it has one. */
  icon: string;
  ariaLabel: string;
}

/** The `.pane` of a view section by its name ("Findings", "Suppressions and Baseline"). */
export function pane(wb: Workbench, name: string): Locator {
  return wb.page.locator(`${VIEW_CONTAINER} .pane`, { has: wb.page.locator(`.pane-header[aria-label="${name} Section"]`) });
}

/** The rows a section renders, in order (small trees: all of them). */
export async function treeRows(wb: Workbench, name: string): Promise<TreeRow[]> {
  return pane(wb, name).evaluate((element) => {
    const rows = [...element.querySelectorAll<HTMLElement>('.pane-body .monaco-list-row')]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
    return rows.map((row) => {
      const iconClass = [...(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((name) => name.startsWith('codicon-') && name !== 'codicon');
      return {
        level: Number(row.getAttribute('aria-level') ?? 0),
        label: row.querySelector<HTMLElement>('.label-name')?.innerText.trim() ?? '',
        description: row.querySelector<HTMLElement>('.label-description')?.innerText.trim() ?? '',
        icon: iconClass?.slice('codicon-'.length) ?? '',
        ariaLabel: row.getAttribute('aria-label') ?? '',
      };
    });
  });
}

/** Waits until `predicate` holds for the rows of a section; returns them. */
export async function waitForRows(wb: Workbench, name: string, predicate: (rows: TreeRow[]) => boolean, what: string): Promise<TreeRow[]> {
  const deadline = Date.now() + DEFAULT_TIMEOUT;
  // Each try waits for the section's DOM to change (a MutationObserver in the page), not for time.
  for (;;) {
    const rows = await treeRows(wb, name).catch(() => [] as TreeRow[]);
    if (predicate(rows)) return rows;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`Timed out waiting for ${what} in the "${name}" section; it shows ${JSON.stringify(rows, null, 1)}`);
    await wb.page.evaluate(
      ({ selector, left }) => new Promise<void>((resolve) => {
        const target = document.querySelector(selector) ?? document.body;
        const observer = new MutationObserver(() => { observer.disconnect(); clearTimeout(timer); resolve(); });
        const timer = setTimeout(() => { observer.disconnect(); resolve(); }, left);
        observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
      { selector: VIEW_CONTAINER, left },
    );
  }
}

/** Opens the view with "Secure Hygiene: Show Findings" and waits for its Findings section. */
export async function showView(wb: Workbench): Promise<void> {
  await wb.runCommand('Secure Hygiene: Show Findings');
  await until('the Secure Hygiene view\'s Findings section', pane(wb, 'Findings').waitFor());
}

/** The status item's accessible label: "Secure Hygiene: N committed secrets, server running". */
export async function statusLabel(wb: Workbench): Promise<string> {
  const item = wb.page.locator(STATUS_ITEM);
  await until('the Secure Hygiene status item', item.waitFor());
  return (await item.getAttribute('aria-label')) ?? '';
}

/** The longest a workspace scan of the fixture may take on a loaded machine (it took 40 s beside other jobs on 2 cores). */
export const SCAN_TIMEOUT = 180_000;

/** Waits until the status item's label matches `pattern`; returns it. */
export async function waitForStatus(wb: Workbench, pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT): Promise<string> {
  try {
    await wb.page.waitForFunction(
      ({ selector, source }) => new RegExp(source).test(document.querySelector(selector)?.getAttribute('aria-label') ?? ''),
      { selector: STATUS_ITEM, source: pattern.source },
      { polling: 'raf', timeout: timeoutMs },
    );
  } catch {
    throw new Error(`Timed out waiting for the status item to read ${pattern}; it reads ${JSON.stringify(await statusLabel(wb).catch(() => 'nothing'))}`);
  }
  return statusLabel(wb);
}

/** The editor tab whose title matches, active or not. */
export function tab(wb: Workbench, title: RegExp): Locator {
  return wb.page.locator('.tabs-container .tab', { has: wb.page.locator('.label-name', { hasText: title }) });
}

interface FocusedRow extends Pick<TreeRow, 'level' | 'label' | 'description'> {
  index: number;
}

/** The focused row of a section, if any. */
async function focusedRow(wb: Workbench, name: string): Promise<FocusedRow | undefined> {
  return pane(wb, name).evaluate((element) => {
    const row = element.querySelector<HTMLElement>('.pane-body .monaco-list-row.focused');
    return row
      ? {
        index: Number(row.dataset.index),
        level: Number(row.getAttribute('aria-level') ?? 0),
        label: row.querySelector<HTMLElement>('.label-name')?.innerText.trim() ?? '',
        description: row.querySelector<HTMLElement>('.label-description')?.innerText.trim() ?? '',
      }
      : undefined;
  });
}

/** Gives a section's tree the keyboard (the view's own focus command) and focuses its first row. */
async function focusFirstRow(wb: Workbench, name: string): Promise<void> {
  const section = pane(wb, name);
  // Run again when the keyboard focus does not arrive (a closing prompt can hand it back to the editor).
  for (let attempt = 1; ; attempt++) {
    await wb.runCommand(`Secure Hygiene: Focus on ${name} View`);
    try {
      await section.locator('.monaco-list:focus-within').first().waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw new Error(`"Focus on ${name} View" did not give the "${name}" section's tree the keyboard: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  // Pressed again if the keyboard focus was still on its way to the tree.
  const first = section.locator('.pane-body .monaco-list-row.focused[data-index="0"]');
  for (let attempt = 1; ; attempt++) {
    await wb.page.keyboard.press('Home');
    try {
      await first.waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (attempt === 5) throw new Error(`Home did not focus the first row of the "${name}" section: ${(error as Error).message.split('\n')[0]}`);
    }
  }
}

/** ArrowDown in a focused tree; false on its last row (the focus does not move). */
async function focusNextRow(wb: Workbench, from: number): Promise<boolean> {
  await wb.page.keyboard.press('ArrowDown');
  return wb.page.waitForFunction(
    ({ selector, previous }) => {
      const row = document.querySelector<HTMLElement>(selector);
      return row !== null && Number(row.dataset.index) !== previous;
    },
    { selector: `${VIEW_CONTAINER} .pane-body .monaco-list-row.focused`, previous: from },
    { polling: 'raf', timeout: 5_000 },
  ).then(() => true, () => false);
}

/**
 * Moves the keyboard focus of a section's tree, row by row (ArrowDown), to the first row whose
 * description matches (under the file row labelled `file`, when given), which the tree scrolls into sight: a long list renders only the rows in
 * sight, so a row further down has no element to hover until then. Returns the focused row.
 */
export async function focusRow(wb: Workbench, name: string, description: RegExp, file?: string): Promise<Locator> {
  await focusFirstRow(wb, name);
  const passed: string[] = [];
  let inFile = '';
  for (;;) {
    const focused = await focusedRow(wb, name);
    if (focused?.level === 2) inFile = focused.label;
    if (focused && description.test(focused.description) && (file === undefined || inFile === file)) return pane(wb, name).locator('.pane-body .monaco-list-row.focused');
    if (focused) passed.push(`${focused.label} ${focused.description}`);
    if (!(await focusNextRow(wb, focused?.index ?? -1))) {
      throw new Error(`no row of the "${name}" section has a description matching ${description}; the rows passed: ${JSON.stringify(passed)}`);
    }
  }
}

/** Every row of a section, long or not (the keyboard walks it from the first row to the last). */
export async function walkRows(wb: Workbench, name: string): Promise<Pick<TreeRow, 'level' | 'label' | 'description'>[]> {
  await focusFirstRow(wb, name);
  const rows: Pick<TreeRow, 'level' | 'label' | 'description'>[] = [];
  for (;;) {
    const focused = await focusedRow(wb, name);
    if (!focused) return rows;
    rows.push({ level: focused.level, label: focused.label, description: focused.description });
    if (!(await focusNextRow(wb, focused.index))) return rows;
  }
}

/** Walks a section (walkRows) until `predicate` holds, walking again after each change of the view. */
export async function waitForWalk(wb: Workbench, name: string, predicate: (rows: Pick<TreeRow, 'level' | 'label' | 'description'>[]) => boolean, what: string) {
  const deadline = Date.now() + DEFAULT_TIMEOUT;
  for (;;) {
    const rows = await walkRows(wb, name);
    if (predicate(rows)) return rows;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`Timed out waiting for ${what} in the "${name}" section; it lists ${JSON.stringify(rows, null, 1)}`);
    // A change seen during the walk may have been half read: the next walk starts after the next
    // change of the view, or after 2 s at most.
    await wb.page.evaluate(
      ({ selector, wait }) => new Promise<void>((resolve) => {
        const target = document.querySelector(selector) ?? document.body;
        const observer = new MutationObserver(() => { observer.disconnect(); clearTimeout(timer); resolve(); });
        const timer = setTimeout(() => { observer.disconnect(); resolve(); }, wait);
        observer.observe(target, { subtree: true, childList: true, characterData: true });
      }),
      { selector: VIEW_CONTAINER, wait: Math.min(left, 2_000) },
    );
  }
}

/**
 * Brings a finding's row into sight (focusRow), hovers it and clicks one of its inline action
 * buttons by the command's title ("Quick Fix...", "Ignore (with reason)...", "Open Rule
 * Documentation"), as a user does: the view shows the buttons on the hovered or focused row.
 */
export async function clickInlineAction(wb: Workbench, finding: { description: RegExp; file: string }, title: string): Promise<void> {
  const row = await focusRow(wb, 'Findings', finding.description, finding.file);
  await row.hover();
  const button = row.locator(`.actions .action-label[aria-label^="${title}"]`);
  await until(`the inline button "${title}" to show on the hovered row`, button.waitFor());
  await button.click();
}

/** The committed-secrets count a "Committed secrets" category row gives ("3 findings in 3 files"). */
export function committedCount(rows: TreeRow[]): number | undefined {
  const row = rows.find((candidate) => candidate.level === 1 && /^Committed secrets/.test(candidate.label));
  return row ? Number(/^(\d+) finding/.exec(row.description)?.[1]) : undefined;
}
