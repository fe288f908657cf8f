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

/**
 * The cheap prefilter: does the text contain any of the keywords a detector needs for this
 * language? A file that fails it is never parsed. Plain substring search, case-sensitive.
 */
export function hasAnyKeyword(text: string, keywords: readonly string[]): boolean {
  for (const keyword of keywords) if (text.includes(keyword)) return true;
  return false;
}
