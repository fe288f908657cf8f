import { bindingsIn, isFunction, type GrammarName, type SyntaxNode } from '../../syntax';
import { changedStretch, lastAtOrBefore } from '../../text';
import type { PathProfile } from './profile';
import { SELF, localFunctionNames } from './functions';

// Which top-level statements can hold a path flow at all. The taint analysis is intra-procedural:
// a flow starts at a source and moves through bindings that an identifier resolves to, looking
// outward through its enclosing functions up to the top level. So a flow lives inside one
// top-level statement unless it passes through a local function (a call links the statements) or
// a top-level variable (its binding links every statement that mentions its name). Every source
// lies in a few statements (the profile's `regionPattern`, a superset of what its matchers accept,
// finds them in the text); those with everything linked to them are all a flow can touch, and
// analysing them alone finds every flow.

/** Top-level binding values that cannot carry input: the taint analysis treats functions as opaque. */
const OPAQUE_VALUES = new Set(['arrow_function', 'function_expression', 'function']);

/**
 * Literal values, in every grammar's spelling: a constant (`const NAME = "a_request_failed"`) holds
 * no input, even where the source pattern finds a word in it. Strings count only without
 * interpolation (template substitutions, f-strings, `"#{x}"`, PHP's `"$x"`): see LITERAL_PARTS.
 */
const LITERAL_VALUES = new Set([
  'string', 'number', 'true', 'false', 'null', 'undefined', 'regex', 'template_string', // JS/TS
  'integer', 'float', 'none', 'concatenated_string', // Python (and Ruby's integer/float)
  'interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'nil', // Go, Ruby
  'string_literal', 'decimal_integer_literal', 'null_literal', 'character_literal', // Java
  'verbatim_string_literal', 'integer_literal', 'real_literal', 'boolean_literal', // C# (raw_string_literal above)
  'simple_symbol', // Ruby
  'encapsed_string', 'boolean', // PHP
]);

/** What a literal's named children may be: its text, never an interpolated expression. */
const LITERAL_PARTS = new Set(['string_fragment', 'escape_sequence', 'string_content', 'string_start', 'string_end', 'string_value', 'string', 'interpreted_string_literal_content', 'raw_string_literal_content', 'string_literal_content', 'multi_line_string_fragment']);

/** A value no untrusted input can be in: a function (opaque to the analysis) or a literal without interpolation. */
function cannotCarryInput(value: SyntaxNode): boolean {
  if (OPAQUE_VALUES.has(value.type)) return true;
  if (!LITERAL_VALUES.has(value.type)) return false;
  // concatenated_string (Python's "a" "b") holds strings: each must be plain in turn.
  return value.namedChildren.every((child) => !!child && (LITERAL_PARTS.has(child.type) && (child.type !== 'string' || cannotCarryInput(child))));
}

/** What the detector reads of one top-level statement; it depends on the statement's text alone. */
export interface StatementFacts {
  type: string;
  /** The functions it defines under a name other statements can call. */
  defines: string[];
  /** The names of every function it holds, at any depth (methods, nested functions): read when needed. */
  functions?: string[];
  /** The top-level names it binds to a value that may carry input (not a function, not a literal): read when needed. */
  carriers?: string[];
}

/**
 * What depends on a statement's text alone, whatever the parse (so kept between scans even with
 * syntax errors): a number naming the text, for short unit keys, and its words, read when needed.
 */
export interface TextFacts {
  id: number;
  words?: ReadonlySet<string>;
  /** Every name it holds in call position (`name(`), once each: the calls that may link it to another statement. */
  calls?: string[];
  /** Whether the profile's region pattern matches in it: it may hold a source. */
  mayHoldSource?: boolean;
  /** Its calls of the functions the file defines, while `defined` (StatementTexts.definedNamesToken) stands. */
  localCalls?: { defined: object; names: string[] };
}

/**
 * The TextFacts of a document's statements, by text: this scan's, found in the last scan's or new.
 * Also, once asked for, which texts hold each word: kept up to date from scan to scan by adding the
 * words of the texts that came and removing those of the texts that went, so that an edit reads
 * the words of the edited statement only.
 */
