import type { Keyword } from '../syntax';

// The prefilter for keyword lists the keyword pass does not answer (lists holding a pattern, or a
// scan without a pass). The plain words are looked for first: `includes` is a native search, much
// cheaper than a pattern, and one hit answers. The patterns then run one at a time, each as it is
// written and checked (test/regex): folding them into one alternation made patterns no one had
// checked, which recheck rated polynomial.

interface SplitList {
  words: readonly string[];
  patterns: readonly RegExp[];
}

const split = new WeakMap<readonly Keyword[], SplitList>();

function splitOf(keywords: readonly Keyword[]): SplitList {
  let entry = split.get(keywords);
  if (!entry) {
    entry = {
      words: keywords.filter((keyword): keyword is string => typeof keyword === 'string'),
      patterns: keywords.filter((keyword): keyword is RegExp => typeof keyword !== 'string'),
    };
    split.set(keywords, entry);
  }
  return entry;
}

/** Whether the text holds one of the keywords: the same answer as hasAnyKeyword, words first. */
export function anyKeyword(text: string, keywords: readonly Keyword[]): boolean {
  const { words, patterns } = splitOf(keywords);
  for (const word of words) if (text.includes(word)) return true;
  for (const pattern of patterns) if (pattern.test(text)) return true;
  return false;
}
