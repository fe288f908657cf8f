import { changedStretch, isLineBreakCode, lineBreakFrom } from '../text';
import { automatonFor, gatherLines, keywordEndsIn, NO_LINES, type KeywordRule } from './keywordIndex';

// The keyword lines (keywordIndex.ts) of a document the editor scans again on every keystroke.
// The editor sends the whole new text; what changed is found by comparing it with the previous
// one (a common prefix and suffix, compared natively in blocks), and only the lines the change
// touches are passed through the automaton again. The keyword occurrences before them are kept,
// those after them moved by the change's length; no keyword holds a line break, so the automaton
// restarts cleanly at a line start. The gates are asked again for the lines of the change, and
// for the lines before it from the last one holding a non-blank character: a gate reads its own
// line, and reads on past its end only over blank space (`password"\n  : "…"`), so an edit can
// change its answer only there. (A gate that read past the end of non-blank text on the next line
// would make a kept answer stale; even then the findings stay the same, as a gate only narrows
// which lines the patterns see, and a pattern's match on an unchanged line does not change.)

interface Kept {
  text: string;
  rules: readonly KeywordRule[];
  quotedOnly: boolean;
  /** Every keyword occurrence of `text`, as keywordEndsIn gives them. */
  pairs: Int32Array;
  /** keywordLines(text, rules, quotedOnly). */
  lines: number[][];
}

/** Changes touching more than this share of the text are passed over whole: splicing would cost more. */
const WHOLE_PASS_SHARE = 0.5;

/** `\s` as the gates read it (keywordGates.ts). */
function isBlankCode(unit: number): boolean {
  if (unit < 128) return unit === 32 || (unit >= 9 && unit <= 13);
  return /\s/.test(String.fromCharCode(unit));
}

/** The first pair (even index) whose offset is `offset` or more; pairs are in text order. */
function firstPairFrom(pairs: Int32Array, offset: number): number {
  let low = 0;
  let high = pairs.length / 2;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (pairs[mid * 2] < offset) low = mid + 1;
    else high = mid;
  }
  return low * 2;
}

/** The first index of an ascending list whose value is more than `value` (or `value` or more with `orEqual`). */
function firstAbove(list: readonly number[], value: number, orEqual: boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid] < value || (!orEqual && list[mid] === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The start of the line holding `offset`. */
function lineStartOf(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && !isLineBreakCode(text.charCodeAt(at - 1))) at -= 1;
  return at;
}

/** A document's keyword lines, kept from scan to scan (one per document, in its DetectorInput.state). */
export class KeptKeywordLines {
  private kept: Kept | undefined;
  /** Scans answered by re-reading the changed lines only (for tests and benchmarks). */
  spliced = 0;

  /** The same answer as keywordLines(text, rules, quotedOnly). */
  lines(text: string, rules: readonly KeywordRule[], quotedOnly: boolean): number[][] {
    const old = this.kept;
    if (old && old.rules === rules && old.quotedOnly === quotedOnly) {
      if (old.text === text) return old.lines;
      const spliced = this.splice(old, text);
      if (spliced) {
        this.spliced += 1;
        return spliced;
      }
    }
    const automaton = automatonFor(rules);
    const pairs = keywordEndsIn(text, automaton, 0, text.length);
    const lines: number[][] = new Array<number[]>(rules.length).fill(NO_LINES);
    gatherLines(text, automaton, pairs, 0, pairs.length, quotedOnly, lines);
    this.kept = { text, rules, quotedOnly, pairs, lines };
    return lines;
  }

  private splice(old: Kept, text: string): number[][] | undefined {
    const { rules, quotedOnly } = old;
    const automaton = automatonFor(rules);
    if (!automaton.lineBreakFree) return undefined;
    const { start: prefix, newEnd } = changedStretch(old.text, text);
    const delta = text.length - old.text.length;
    // Passed through the automaton again: the lines the change touches, whole.
    const hitFrom = lineStartOf(text, prefix);
    const hitTo = lineBreakFrom(text, newEnd);
    if (hitTo - hitFrom > text.length * WHOLE_PASS_SHARE) return undefined;
    // Asked of the gates again: from the line of the last non-blank character before them.
    let lastInk = hitFrom - 1;
    while (lastInk >= 0 && isBlankCode(text.charCodeAt(lastInk))) lastInk -= 1;
    const judgeFrom = lastInk < 0 ? 0 : lineStartOf(text, lastInk);
    // In the old text, the change's last line break is at hitTo - delta: lines after it are kept, moved.
    const keptAfter = hitTo - delta;

    const oldPairs = old.pairs;
    const before = firstPairFrom(oldPairs, hitFrom);
    const after = firstPairFrom(oldPairs, keptAfter);
    const window = keywordEndsIn(text, automaton, hitFrom, hitTo);
    const pairs = new Int32Array(before + window.length + (oldPairs.length - after));
    pairs.set(oldPairs.subarray(0, before));
    pairs.set(window, before);
    let write = before + window.length;
    for (let h = after; h < oldPairs.length; h += 2) {
      pairs[write] = oldPairs[h] + delta;
      pairs[write + 1] = oldPairs[h + 1];
      write += 2;
    }

    const { firstLineOnly } = automaton;
    const lines: number[][] = new Array<number[]>(rules.length);
    /** Rules wanting their first line only, whose first line was in the change: looked for after it. */
    let lookAfter: Uint8Array | undefined;
    for (let rule = 0; rule < rules.length; rule += 1) {
      const was = old.lines[rule];
      const cut = was === NO_LINES ? 0 : firstAbove(was, judgeFrom, true);
      lines[rule] = cut === 0 ? NO_LINES : was.slice(0, cut);
    }
    const windowEnd = before + window.length;
    gatherLines(text, automaton, pairs, firstPairFrom(pairs, judgeFrom), windowEnd, quotedOnly, lines);
    for (let rule = 0; rule < rules.length; rule += 1) {
      const was = old.lines[rule];
      if (was === NO_LINES) continue;
      const from = firstAbove(was, keptAfter, false);
      if (firstLineOnly[rule]) {
        if (lines[rule] !== NO_LINES) continue;
        if (from < was.length) lines[rule] = [was[from] + delta];
        // Its first line was in the change and is gone: the next one is after it, if anywhere.
        else if (was[0] >= judgeFrom) (lookAfter ??= new Uint8Array(rules.length))[rule] = 1;
        continue;
      }
      if (from === was.length) continue;
      const list = lines[rule] === NO_LINES ? (lines[rule] = []) : lines[rule];
      for (let i = from; i < was.length; i += 1) list.push(was[i] + delta);
    }
    if (lookAfter) gatherLines(text, automaton, pairs, windowEnd, pairs.length, quotedOnly, lines, lookAfter);
    this.kept = { text, rules, quotedOnly, pairs, lines };
    return lines;
  }
}
