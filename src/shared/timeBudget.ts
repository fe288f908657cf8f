// The per-file time budget, shared by the language server and the CLI. A file whose scan runs
// longer than the budget is abandoned (the worker thread scanning it is terminated and replaced)
// and reported once as "not fully scanned", so that one pathological file never holds the others.

/** Default budget for one file's scan, in milliseconds. Normal files take a few ms; 3 s is ~100x that. */
export const DEFAULT_TIME_BUDGET_MS = 3000;

/** The id under which a file over its budget is reported (docs/rules/scan/time-budget.md). */
export const TIME_BUDGET_RULE_ID = 'scan/time-budget';

/** What the user is told about a file over its budget; it names no content of the file. */
export function notFullyScannedMessage(budgetMs: number, setting: string): string {
  return `Not fully scanned: scanning this file took longer than its time budget of ${budgetMs} ms, so it was stopped and its findings are unknown. `
    + `Split the file, exclude it, or raise ${setting}.`;
}

/**
 * Test-only hook: when SECURE_HYGIENE_TEST_HANG is set, a worker handed a text that contains
 * its value blocks until it is terminated, like a pathological file would, but deterministically
 * and without burning CPU. Only the worker loops call this, never a thread that answers requests.
 */
export function hangIfTestMarked(text: string): void {
  const marker = process.env.SECURE_HYGIENE_TEST_HANG;
  if (!marker || !text.includes(marker)) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
