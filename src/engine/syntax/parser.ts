import { Language, Parser, type Tree } from '@vscode/tree-sitter-wasm';
import { computeEdit } from './edit';
import { grammarFile, grammarFor, type GrammarName } from './languages';
import { readWasm } from './wasmFiles';
import { changedStretch, hasLoneCr, loneCrAsLf, type ChangedStretch } from '../text';

// Parsing with the WASM grammars VS Code ships. The runtime is initialised once, each grammar is
// loaded lazily once, and the tree of a document is kept in its DetectorInput.state so that the
// next version is parsed incrementally (Tree.edit + parse with the old tree).
//
// Ownership: a tree returned by `parse` belongs to the cache; callers read it and never delete it.
// Trees live in WASM memory that the JS garbage collector cannot see, so the cache holds at most
// MAX_LIVE_TREES of them (least recently used goes first; its document is reparsed in full next
// time). The server should also call `releaseSyntaxState` when a document closes. Read the tree
// synchronously after `await parse(...)`: a later parse of 32 other documents may free it.

const STATE_KEY = 'syntax:tree';
const MAX_LIVE_TREES = 32;

interface CachedTree {
  grammar: GrammarName;
  /** The text as the caller gave it, and as parsed (loneCrAsLf): the same string when it holds no lone `\r`. */
  original: string;
  text: string;
  tree: Tree;
}

/**
 * `original` with its lone `\r` turned into `\n` (loneCrAsLf), knowing the previous text of the
 * document: when that one held none, only the stretch an edit changed is looked at, not the whole
 * text (a `\r\n` file has thousands of `\r` to check on every keystroke). `change` is that
 * stretch when it is also the one between the two texts as parsed (neither had a lone `\r`).
 */
function asParsed(original: string, previous: CachedTree | undefined): { text: string; change?: ChangedStretch } {
  if (!previous || previous.text !== previous.original) return { text: loneCrAsLf(original) };
  const change = changedStretch(previous.original, original);
  // One character more before the change: a `\r` there may have lost its `\n`. (A `\r` inserted
  // last is judged by the kept character after it. Cutting the text there instead made every
  // keystroke at the end of a `\r\n` line look like a lone `\r`: the whole text was read again.)
  return hasLoneCr(original, Math.max(0, change.start - 1), change.newEnd) ? { text: loneCrAsLf(original) } : { text: original, change };
}

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();
const parsers = new Map<GrammarName, Parser>();
/** States holding a live tree, oldest use first (a Map keeps insertion order). */
const live = new Map<Map<string, unknown>, CachedTree>();

function initRuntime(): Promise<void> {
  runtime ??= readWasm('tree-sitter.wasm').then((wasmBinary) =>
    // `wasmBinary` is an Emscripten module option the typings do not list; handing the bytes over
    // keeps the runtime from looking for its .wasm next to whatever file it was bundled into.
    Parser.init({ wasmBinary, locateFile: (file: string) => file } as Parameters<typeof Parser.init>[0]),
  );
  return runtime;
}

/** The grammar, loaded on first use and kept. Rejects if its .wasm cannot be read. */
export function loadGrammar(grammar: GrammarName): Promise<Language> {
  let language = languages.get(grammar);
  if (!language) {
    language = initRuntime().then(async () => Language.load(await readWasm(grammarFile(grammar))));
    languages.set(grammar, language);
    language.catch(() => languages.delete(grammar));
  }
  return language;
}

async function parserFor(grammar: GrammarName): Promise<Parser> {
  const language = await loadGrammar(grammar);
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(grammar, parser);
  }
  return parser;
}

/** True when `language` (an editor language id) has a grammar. */
export function canParse(language: string): boolean {
  return grammarFor(language) !== undefined;
}

function forget(state: Map<string, unknown>): void {
  const entry = live.get(state);
  if (!entry) return;
  live.delete(state);
  state.delete(STATE_KEY);
  entry.tree.delete();
}

function remember(state: Map<string, unknown>, entry: CachedTree): void {
  live.delete(state);
  live.set(state, entry);
  state.set(STATE_KEY, entry);
  while (live.size > MAX_LIVE_TREES) forget(live.keys().next().value!);
}

/**
 * The syntax tree of `text`, or undefined when no grammar handles `language`.
 *
 * With the same `state` map as the previous call for this document, the previous tree is edited
 * and reused (incremental parsing), and a second call for the same text (another detector in the
 * same scan) returns the same tree without parsing at all. The tree stays owned by the cache:
 * do not call `delete()` on it, and do not keep it past the scan.
 */
export async function parse(original: string, language: string, state: Map<string, unknown> = new Map()): Promise<Tree | undefined> {
  const grammar = grammarFor(language);
  if (!grammar) return undefined;
  const parser = await parserFor(grammar);
  const previous = state.get(STATE_KEY) as CachedTree | undefined;
  const current = previous && live.get(state) === previous && previous.grammar === grammar ? previous : undefined;
  // Another detector of the same scan: the same tree, nothing read again.
  if (current?.original === original) {
    remember(state, current);
    return current.tree;
  }
  // Lines as the editor counts them (text.ts); offsets are unchanged, so nodes map back as they are.
  const { text, change } = asParsed(original, current);
  if (current) {
    if (current.text === text) {
      remember(state, { ...current, original });
      return current.tree;
    }
    const old = current.tree;
    const edit = computeEdit(current.text, text, change, (at) => {
      const node = old.rootNode.descendantForIndex(at);
      return node ? { index: node.startIndex, row: node.startPosition.row } : undefined;
    });
    if (edit) current.tree.edit(edit);
    let tree = parser.parse(text, current.tree);
    if (!tree) throw new Error(`Tree-sitter could not parse this ${language} text`);
    // Error recovery may differ between an incremental and a fresh parse of the same broken text
    // (`npm run fuzz` found such pairs): a tree with errors is parsed afresh, so that what a scan
    // finds never depends on the edit history. Valid code keeps the cheap incremental parse.
    if (tree.rootNode.hasError) {
      const fresh = parser.parse(text);
      if (fresh) {
        tree.delete();
        tree = fresh;
      }
    }
    current.tree.delete();
    live.delete(state);
    remember(state, { grammar, original, text, tree });
    return tree;
  }
  if (previous) forget(state);
  const tree = parser.parse(text);
  if (!tree) throw new Error(`Tree-sitter could not parse this ${language} text`);
  remember(state, { grammar, original, text, tree });
  return tree;
}

/** Frees the tree kept for a document (the server calls this when a document closes). */
export function releaseSyntaxState(state: Map<string, unknown>): void {
  forget(state);
}

/** How many parse trees are alive in WASM memory; for tests and the benchmark. */
export function liveTreeCount(): number {
  return live.size;
}
