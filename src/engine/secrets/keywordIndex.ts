// One pass over the lower-cased text finds every keyword of every rule, and remembers which lines
// hold them. Calling indexOf once per keyword would read the text once per keyword: with a
// hundred rules that is most of the scan time.

export type Segment = [start: number, end: number];

interface Compiled {
  pattern: RegExp;
  /** Rule indices to wake up for each keyword, including rules of keywords that are its prefixes. */
  rulesOf: Map<string, number[]>;
}

const cache = new WeakMap<readonly { keywords: readonly string[] }[], Compiled>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(rules: readonly { keywords: readonly string[] }[]): Compiled {
  const direct = new Map<string, Set<number>>();
  rules.forEach((rule, index) => {
    for (const keyword of rule.keywords) {
      if (!direct.has(keyword)) direct.set(keyword, new Set());
      direct.get(keyword)!.add(index);
    }
  });
  // The regex reports one keyword per position, the longest; a shorter keyword that starts the
  // same way matched there too, so the longer one wakes its rules as well.
  const keywords = [...direct.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
  const rulesOf = new Map<string, number[]>();
  for (const keyword of keywords) {
    const woken = new Set<number>();
    for (const other of keywords) if (keyword.startsWith(other)) for (const index of direct.get(other)!) woken.add(index);
    rulesOf.set(keyword, [...woken]);
  }
  const pattern = new RegExp(keywords.length ? keywords.map(escape).join('|') : '(?!)', 'g');
  return { pattern, rulesOf };
}

/**
 * For each rule (by index), the line spans holding one of its keywords, merged where lines touch.
 * A rule with an empty keyword list runs everywhere; a rule whose keywords never occur gets none.
 */
export function keywordSegments(lower: string, rules: readonly { keywords: readonly string[] }[]): Segment[][] {
  let compiled = cache.get(rules);
  if (!compiled) {
    compiled = compile(rules);
    cache.set(rules, compiled);
  }
  const lineStarts: number[][] = rules.map(() => []);
  const { pattern, rulesOf } = compiled;
  let lineStart = 0;
  let lineEnd = -1;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(lower); match; match = pattern.exec(lower)) {
    const hit = match.index;
    if (hit > lineEnd) {
      lineStart = lower.lastIndexOf('\n', hit) + 1;
      lineEnd = lower.indexOf('\n', hit);
      if (lineEnd === -1) lineEnd = lower.length;
    }
    for (const index of rulesOf.get(match[0])!) {
      const starts = lineStarts[index];
      if (starts[starts.length - 1] !== lineStart) starts.push(lineStart);
    }
    // Keywords may overlap ("apikey" holds "key"): look again one character later.
    pattern.lastIndex = hit + 1;
  }
  return rules.map((rule, index) => {
    if (rule.keywords.length === 0 || rule.keywords.includes('')) return [[0, lower.length]];
    return mergeLines(lower, lineStarts[index]);
  });
}

function mergeLines(lower: string, starts: number[]): Segment[] {
  const segments: Segment[] = [];
  for (const start of starts) {
    const newline = lower.indexOf('\n', start);
    const end = newline === -1 ? lower.length : newline;
    const last = segments[segments.length - 1];
    if (last && last[1] + 1 >= start) last[1] = Math.max(last[1], end);
    else segments.push([start, end]);
  }
  return segments;
}
