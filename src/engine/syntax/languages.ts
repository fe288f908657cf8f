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

/**
 * One pattern that finds any of `names` (dotted call names as `callInfo` spells them: `os.Open`,
 * `Files.readAllBytes`, `new FileReader`) in source text, the way code may write them: whitespace or
 * a line break around each dot, `?.`, `->` or `::` for the dot (`dottedText` reads all of these as
 * `.`), any whitespace after `new`. `prefix` and `suffix` are pattern text around the names.
 */
export function namesPattern(names: Iterable<string>, prefix = '', suffix = ''): RegExp {
  const alternatives = [...new Set(names)]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.split('.').map((part) => escape(part).replace(/^new /, 'new\\s+')).join('\\s*(?:\\?\\.|->|::|\\.)\\s*'));
  return new RegExp(`${prefix}(?:${alternatives.join('|')})${suffix}`);
}
