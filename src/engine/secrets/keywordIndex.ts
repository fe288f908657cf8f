// One pass over the text finds every keyword of every rule, and remembers which lines hold them
// (for rules with a keyword gate, only the lines where the gate let an occurrence through).
// The keywords are compiled into an Aho-Corasick automaton over case-folded UTF-16 code units:
// one table lookup per character, whatever the number of keywords, and no lower-cased copy of
// the text. (A regex alternation of a few hundred keywords tries each of them at every position.)

import { isLineBreakCode, lineBreakFrom, nextLineStart } from '../text';

export type Segment = [start: number, end: number];

/** What the index needs of a rule: its keywords and, optionally, its gate (see SecretRule). */
export interface KeywordRule {
  keywords: readonly string[];
  keywordGate?: (text: string, keywordEnd: number, quotedOnly: boolean) => boolean;
  /** Only whether a keyword occurs matters (a prefilter's list): its first line is enough, the others are not looked for. */
  firstLineOnly?: boolean;
}

export interface KeywordAutomaton {
  /** Symbol of each UTF-16 code unit after lower-casing; 0 for characters no keyword holds. */
  symbolOf: Uint8Array;
  /** Row length of `next`: symbols + 1. */
  width: number;
  /** next[state + symbol] is the next state, stored pre-multiplied by `width`; the start state is 0. */
  next: Uint16Array | Int32Array;
  /**
   * States that wake a rule are numbered last, from this (pre-multiplied) one on: the hot loop
   * tells them apart with one comparison, no second table read.
   */
  firstWaking: number;
  /** Rule indices each waking state wakes (every keyword ending there), by (state - firstWaking) / width. */
  wakes: Int32Array[];
  /** Each rule's keyword gate (read once here: rule objects come in many shapes). */
  gates: (KeywordRule['keywordGate'] | undefined)[];
  /** Rules with no keyword (or the empty keyword) run on the whole text. */
  everywhere: boolean[];
  /** Rules that want their first keyword line only (KeywordRule.firstLineOnly). */
  firstLineOnly: boolean[];
  /**
   * No keyword holds `\n` or `\r`: the automaton is back in its start state after every line
   * break, so a pass may start at any line start (keywordEndsIn).
   */
  lineBreakFree: boolean;
}

const cache = new WeakMap<readonly KeywordRule[], KeywordAutomaton>();

function compile(rules: readonly KeywordRule[]): KeywordAutomaton {
  const keywords = new Map<string, number[]>();
  const everywhere = rules.map(runsEverywhere);
  rules.forEach((rule, index) => {
    if (everywhere[index]) return;
    for (const keyword of rule.keywords) {
      const list = keywords.get(keyword) ?? [];
      list.push(index);
      keywords.set(keyword, list);
    }
  });

  const alphabet = new Map<number, number>();
  let trieSize = 1;
  for (const keyword of keywords.keys()) {
    trieSize += keyword.length;
    for (let i = 0; i < keyword.length; i += 1) {
      const code = keyword.charCodeAt(i);
      if (!alphabet.has(code)) alphabet.set(code, alphabet.size + 1);
    }
  }
  if (alphabet.size > 254) throw new Error('secret rule keywords use more than 254 distinct characters');
  const width = alphabet.size + 1;
  const symbolOf = caseFoldedSymbols(alphabet);

  // The trie in a flat table (child state by state and symbol, 0 for none: no edge leads back to
  // the start), then breadth-first failure links fill it into a complete transition table. Built
  // once per thread in cold code: typed arrays and plain lists, no Map or Set per state.
  const next = new Int32Array(trieSize * width);
  // Every rule a state wakes: its own keywords' here, its suffixes' (through its failure link) below.
  const woken: number[][] = [[]];
  let states = 1;
  for (const [keyword, indices] of keywords) {
    let state = 0;
    for (let i = 0; i < keyword.length; i += 1) {
      const slot = state * width + alphabet.get(keyword.charCodeAt(i))!;
      if (next[slot] === 0) {
        next[slot] = states;
        woken.push([]);
        states += 1;
      }
      state = next[slot];
    }
    woken[state].push(...indices);
  }
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let tail = 0;
  for (let symbol = 1; symbol < width; symbol += 1) if (next[symbol] !== 0) queue[tail++] = next[symbol];
  for (let head = 0; head < tail; head += 1) {
    const state = queue[head];
    // Repeats are dropped once, in `wakes`.
    if (woken[fail[state]].length > 0) woken[state] = [...woken[state], ...woken[fail[state]]];
    const row = state * width;
    const failRow = fail[state] * width;
    for (let symbol = 1; symbol < width; symbol += 1) {
      const child = next[row + symbol];
      if (child === 0) {
        next[row + symbol] = next[failRow + symbol];
      } else {
        fail[child] = next[failRow + symbol];
        queue[tail++] = child;
      }
    }
  }
  // Renumber: the states that wake nothing first (the start state stays 0), then those that do.
  const order: number[] = [];
  for (let state = 0; state < states; state += 1) if (woken[state].length === 0) order.push(state);
  const firstWakingState = order.length;
  for (let state = 0; state < states; state += 1) if (woken[state].length > 0) order.push(state);
  const renamed = new Int32Array(states);
  for (let position = 0; position < states; position += 1) renamed[order[position]] = position;
  // Pre-multiplied by the width; half the memory when it fits keeps the table in the faster caches.
  const table = states * width <= 0xffff ? new Uint16Array(states * width) : new Int32Array(states * width);
  for (let state = 0; state < states; state += 1) {
    const row = renamed[state] * width;
    const from = state * width;
    for (let symbol = 0; symbol < width; symbol += 1) table[row + symbol] = renamed[next[from + symbol]] * width;
  }
  const wakes = order.slice(firstWakingState).map((state) => Int32Array.from(new Set(woken[state])).sort());
  return { symbolOf, width, next: table, firstWaking: firstWakingState * width, wakes, gates: rules.map((rule) => rule.keywordGate), everywhere, firstLineOnly: rules.map((rule) => rule.firstLineOnly === true), lineBreakFree: symbolOf[10] === 0 && symbolOf[13] === 0 };
}

