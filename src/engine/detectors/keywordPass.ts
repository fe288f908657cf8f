import { keywordLines, type KeywordRule } from '../secrets/keywordIndex';
import { KeptKeywordLines } from '../secrets/keptKeywordLines';
import { ONE_SHOT_STATE } from './secrets';
import type { Keyword } from '../syntax';

// One pass of the keyword automaton over a text answers every detector's cheap question: the
// secret rules' keyword lines, and whether the text holds any word of the literal keyword lists
// the other detectors filter on (TLS and path keywords for the file's language). Before, each of
// those lists was one more pass of a regular expression over every code file.

export interface KeywordPass {
  /** The secret rules the pass was built with. */
  readonly secretRules: readonly KeywordRule[];
  /** For each of those rules (by index), the start offsets of its keyword lines (see keywordLines). */
  readonly secretLines: readonly (readonly number[])[];
  /** Whether the text holds one of these keywords, compared exactly; undefined for a list the pass did not look for. */
  has(keywords: readonly Keyword[]): boolean | undefined;
}

/** A list the automaton can look for: plain words (a regular expression needs its own pass). */
export function isLiteralList(keywords: readonly Keyword[]): keywords is readonly string[] {
  return keywords.length > 0 && keywords.every((keyword) => typeof keyword === 'string' && keyword !== '');
}

interface Combined {
  rules: KeywordRule[];
  /** Index in `rules` of each literal list's stand-in rule. */
  listIndex: Map<readonly Keyword[], number>;
}

const NO_LISTS = new Map<readonly Keyword[], number>();
const combinedCache = new WeakMap<readonly KeywordRule[], Map<string, Combined>>();
/** A number per list, so that languages filtering on the same lists share one automaton. */
const listIds = new WeakMap<readonly string[], number>();
let lastListId = 0;

function keyOf(lists: readonly (readonly string[])[]): string {
  return lists.map((list) => {
    let id = listIds.get(list);
    if (id === undefined) listIds.set(list, (id = (lastListId += 1)));
    return id;
  }).join(',');
}

/**
 * A stand-in rule per list, after the secret rules: the automaton folds case, so its gate keeps an
 * occurrence only where one of the list's words is there exactly.
 */
function listRule(list: readonly string[]): KeywordRule {
  return {
    keywords: list.map((word) => word.toLowerCase()),
    keywordGate: (text, keywordEnd) => list.some((word) => text.startsWith(word, keywordEnd - word.length)),
    // `has` asks whether a word is there, not where: one line answers it.
    firstLineOnly: true,
  };
}

/**
 * The rules the automaton is built from. Each automaton costs a few milliseconds to build, per
 * thread: languages with the same lists share one, and those with none use the secret rules' own.
 */
function combined(secretRules: readonly KeywordRule[], lists: readonly (readonly string[])[]): Combined {
  const unique = [...new Set(lists)];
  if (unique.length === 0) return { rules: secretRules as KeywordRule[], listIndex: NO_LISTS };
  let byKey = combinedCache.get(secretRules);
  if (!byKey) combinedCache.set(secretRules, (byKey = new Map()));
  const key = keyOf(unique);
  let entry = byKey.get(key);
  if (!entry) {
    entry = {
      rules: [...secretRules, ...unique.map(listRule)],
      listIndex: new Map(unique.map((list, i) => [list, secretRules.length + i])),
    };
    byKey.set(key, entry);
  }
  return entry;
}

/** The last call's lists and what they combined into: callers pass the same array every time (see literalKeywordLists). */
let lastLists: readonly (readonly string[])[] | undefined;
let lastSecretRules: readonly KeywordRule[] | undefined;
let lastCombined: Combined | undefined;

/** Where a document's kept keyword lines live in its DetectorInput.state. */
const KEPT_KEY = 'keywords.lines';

/**
 * Runs the pass. `lists` should be the same array objects from call to call (one array holding
 * every language's lists, see allLiteralKeywordLists: one automaton per thread, not one per
 * language); `quotedOnly` goes to the gates. With the document's `state` kept between scans (the
 * editor's), only the lines an edit touched are passed again (keptKeywordLines.ts).
 */
export function keywordPass(text: string, secretRules: readonly KeywordRule[], lists: readonly (readonly string[])[], quotedOnly: boolean, state?: Map<string, unknown>): KeywordPass {
  if (lists !== lastLists || secretRules !== lastSecretRules) {
    lastCombined = combined(secretRules, lists);
    lastLists = lists;
    lastSecretRules = secretRules;
  }
  const { rules, listIndex } = lastCombined!;
  const lines = state && state.get(ONE_SHOT_STATE) !== true ? keptLines(state).lines(text, rules, quotedOnly) : keywordLines(text, rules, quotedOnly);
  return {
    secretRules,
    secretLines: lines,
    has: (keywords) => {
      const index = listIndex.get(keywords);
      return index === undefined ? undefined : lines[index].length > 0;
    },
  };
}

function keptLines(state: Map<string, unknown>): KeptKeywordLines {
  let kept = state.get(KEPT_KEY) as KeptKeywordLines | undefined;
  if (!kept) state.set(KEPT_KEY, (kept = new KeptKeywordLines()));
  return kept;
}
