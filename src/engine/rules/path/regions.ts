import { bindingsIn, isFunction, type GrammarName, type SyntaxNode } from '../../syntax';
import type { PathProfile } from './profile';

// Which top-level statements can hold a path flow at all. The taint analysis is intra-procedural:
// a flow starts at a source and moves through bindings that an identifier resolves to, looking
// outward through its enclosing functions up to the top level. So a flow lives inside one
// top-level statement unless it passes through a top-level binding. When every source lies in a
// few statements (the profile's `regionPattern`, a superset of what its matchers accept, finds
// them in the text) and none of those statements binds a top-level variable that could carry a
// value, nothing outside them can be tainted, and analysing them alone finds every flow.

/** Top-level binding values that cannot carry input: the taint analysis treats functions as opaque. */
const OPAQUE_VALUES = new Set(['arrow_function', 'function_expression', 'function']);

/** The top-level statements that contain a match of `pattern`, in document order. */
export function statementsMatching(root: SyntaxNode, text: string, pattern: RegExp): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const search = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let match = search.exec(text); match; match = search.exec(text)) {
    const statement = root.firstNamedChildForIndex(match.index);
    if (!statement || statement.startIndex > match.index) {
      // Between statements (cannot happen for a pattern that needs a word) or past the last one.
      search.lastIndex = Math.max(search.lastIndex, match.index + 1);
      continue;
    }
    found.push(statement);
    // The rest of this statement is already in: look after it.
    search.lastIndex = Math.max(search.lastIndex, statement.endIndex);
  }
  return found;
}

/** `name(`, starting at the beginning of a name only: one pass over the text, no re-reading of a long name. */
const CALL_NAME = /(?<![\w$])([A-Za-z_$][\w$]*)\s*\(/g;

/** The functions a top-level statement defines under a name other statements can call. */
function definedNames(statement: SyntaxNode): string[] {
  const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') ?? statement : statement;
  const own = /function_declaration$/.test(declaration.type) ? declaration.childForFieldName('name')?.text : undefined;
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
 * a function whose statement returns input. Starting from `statements` (those that can hold a
 * source), this adds every statement linked to them by such a call, in both directions, until
 * nothing changes. `linked`: the starting statements with a link (their findings depend on other
 * statements, so they are not reused by text alone); `extra`: the statements added.
 */
export function crossStatementLinks(root: SyntaxNode, text: string, statements: readonly SyntaxNode[]): { linked: Set<number>; extra: SyntaxNode[] } {
  const definers = new Map<string, SyntaxNode>();
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    for (const name of definedNames(statement)) definers.set(name, statement);
  }
  const linked = new Set<number>();
  if (definers.size === 0) return { linked, extra: [] };
  const calls: { name: string; at: number }[] = [];
  for (const match of text.matchAll(CALL_NAME)) if (definers.has(match[1])) calls.push({ name: match[1], at: match.index });
  const inClosure = new Map<number, SyntaxNode>(statements.map((statement) => [statement.startIndex, statement]));
  const start = new Set(inClosure.keys());
  const work = [...statements];
  const link = (from: SyntaxNode, to: SyntaxNode | null | undefined) => {
    if (!to || to.startIndex === from.startIndex) return;
    if (start.has(from.startIndex)) linked.add(from.startIndex);
    if (start.has(to.startIndex)) linked.add(to.startIndex);
    if (!inClosure.has(to.startIndex)) {
      inClosure.set(to.startIndex, to);
      work.push(to);
    }
  };
  while (work.length > 0) {
    const statement = work.pop()!;
    const defines = new Set(definedNames(statement));
    for (const call of calls) {
      // Its calls of another statement's functions, and the other statements' calls of its own.
      if (call.at >= statement.startIndex && call.at < statement.endIndex) link(statement, definers.get(call.name));
      else if (defines.has(call.name)) link(statement, root.firstNamedChildForIndex(call.at));
    }
  }
  return { linked, extra: [...inClosure.values()].filter((statement) => !start.has(statement.startIndex)).sort((a, b) => a.startIndex - b.startIndex) };
}

/**
 * True when `statement` (a top-level statement) binds no top-level variable whose value could
 * carry untrusted input: a function declaration, or declarations whose values are functions.
 */
export function bindsNoTopLevelValue(statement: SyntaxNode, grammar: GrammarName): boolean {
  if (isFunction(statement, grammar)) return true;
  const declaration = statement.childForFieldName('declaration');
  if (declaration && isFunction(declaration, grammar)) return true;
  return bindingsIn(root(statement), grammar, statement).every((binding) => binding.kind !== 'param' && !!binding.value && OPAQUE_VALUES.has(binding.value.type));
}

function root(node: SyntaxNode): SyntaxNode {
  return node.parent ?? node;
}

/** What the path detector needs of a profile to analyse statements one by one. */
export function scopedProfile(profile: PathProfile): profile is PathProfile & { regionPattern: RegExp; fileFacts: (text: string) => string } {
  return !!profile.regionPattern && !!profile.fileFacts;
}