/** Code units lower-cased in one call per block, instead of one call (and one string) per unit. */
const FOLD_BLOCK = 4096;

/**
 * The symbol of every UTF-16 code unit: its own if it has one, else its lower case's (where that
 * is one code unit, as String#toLowerCase folds it). Each block of units is lower-cased in one
 * call and searched (natively) for the alphabet's units only: this runs once per automaton, in
 * cold code, where a loop over all 65,536 units twice cost several milliseconds. Blocks whose
 * lower case changes length (U+0130 becomes two units) are folded one unit at a time.
 */
function caseFoldedSymbols(alphabet: ReadonlyMap<number, number>): Uint8Array {
  const symbolOf = new Uint8Array(0x10000);
  const units: number[] = new Array(FOLD_BLOCK);
  for (let block = 0; block < 0x10000; block += FOLD_BLOCK) {
    for (let i = 0; i < FOLD_BLOCK; i += 1) units[i] = block + i;
    const folded = String.fromCharCode.apply(null, units).toLowerCase();
    if (folded.length === FOLD_BLOCK) {
      for (const [code, symbol] of alphabet) {
        const unit = String.fromCharCode(code);
        for (let at = folded.indexOf(unit); at !== -1; at = folded.indexOf(unit, at + 1)) symbolOf[block + at] = symbol;
      }
    } else {
      for (let i = 0; i < FOLD_BLOCK; i += 1) symbolOf[block + i] = alphabet.get(foldOne(block + i)) ?? 0;
    }
  }
  // A unit of the alphabet is its own symbol, whatever its lower case.
  for (const [code, symbol] of alphabet) symbolOf[code] = symbol;
  return symbolOf;
}