export class StatementTexts {
  private readonly current = new Map<string, TextFacts>();
  private readonly added: [string, TextFacts][] = [];
  private nextId: number;
  private index?: Map<string, Set<TextFacts>>;

  constructor(private previous?: StatementTexts) {
    this.nextId = previous?.nextId ?? 0;
    this.defined = previous?.defined;
  }

  /** The facts of a text of this scan, without adding it. */
  peek(text: string): TextFacts | undefined {
    return this.current.get(text);
  }

  of(text: string): TextFacts {
    let facts = this.current.get(text);
    if (facts) return facts;
    facts = this.previous?.current.get(text);
    if (!facts) {
      facts = { id: this.nextId++ };
      this.added.push([text, facts]);
    }
    this.current.set(text, facts);
    return facts;
  }

  /** The names of the top-level functions the file defined (one per line), and the token that stands for them. */
  private defined?: { names: string; token: object };

  /** The same object for as long as the file defines the same top-level function names (one per line in `names`). */
  definedNamesToken(names: string): object {
    if (this.defined?.names !== names) this.defined = { names, token: {} };
    return this.defined.token;
  }

  /** Takes over the last scan's word index, brought up to date, once every statement was read. */
  settle(): void {
    const previous = this.previous;
    this.previous = undefined;
    // Moved, not shared: a scan that fails half-way leaves the last state without an index, and
    // that one is built again from its own texts should it be used again.
    const index = previous?.index;
    const added = this.added.splice(0);
    if (!previous || !index) return;
    previous.index = undefined;
    this.index = index;
    for (const [text, facts] of previous.current) if (!this.current.has(text)) this.removeWords(facts, text);
    for (const [text, facts] of added) this.addWords(facts, text);
  }

  /**
   * An edit inside one statement, in place of a new scan's `of` for every statement: its text
   * `before` became `after`, of which the caller may know some facts already (`known`). `before` is
   * forgotten unless another statement still has that text.
   */
  replace(before: string, after: string, beforeStays: boolean, known: Omit<TextFacts, 'id'> = {}): TextFacts {
    let facts = this.current.get(after);
    if (!facts) {
      facts = { ...known, id: this.nextId++ };
      this.current.set(after, facts);
      if (this.index) this.addWords(facts, after);
    }
    const gone = beforeStays ? undefined : this.current.get(before);
    if (gone) {
      this.current.delete(before);
      if (this.index) this.removeWords(gone, before);
    }
    return facts;
  }

  /** The texts (of this scan) that hold `word`. */
  holding(word: string): ReadonlySet<TextFacts> {
    if (!this.index) {
      this.index = new Map();
      for (const [text, facts] of this.current) this.addWords(facts, text);
    }
    return this.index.get(word) ?? NONE;
  }

  private removeWords(facts: TextFacts, text: string): void {
    for (const word of wordsOf(text, facts)) {
      const holders = this.index!.get(word);
      holders?.delete(facts);
      if (holders?.size === 0) this.index!.delete(word);
    }
  }

  private addWords(facts: TextFacts, text: string): void {
    for (const word of wordsOf(text, facts)) {
      let holders = this.index!.get(word);
      if (!holders) this.index!.set(word, (holders = new Set()));
      holders.add(facts);
    }
  }
}

const NONE: ReadonlySet<TextFacts> = new Set();
const WORDS = /[\w$]+/g;

/** The words of a statement's text (runs of `[\w$]`). */
export function wordsIn(text: string): Set<string> {
  return new Set(text.match(WORDS));
}

function wordsOf(text: string, facts: TextFacts): ReadonlySet<string> {
  facts.words ??= wordsIn(text);
  return facts.words;
}

/**
 * The file's top-level statements as plain numbers and strings, read from the tree once per scan:
 * each read of a node's end, type or fields is a call into WASM, and a 10,000-line file has
 * thousands of statements. `known` holds the facts of statements by text from the previous scan
 * (for a tree without syntax errors only: with errors, the same text may parse differently);
 * `next` receives this scan's. `texts` gives what depends on the text alone.
 */
