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
