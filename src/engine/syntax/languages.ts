import grammarsByLanguage from './grammars.json';

// Which Tree-sitter grammar parses which editor language id. Only these grammars are shipped:
// esbuild.js reads the same grammars.json to copy exactly them into dist/.

export type GrammarName = 'javascript' | 'typescript' | 'tsx' | 'python' | 'go' | 'java' | 'c-sharp' | 'ruby' | 'php' | 'bash';

const GRAMMAR_BY_LANGUAGE = grammarsByLanguage as Record<string, GrammarName>;

/** Every grammar the engine may load; esbuild.js copies exactly these into dist/. */
export const GRAMMARS: readonly GrammarName[] = [...new Set(Object.values(GRAMMAR_BY_LANGUAGE))];

export function grammarFor(language: string): GrammarName | undefined {
  return GRAMMAR_BY_LANGUAGE[language];
}

export function grammarFile(grammar: GrammarName): string {
  return `tree-sitter-${grammar}.wasm`;
}

/** A prefilter keyword: a plain substring (case-sensitive), or a pattern (never global: `test` must not keep state). */
export type Keyword = string | RegExp;

/**
 * The cheap prefilter: does the text contain any of the keywords a detector needs for this
 * language? A file that fails it is never parsed.
 */
export function hasAnyKeyword(text: string, keywords: readonly Keyword[]): boolean {
  for (const keyword of keywords) if (typeof keyword === 'string' ? text.includes(keyword) : keyword.test(text)) return true;
  return false;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What may stand between two parts of a dotted name in code: `.`, `?.`, `->` or `::`, with whitespace around. */
const SEPARATOR = '\\s*(?:\\?\\.|->|::|\\.)\\s*';

interface NameTrie {
  end: boolean;
  next: Map<string, NameTrie>;
}

/** The trie as pattern text: each part written once, so no two alternatives read the same text. */
function trieSource(node: NameTrie): string {
  const parts = [...node.next.entries()].sort(([a], [b]) => b.length - a.length || a.localeCompare(b));
  return parts
    .map(([part, child]) => {
      const head = escape(part).replace(/^new /, 'new\\s+');
      if (child.next.size === 0) return head;
      const rest = `${SEPARATOR}(?:${trieSource(child)})`;
      return child.end ? `${head}(?:${rest})?` : `${head}${rest}`;
    })
    .join('|');
}

/**
 * One pattern that finds any of `names` (dotted call names as `callInfo` spells them: `os.Open`,
 * `Files.readAllBytes`, `new FileReader`) in source text, the way code may write them: whitespace or
 * a line break around each dot, `?.`, `->` or `::` for the dot (`dottedText` reads all of these as
 * `.`), any whitespace after `new`. `prefix` and `suffix` are pattern text around the names.
 *
 * The names are merged into a trie (`os\s*SEP\s*(?:Open|Create|…)`), not listed side by side:
 * listed, every name sharing a first part re-read the same whitespace after it, which recheck
 * rated polynomial; merged, each part of the text is read by one alternative only.
 */
export function namesPattern(names: Iterable<string>, prefix = '', suffix = ''): RegExp {
  const root: NameTrie = { end: false, next: new Map() };
  for (const name of new Set(names)) {
    let node = root;
    for (const part of name.split('.')) {
      let child = node.next.get(part);
      if (!child) node.next.set(part, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return new RegExp(`${prefix}(?:${trieSource(root)})${suffix}`);
}
