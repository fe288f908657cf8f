// One pass over the text finds every keyword of every rule, and remembers which lines hold them.
// The keywords are compiled into an Aho-Corasick automaton over case-folded UTF-16 code units:
// one table lookup per character, whatever the number of keywords, and no lower-cased copy of
// the text. (A regex alternation of a few hundred keywords tries each of them at every position.)

export type Segment = [start: number, end: number];

interface Automaton {
  /** Symbol of each UTF-16 code unit after lower-casing; 0 for characters no keyword holds. */
  symbolOf: Uint8Array;
  /** Row length of `next`: symbols + 1. */
  width: number;
  /** next[state + symbol] is the next state, stored pre-multiplied by `width`. */
  next: Uint16Array | Int32Array;
  /** Rule indices a state wakes (every keyword ending there), by state / width; empty when none. */
  wakes: Int32Array[];
  /** 1 at each (pre-multiplied) state that wakes a rule: the hot loop reads only typed arrays. */
  wakesAny: Uint8Array;
  /** Rules with no keyword (or the empty keyword) run on the whole text. */
  everywhere: boolean[];
}

const cache = new WeakMap<readonly { keywords: readonly string[] }[], Automaton>();

function compile(rules: readonly { keywords: readonly string[] }[]): Automaton {
  const keywords = new Map<string, number[]>();
  const everywhere = rules.map((rule) => rule.keywords.length === 0 || rule.keywords.includes(''));
  rules.forEach((rule, index) => {
    if (everywhere[index]) return;
    for (const keyword of rule.keywords) {
      const list = keywords.get(keyword) ?? [];
      list.push(index);
      keywords.set(keyword, list);
    }
  });

  const alphabet = new Map<number, number>();
  for (const keyword of keywords.keys()) {
    for (let i = 0; i < keyword.length; i += 1) {
      const code = keyword.charCodeAt(i);
      if (!alphabet.has(code)) alphabet.set(code, alphabet.size + 1);
    }
  }
  if (alphabet.size > 254) throw new Error('secret rule keywords use more than 254 distinct characters');
  const width = alphabet.size + 1;
  // Fold the way String#toLowerCase does, for every code unit whose lower case is one code unit.
  const symbolOf = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code += 1) {
    const direct = alphabet.get(code);
    if (direct !== undefined) {
      symbolOf[code] = direct;
      continue;
    }
    if (code < 0x41 || (code > 0x5a && code < 0xc0)) continue;
    const lower = String.fromCharCode(code).toLowerCase();
    if (lower.length === 1) symbolOf[code] = alphabet.get(lower.charCodeAt(0)) ?? 0;
  }

  // The trie, then breadth-first failure links, filled into a complete transition table.
  const children: Map<number, number>[] = [new Map()];
  const ending: number[][] = [[]];
  for (const [keyword, indices] of keywords) {
    let state = 0;
    for (let i = 0; i < keyword.length; i += 1) {
      const symbol = alphabet.get(keyword.charCodeAt(i))!;
      let child = children[state].get(symbol);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        ending.push([]);
        children[state].set(symbol, child);
      }
      state = child;
    }
    ending[state].push(...indices);
  }
  const states = children.length;
  const next = new Int32Array(states * width);
  const fail = new Int32Array(states);
  const woken: Set<number>[] = ending.map((list) => new Set(list));
  const queue: number[] = [];
  for (const [symbol, child] of children[0]) {
    next[symbol] = child * width;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head];
    for (const index of woken[fail[state]]) woken[state].add(index);
    for (let symbol = 1; symbol < width; symbol += 1) {
      const child = children[state].get(symbol);
      const fallback = next[fail[state] * width + symbol];
      if (child === undefined) {
        next[state * width + symbol] = fallback;
      } else {
        fail[child] = fallback / width;
        next[state * width + symbol] = child * width;
        queue.push(child);
      }
    }
  }
  const wakes = woken.map((set) => Int32Array.from([...set].sort((a, b) => a - b)));
  // Half the memory when it fits keeps the table in the faster caches.
  const compact = states * width <= 0xffff ? Uint16Array.from(next) : next;
  const wakesAny = new Uint8Array(states * width);
  wakes.forEach((list, state) => {
    if (list.length > 0) wakesAny[state * width] = 1;
  });
  return { symbolOf, width, next: compact, wakes, wakesAny, everywhere };
}

function automatonFor(rules: readonly { keywords: readonly string[] }[]): Automaton {
  let automaton = cache.get(rules);
  if (!automaton) {
    automaton = compile(rules);
    cache.set(rules, automaton);
  }
  return automaton;
}

/**
 * For each rule (by index), the start offsets of the lines holding one of its keywords (compared
 * case-insensitively), ascending and without repeats. Rules that run everywhere get none here.
 */
export function keywordLines(text: string, rules: readonly { keywords: readonly string[] }[]): number[][] {
  const { symbolOf, width, next, wakes, wakesAny } = automatonFor(rules);
  const lineStarts: number[][] = rules.map(() => []);
  const length = text.length;
  let lineStart = 0;
  let lineEnd = -1;
  let state = 0;
  for (let i = 0; i < length; i += 1) {
    state = next[state + symbolOf[text.charCodeAt(i)]];
    if (wakesAny[state] === 0) continue;
    const woken = wakes[(state / width) | 0];
    if (i > lineEnd) {
      lineStart = text.lastIndexOf('\n', i) + 1;
      lineEnd = text.indexOf('\n', i);
      if (lineEnd === -1) lineEnd = length;
    }
    for (let k = 0; k < woken.length; k += 1) {
      const starts = lineStarts[woken[k]];
      if (starts[starts.length - 1] !== lineStart) starts.push(lineStart);
    }
  }
  return lineStarts;
}

/** Whether the rule at `index` has no keyword and so runs on the whole text. */
export function runsEverywhere(rules: readonly { keywords: readonly string[] }[], index: number): boolean {
  return automatonFor(rules).everywhere[index];
}

/**
 * For each rule (by index), the line spans holding one of its keywords, merged where lines touch.
 * A rule with an empty keyword list runs everywhere; a rule whose keywords never occur gets none.
 */
export function keywordSegments(text: string, rules: readonly { keywords: readonly string[] }[]): Segment[][] {
  const lines = keywordLines(text, rules);
  const { everywhere } = automatonFor(rules);
  return rules.map((_, index) => (everywhere[index] ? [[0, text.length]] : mergeLines(text, lines[index])));
}

/** Consecutive lines become one segment (from the first line's start to the last line's end). */
export function mergeLines(text: string, starts: readonly number[]): Segment[] {
  const segments: Segment[] = [];
  for (const start of starts) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const last = segments[segments.length - 1];
    if (last && last[1] + 1 >= start) last[1] = Math.max(last[1], end);
    else segments.push([start, end]);
  }
  return segments;
}