export interface TopLevel {
  nodes: SyntaxNode[];
  starts: number[];
  ends: number[];
  /** Each statement's first row, as Tree-sitter counts rows. */
  rows: number[];
  texts: string[];
  facts: StatementFacts[];
  byText: TextFacts[];
  statementTexts: StatementTexts;
  /** byText inverted: read when needed. */
  positions?: Map<TextFacts, number[]>;
}

export function topLevelOf(root: SyntaxNode, text: string, texts: StatementTexts, known?: ReadonlyMap<string, StatementFacts>, next?: Map<string, StatementFacts>, last?: LastStatements): TopLevel {
  const nodes = root.namedChildren.filter((node): node is SyntaxNode => !!node);
  const starts = nodes.map((node) => node.startIndex);
  const ends = nodes.map((node) => node.endIndex);
  const rows = nodes.map((node) => node.startPosition.row);
  const unchanged = last && unchangedTexts(last, text);
  const statementTexts = nodes.map((node, i) => unchanged?.(starts[i], ends[i]) ?? text.slice(starts[i], ends[i]));
  const facts = nodes.map((node, i) => {
    const found = known?.get(statementTexts[i]) ?? { type: node.type, defines: definedNames(node) };
    next?.set(statementTexts[i], found);
    return found;
  });
  const byText = statementTexts.map((statement) => texts.of(statement));
  texts.settle();
  return { nodes, starts, ends, rows, texts: statementTexts, facts, byText, statementTexts: texts };
}

/** The last scan's text and statements, where this scan may find its statements' texts again. */
export interface LastStatements {
  text: string;
  starts: readonly number[];
  ends: readonly number[];
  rows: readonly number[];
  texts: readonly string[];
}

/**
 * The statements of the last scan that the edit from its text to `text` left alone, by their new
 * place: a statement wholly before the edit, or wholly after it (moved by the change in length),
 * has the same text, and the very string of the last scan is used again (no new slice, no new
 * hash for the Map lookups that follow). Undefined for a statement the edit touched.
 */
function unchangedTexts(last: LastStatements, text: string): (start: number, end: number) => string | undefined {
  // The edit as a changed stretch (rows and columns are not needed here).
  const { start: prefix, newEnd } = changedStretch(last.text, text);
  const delta = text.length - last.text.length;
  const find = (start: number, end: number) => {
    const j = lastAtOrBefore(last.starts, start);
    return last.starts[j] === start && last.ends[j] === end ? last.texts[j] : undefined;
  };
  return (start, end) => {
    if (end <= prefix) return find(start, end);
    return start >= newEnd ? find(start - delta, end - delta) : undefined;
  };
}

/** The top-level statement holding text offset `at` (-1 between statements). */
function topAt(top: TopLevel, at: number): number {
  const { starts, ends } = top;
  const low = lastAtOrBefore(starts, at);
  return starts.length > 0 && starts[low] <= at && at < ends[low] ? low : -1;
}

/**
 * The top-level statements (indices in `top`) that contain a match of `pattern`, in document
 * order. Each statement text is tested once (StatementTexts keeps the answer): a source lies
 * inside one statement, so its match does too.
 */
export function statementsMatching(top: TopLevel, pattern: RegExp): number[] {
  const found: number[] = [];
  top.byText.forEach((facts, index) => {
    if (facts.mayHoldSource === undefined) {
      pattern.lastIndex = 0;
      facts.mayHoldSource = pattern.test(top.texts[index]);
    }
    if (facts.mayHoldSource) found.push(index);
  });
  return found;
}

/** The names statement `index` holds in call position (kept with its text). */
function callsOf(top: TopLevel, index: number): string[] {
  const facts = top.byText[index];
  facts.calls ??= callNames(top.texts[index]);
  return facts.calls;
}

