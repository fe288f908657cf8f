// What a scenario expects, computed rather than written down: the text a quick fix must produce
// (from the engine's own fix), whether a squiggle ever went away while the user typed, and where
// in a line a planted secret sits.
import { scan } from '../../../src/engine';
import type { PlantedSecret } from '../fixture';
import type { Workbench } from './workbench';

export const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text after the engine's preferred fix of the file's first finding of `ruleId`: what the quick fix must make of it. */
export async function afterPreferredFix(text: string, relative: string, ruleId: string): Promise<{ title: string; text: string }> {
  const finding = (await scan(text, { path: relative, gitState: 'tracked' })).find((candidate) => candidate.ruleId === ruleId);
  const fix = finding?.fixes?.find((candidate) => candidate.preferred) ?? finding?.fixes?.[0];
  if (!fix) throw new Error(`the engine offers no fix for ${ruleId} in ${relative}`);
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return { title: fix.title, text: result };
}

/** From now on the page notes (on every change of the active editor's DOM) whether it ever shows no squiggle of `kind`. */
export async function watchSquiggle(wb: Workbench, kind: 'error' | 'warning'): Promise<void> {
  await wb.activeEditor().evaluate((editor, kind) => {
    const state = globalThis as unknown as { __shSquiggleGone: boolean };
    state.__shSquiggleGone = false;
    new MutationObserver(() => {
      if (!editor.querySelector(`.view-overlays .squiggly-${kind}`)) state.__shSquiggleGone = true;
    }).observe(editor, { subtree: true, childList: true, attributes: true });
  }, kind);
}

/** Whether the squiggle watched by watchSquiggle went away at some point. */
export async function squiggleWentAway(wb: Workbench): Promise<boolean> {
  return wb.page.evaluate(() => (globalThis as unknown as { __shSquiggleGone: boolean }).__shSquiggleGone);
}

/** 1-based column of the middle of the secret on its line. */
export function secretColumn(secret: PlantedSecret): number {
  return secret.text.indexOf(secret.value) + Math.floor(secret.value.length / 2) + 1;
}