function foldOne(code: number): number {
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

/** The rules' automaton, compiled on first use (per rules array, per thread). */
export function automatonFor(rules: readonly KeywordRule[]): KeywordAutomaton {
  let automaton = cache.get(rules);
  if (!automaton) {
    automaton = compile(rules);
    cache.set(rules, automaton);
  }
  return automaton;
}

/**
 * For each rule (by index), the start offsets of the lines holding one of its keywords (compared
 * case-insensitively) where its gate, if any, lets it through; ascending and without repeats.
 * Rules that run everywhere get none here; rules that want their first line only get one at most.
 * `quotedOnly` is passed on to the gates.
 */
export function keywordLines(text: string, rules: readonly KeywordRule[], quotedOnly = false): number[][] {
  const automaton = automatonFor(rules);
  const count = findKeywordEnds(text, automaton, 0, text.length);
  // Most rules find nothing in most files: they share one empty list.
  const lineStarts: number[][] = new Array<number[]>(rules.length).fill(NO_LINES);
  gatherLines(text, automaton, hits, 0, count, quotedOnly, lineStarts);
  return lineStarts;
}

/**
 * Adds to `lineStarts` the lines of the keyword occurrences `pairs[from..to)` (pairs of offset of
 * a keyword's last character and index into `wakes`, in text order) that their rules' gates let
 * through: a line a rule already ends with is not looked at again, nor any line for a rule that
 * wants its first line only and has one. `only`, when given, restricts the work to the rules it
 * marks. An empty list is NO_LINES (shared): a rule's first line gets it a list of its own.
 */
export function gatherLines(text: string, automaton: KeywordAutomaton, pairs: Int32Array, from: number, to: number, quotedOnly: boolean, lineStarts: number[][], only?: Uint8Array): void {
  const { wakes, gates, firstLineOnly } = automaton;
  let lineStart = 0;
  let lineEnd = -1;
  for (let h = from; h < to; h += 2) {
    const i = pairs[h];
    const woken = wakes[pairs[h + 1]];
    for (let k = 0; k < woken.length; k += 1) {
      const rule = woken[k];
      if (only !== undefined && only[rule] === 0) continue;
      const starts = lineStarts[rule];
      if (starts !== NO_LINES && ((i <= lineEnd && starts[starts.length - 1] === lineStart) || firstLineOnly[rule])) continue;
      const gate = gates[rule];
      if (gate !== undefined && !gate(text, i + 1, quotedOnly)) continue;
      if (i > lineEnd) {
        // Lines are short: walking back is cheaper than lastIndexOf, which V8 does not inline.
        lineStart = i;
        while (lineStart > 0 && !isLineBreakCode(text.charCodeAt(lineStart - 1))) lineStart -= 1;
        lineEnd = lineBreakFrom(text, i);
      }
      if (starts === NO_LINES) lineStarts[rule] = [lineStart];
      else if (starts[starts.length - 1] !== lineStart) starts.push(lineStart);
    }
  }
}

/** The shared empty list of keywordLines' answer. */
export const NO_LINES: number[] = [];

/** Pairs (offset of a keyword's last character, index into `wakes`), reused from scan to scan. */
let hits = new Int32Array(4096);

/**
 * The keyword occurrences whose last character is in `[from, to)`, found from `from` on with the
 * automaton in its start state, as pairs (see gatherLines) in a new array. The start state is
 * right wherever `from` is a line start: no keyword holds a line break (lineBreakFree).
 */
export function keywordEndsIn(text: string, automaton: KeywordAutomaton, from: number, to: number): Int32Array {
  // Counted first: the pass may replace `hits` with a larger array, and `hits.slice(...)` would
  // read the old one (the callee is evaluated before its arguments).
  const count = findKeywordEnds(text, automaton, from, to);
  return hits.slice(0, count);
}

/**
 * The automaton's pass, kept apart from what is done with each keyword so that this loop stays
 * as small as V8 can make it: it is the one place every character of every file goes through.
 * Returns how many entries of `hits` it filled.
 */
function findKeywordEnds(text: string, { symbolOf, width, next, firstWaking }: KeywordAutomaton, from: number, to: number): number {
  let count = 0;
  let state = 0;
  for (let i = from; i < to; i += 1) {
    state = next[state + symbolOf[text.charCodeAt(i)]];
    if (state < firstWaking) continue;
    if (count + 2 > hits.length) {
      const grown = new Int32Array(hits.length * 2);
      grown.set(hits);
      hits = grown;
    }
    hits[count] = i;
    hits[count + 1] = (state - firstWaking) / width;
    count += 2;
  }
  return count;
}

const everywhereCache = new WeakMap<readonly KeywordRule[], readonly boolean[]>();

/**
 * For each rule (by index), whether it has no keyword and so runs on the whole text. Read from
 * the rules, not from their automaton: a caller that was handed the rules' keyword lines (from a
 * pass built with more rules) would otherwise build a second automaton for this alone.
 */
export function rulesRunningEverywhere(rules: readonly KeywordRule[]): readonly boolean[] {
  let everywhere = everywhereCache.get(rules);
  if (!everywhere) everywhereCache.set(rules, (everywhere = rules.map(runsEverywhere)));
  return everywhere;
}

function runsEverywhere(rule: KeywordRule): boolean {
  return rule.keywords.length === 0 || rule.keywords.includes('');
}

/**
 * Consecutive lines become one segment (from the first line's start to the last line's content
 * end, before its `\r\n`, `\n` or `\r`: a CRLF line is matched as its LF twin is).
 */
export function mergeLines(text: string, starts: readonly number[]): Segment[] {
  const segments: Segment[] = [];
  for (const start of starts) {
    const end = lineBreakFrom(text, start);
    const last = segments[segments.length - 1];
    if (last && nextLineStart(text, last[1]) >= start) last[1] = Math.max(last[1], end);
    else segments.push([start, end]);
  }
  return segments;
}
