import type { OffsetEdit } from '../../../src/engine/types';

/** Applies non-overlapping offset edits, last first. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((out, edit) => out.slice(0, edit.start) + edit.newText + out.slice(edit.end), text);
}
