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
