import { bindingsIn, callInfo, callTypes, functionsIn, isFunction, nodesOfType, type GrammarName, type SyntaxNode } from '../../syntax';
import type { PathProfile } from './profile';
import { functionName } from './functions';

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

/** Names of the functions each top-level statement defines, per tree: computed once per parse. */
const definedNames = new WeakMap<object, Map<string, number>>();

function functionsByName(root: SyntaxNode, grammar: GrammarName): Map<string, number> {
  const tree = root.tree as object;
  let names = definedNames.get(tree);
  if (!names) {
    names = new Map();
    for (const fn of functionsIn(root, grammar)) {
      const name = functionName(fn);
      let statement = fn;
      while (statement.parent && statement.parent.id !== root.id) statement = statement.parent;
      if (name) names.set(name, names.has(name) && names.get(name) !== statement.startIndex ? -1 : statement.startIndex);
    }
    definedNames.set(tree, names);
  }
  return names;
}

/**
 * True when `statement` calls a function defined in another top-level statement: the analysis
 * follows values into and out of local functions, so such a flow can cross statements.
 */
function callsAnotherStatement(statement: SyntaxNode, grammar: GrammarName): boolean {
  const root = statement.parent;
  if (!root) return false;
  const names = functionsByName(root, grammar);
  if (names.size === 0) return false;
  return nodesOfType(statement, callTypes(grammar)).some((node) => {
    const call = callInfo(node, grammar);
    const at = call && names.get(call.name);
    return at !== undefined && at !== statement.startIndex;
  });
}

/**
 * True when `statement` (a top-level statement) binds no top-level variable whose value could
 * carry untrusted input (a function declaration, or declarations whose values are functions) and
 * calls no function that another top-level statement defines.
 */
export function bindsNoTopLevelValue(statement: SyntaxNode, grammar: GrammarName): boolean {
  if (callsAnotherStatement(statement, grammar)) return false;
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