/** `name(`, starting at the beginning of a name only: one pass over the text, no re-reading of a long name. */
const CALL_NAME = /(?<![\w$])([A-Za-z_$][\w$]*)\s*\(/g;

/** The names in call position in a statement's text, once each (a text pass: no tree walk). */
export function callNames(statement: string): string[] {
  const names = new Set<string>();
  for (const match of statement.matchAll(CALL_NAME)) if (mayCallLocal(statement, match.index)) names.add(match[1]);
  return [...names];
}

/**
 * False for `res.send(`, `app.get(`, `foo().name(`: a call on a receiver other than `this`/`self`
 * (functions.ts: SELF) never reaches a function of the file, so it links nothing. Read backwards
 * from the name over `.`, `?.`, `->` or `::` and spaces to the receiver's last word.
 */
function mayCallLocal(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && SPACES.has(text[i])) i -= 1;
  if (text[i] === '.') i -= text[i - 1] === '?' ? 2 : 1;
  else if ((text[i] === '>' && text[i - 1] === '-') || (text[i] === ':' && text[i - 1] === ':')) i -= 2;
  else return true;
  while (i >= 0 && SPACES.has(text[i])) i -= 1;
  let start = i;
  while (start >= 0 && isWordChar(text.charCodeAt(start))) start -= 1;
  return SELF.has(text.slice(start + 1, i + 1));
}

const SPACES = new Set([' ', '\t', '\n', '\r', '\f', '\v']);

/** `[\w$]` by character code (a scan, not a pattern). */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

/** The functions a top-level statement defines under a name other statements can call. */
export function definedNames(statement: SyntaxNode): string[] {
  const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') ?? statement : statement;
  // `function f()` is a function_declaration in JavaScript, a function_definition in PHP.
  const own = /function_(?:declaration|definition)$/.test(declaration.type) ? declaration.childForFieldName('name')?.text : undefined;
  if (own) return [own];
  if (declaration.type !== 'lexical_declaration' && declaration.type !== 'variable_declaration') return [];
  return declaration.namedChildren.flatMap((declarator) => {
    const value = declarator?.childForFieldName('value');
    const name = declarator?.childForFieldName('name');
    return value && name && OPAQUE_VALUES.has(value.type) ? [name.text] : [];
  });
}

/**
 * The analysis follows values into and out of local functions (taint.ts), so a flow can cross
 * top-level statements: a handler passes input to a helper another statement defines, or calls
 * a function whose statement returns input. A flow also crosses statements through a top-level
 * variable: `const name = process.argv[2]` in one, `fs.readFileSync(name)` in another. Starting
 * from `statements` (those that can hold a source), this groups every statement linked to them
 * by such a call (to the callee always, to the callers when input may come out: see below), or by
 * such a variable (a statement binding a top-level name to a value that may carry input, with
 * every statement that mentions the name) into units:
 * the connected statements (indices in `top`), in document order. A unit's findings depend on
 * its own statements' text only (and the file facts the detector keys its cache with), so the
 * detector can reuse a unit's findings while all its statements are unchanged. An unlinked
 * statement is a unit of its own. Every statement of `statements` is in exactly one unit.
 */
export function linkedUnits(top: TopLevel, statements: readonly number[], text: string, grammar: GrammarName): Links {
  // Every statement defining a name: with two, the analysis finds the name ambiguous and follows
  // neither, so both must be there for it to see that.
  const definedBy = new Map<string, number[]>();
  top.facts.forEach(({ defines }, index) => {
    for (const name of defines) definedBy.set(name, [...(definedBy.get(name) ?? []), index]);
  });
  const callersOf = new Map<string, number[]>();
  const calledFrom = new Map<number, string[]>();
  // A statement's calls of the file's own functions are kept with its text for as long as the
  // same names are defined (most edits define nothing new): not every call of every statement
  // looked up again.
  const defined = top.statementTexts.definedNamesToken([...definedBy.keys()].sort().join('\n'));
  top.byText.forEach((facts, index) => {
    if (facts.localCalls?.defined !== defined) facts.localCalls = { defined, names: callsOf(top, index).filter((name) => definedBy.has(name)) };
    for (const name of facts.localCalls.names) {
      const callers = callersOf.get(name) ?? [];
      callers.push(index);
      callersOf.set(name, callers);
      const names = calledFrom.get(index) ?? [];
      names.push(name);
      calledFrom.set(index, names);
    }
  });
  const mentions = new Map<string, number[]>();
  const mentioning = (name: string) => {
    let found = mentions.get(name);
    if (!found) mentions.set(name, (found = statementsMentioning(top, text, name)));
    return found;
  };
  // Which statements a flow can touch, and the links it can cross between them. A callee of a
  // statement in the set (`helper(x)`) is in it, since input may be passed in; the callers of a
  // statement's functions only when it may hand input out of them on its own: it holds a source,
  // or calls such a function, or mentions such a variable (`full`). A helper reached as a callee
  // only returns what its callers in the set passed it, so its other callers are not needed.
  const full = new Map<number, boolean>();
  const links: [number, number][] = [];
  const queue: number[] = [];
  const reach = (from: number, to: number, fully: boolean) => {
    links.push([from, to]);
    const had = full.get(to);
    if (had === true || (had === false && !fully)) return;
    full.set(to, fully);
    queue.push(to);
  };
  for (const statement of statements) reach(statement, statement, true);
  while (queue.length > 0) {
    const index = queue.pop()!;
    for (const name of calledFrom.get(index) ?? []) for (const callee of definedBy.get(name)!) reach(index, callee, false);
    if (full.get(index)) for (const name of top.facts[index].defines) for (const caller of callersOf.get(name) ?? []) reach(index, caller, true);
    for (const other of carrierNames(top, index, grammar).flatMap(mentioning)) reach(index, other, true);
  }
  return { units: connected([...full.keys()], links), defined: new Set(definedBy.keys()), mentioned: [...mentions.keys()] };
}

/** The units of linkedUnits, with what linked them, for the detector to tell whether an edit may change them (quietEdit.ts). */
export interface Links {
  units: number[][];
  /** Every name a top-level statement defines a function under. */
  defined: ReadonlySet<string>;
  /** The top-level variables whose mentions were followed: a statement that starts mentioning one may join a unit. */
  mentioned: readonly string[];
}

/** The connected groups of `nodes` under `links` (union-find), each sorted, in order of their first node. */
function connected(nodes: readonly number[], links: readonly (readonly [number, number])[]): number[][] {
  const parent = new Map(nodes.map((node) => [node, node]));
  const find = (node: number): number => {
    let rootNode = node;
    while (parent.get(rootNode)! !== rootNode) rootNode = parent.get(rootNode)!;
    // Path compression: every node on the way points at the root.
    for (let at = node; at !== rootNode; ) {
      const up = parent.get(at)!;
      parent.set(at, rootNode);
      at = up;
    }
    return rootNode;
  };
  for (const [a, b] of links) parent.set(find(a), find(b));
  const groups = new Map<number, number[]>();
  for (const node of [...nodes].sort((a, b) => a - b)) {
    const group = groups.get(find(node)) ?? [];
    group.push(node);
    groups.set(find(node), group);
  }
  return [...groups.values()];
}

/** Whether `statement` (with its words) holds `name` as a whole word: as statementsMentioning decides for one statement. */
export function mentions(statement: string, words: ReadonlySet<string>, name: string): boolean {
  if (WORD.test(name)) return words.has(name);
  for (let at = statement.indexOf(name); at !== -1; at = statement.indexOf(name, at + 1)) if (standsAlone(statement, at, at + name.length)) return true;
  return false;
}

/** Whether `text[at, end)` has no word character right before or right after it. */
function standsAlone(text: string, at: number, end: number): boolean {
  return !(at > 0 && isWordChar(text.charCodeAt(at - 1))) && !(end < text.length && isWordChar(text.charCodeAt(end)));
}

/** The top-level statements (indices in `top`) whose text holds `name` as a whole word, in order. */
function statementsMentioning(top: TopLevel, text: string, name: string): number[] {
  // A name of word characters is looked up in the words index (StatementTexts); any other name
  // is searched for in the text.
  if (WORD.test(name)) {
    const found: number[] = [];
    for (const facts of top.statementTexts.holding(name)) found.push(...(statementsOf(top).get(facts) ?? []));
    return found.sort((a, b) => a - b);
  }
  const found: number[] = [];
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    if (!standsAlone(text, at, at + name.length)) continue;
    const index = topAt(top, at);
    if (index === -1 || found[found.length - 1] === index) continue;
    found.push(index);
    // The rest of this statement is already in: look after it.
    at = Math.max(at, top.ends[index] - 1);
  }
  return found;
}

/** Where each text stands among the top-level statements (a text may stand at several). */
function statementsOf(top: TopLevel): Map<TextFacts, number[]> {
  if (!top.positions) {
    top.positions = new Map();
    top.byText.forEach((facts, index) => {
      const list = top.positions!.get(facts);
      if (list) list.push(index);
      else top.positions!.set(facts, [index]);
    });
  }
  return top.positions;
}

/** A name made of `[\w$]` only: one of a statement's words when the statement mentions it. */
const WORD = /^[\w$]+$/;

/** The top-level names statement `index` binds to a value that may carry input (kept in its facts). */
function carrierNames(top: TopLevel, index: number, grammar: GrammarName): string[] {
  const facts = top.facts[index];
  facts.carriers ??= topLevelCarriers(top.nodes[index], grammar);
  return facts.carriers;
}

/**
 * The units (indices in `units`) that share a function name with another unit. The analysis
 * resolves calls by name among the statements it is given (functions.ts), at any depth: a method
 * call `this.read(x)` in one class can reach another class's `read`, and two `read` methods make
 * the name ambiguous. Such a unit's findings depend on which other units are analysed with it, so
 * the detector analyses these afresh on every scan, all together, as a first scan does; a unit
 * that shares no name with any other finds the same alone or in company. `calls` is a superset
 * (every `name(` in the text), so this errs on the side of more units.
 */
export function entangledUnits(top: TopLevel, units: readonly number[][], grammar: GrammarName): Set<number> {
  const definers = new Map<string, number[]>();
  units.forEach((unit, u) => {
    for (const i of unit) {
      const facts = top.facts[i];
      facts.functions ??= localFunctionNames(top.nodes[i], grammar);
      for (const name of facts.functions) {
        const list = definers.get(name) ?? [];
        if (list[list.length - 1] !== u) list.push(u);
        definers.set(name, list);
      }
    }
  });
  const entangled = new Set<number>();
  for (const list of definers.values()) if (list.length > 1) for (const u of list) entangled.add(u);
  units.forEach((unit, u) => {
    for (const i of unit) {
      for (const name of callsOf(top, i)) {
        const list = definers.get(name);
        if (!list || list.every((d) => d === u)) continue;
        entangled.add(u);
        for (const d of list) entangled.add(d);
      }
    }
  });
  return entangled;
}

/**
 * The top-level variables `statement` (a top-level statement) binds to a value that could carry
 * untrusted input: none for a function declaration, or for declarations whose values are
 * functions or literals.
 */
function topLevelCarriers(statement: SyntaxNode, grammar: GrammarName): string[] {
  if (isFunction(statement, grammar)) return [];
  const declaration = statement.childForFieldName('declaration');
  if (declaration && isFunction(declaration, grammar)) return [];
  const names = bindingsIn(root(statement), grammar, statement).flatMap((binding) => (binding.kind !== 'param' && !!binding.value && cannotCarryInput(binding.value) ? [] : [binding.name]));
  return [...new Set(names)];
}

function root(node: SyntaxNode): SyntaxNode {
  return node.parent ?? node;
}

/** What the path detector needs of a profile to analyse statements one by one. */
export function scopedProfile(profile: PathProfile): profile is PathProfile & { regionPattern: RegExp; fileFacts: (text: string) => string } {
  return !!profile.regionPattern && !!profile.fileFacts;
}
