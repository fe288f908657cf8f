import type { Node } from '@vscode/tree-sitter-wasm';
import type { GrammarName } from './languages';
import { bodyOf, enclosingFunction, isFunction, namedChildren, nodesOfType, parametersOf, walk } from './nodes';

// Where a simple variable gets its value, within one function: assignments, declarations,
// destructuring, loop variables and parameters. Deliberately simple (no aliasing, no fields, no
// calls into other functions): a variable's value is the latest binding above its use.

export type BindingKind = 'assign' | 'augment' | 'iterate' | 'param' | 'index';

export interface Binding {
  name: string;
  /** The identifier (or pattern element) that receives the value. */
  target: Node;
  /** The expression the value comes from; for `iterate`, the collection; absent for plain params. */
  value?: Node;
  kind: BindingKind;
  /** The function (or the program, at top level) the binding belongs to. */
  scope: Node;
  /** Text index from which the binding holds (after the statement's value). */
  from: number;
}

/** Node types that bind names (switch cases below). */
const BINDING_TYPES: ReadonlySet<string> = new Set([
  'variable_declarator', 'assignment', 'assignment_expression', 'assignment_statement', 'short_var_declaration', 'augmented_assignment',
  'augmented_assignment_expression', 'operator_assignment', 'compound_assignment_expression', 'var_spec', 'named_expression', 'for_in_statement',
  'for_statement', 'for_in_clause', 'for', 'range_clause', 'enhanced_for_statement', 'foreach_statement', 'as_pattern',
]);

const IDENTIFIER_TYPES = new Set(['identifier', 'shorthand_property_identifier_pattern', 'shorthand_property_identifier', 'variable_name']);

/** Names bound by a target: an identifier, or a destructuring pattern's identifiers. */
function targetNames(target: Node, grammar: GrammarName): Node[] {
  if (IDENTIFIER_TYPES.has(target.type)) return [target];
  const out: Node[] = [];
  walk(target, (node) => {
    // `{ a: b }` binds b, `{ a = 1 }` binds a, `[x, ...rest]` binds x and rest; keys and defaults don't bind.
    if (node.type === 'pair_pattern') {
      const value = node.childForFieldName('value');
      if (value) out.push(...targetNames(value, grammar));
      return false;
    }
    if (node.type === 'assignment_pattern' || node.type === 'object_assignment_pattern') {
      const left = node.childForFieldName('left');
      if (left) out.push(...targetNames(left, grammar));
      return false;
    }
    if (node.type === 'member_expression' || node.type === 'attribute' || node.type === 'subscript' || node.type === 'selector_expression' || node.type === 'type_annotation') return false;
    if (IDENTIFIER_TYPES.has(node.type)) out.push(node);
    return undefined;
  });
  return out;
}

function bind(out: Binding[], grammar: GrammarName, scope: Node, target: Node | null, value: Node | null | undefined, kind: BindingKind, from: number): void {
  if (!target) return;
  for (const name of targetNames(target, grammar)) out.push({ name: name.text, target: name, value: value ?? undefined, kind, scope, from });
}

/** Binds `left[i] = right[i]`, or every left name to a single right (`x, err := f()`, `a, b = t`). */
function bindLists(out: Binding[], grammar: GrammarName, scope: Node, left: Node, right: Node, kind: BindingKind, from: number): void {
  const lefts = left.type === 'expression_list' || left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'left_assignment_list' ? namedChildren(left) : [left];
  const rights = right.type === 'expression_list' || (right.type === 'tuple' && lefts.length > 1) ? namedChildren(right) : [right];
  if (lefts.length === rights.length) lefts.forEach((target, i) => bind(out, grammar, scope, target, rights[i], kind, from));
  else if (grammar === 'go' && rights.length === 1) {
    // `v, err := f()`: the first result carries the value, the rest are errors and flags.
    bind(out, grammar, scope, lefts[0], rights[0], kind, from);
  } else lefts.forEach((target) => bind(out, grammar, scope, target, right, kind, from));
}

function parameterBindings(out: Binding[], grammar: GrammarName, fn: Node): void {
  const params = parametersOf(fn);
  if (!params) return;
  if (IDENTIFIER_TYPES.has(params.type)) {
    out.push({ name: params.text, target: params, kind: 'param', scope: fn, from: fn.startIndex });
    return;
  }
  for (const param of namedChildren(params)) {
    const nameNode =
      param.childForFieldName('name') ?? param.childForFieldName('pattern') ?? (IDENTIFIER_TYPES.has(param.type) ? param : namedChildren(param).find((child) => IDENTIFIER_TYPES.has(child.type))) ?? (param.type.endsWith('pattern') ? param : null);
    if (!nameNode) continue;
    for (const name of targetNames(nameNode, grammar)) out.push({ name: name.text, target: name, value: param, kind: 'param', scope: fn, from: fn.startIndex });
  }
}

/**
 * Every binding made directly in `scope` (a function, or the program node), in text order.
 * `within` narrows the search to one part of the scope (a top-level statement of the program).
 */
export function bindingsIn(scope: Node, grammar: GrammarName, within: Node = bodyOf(scope)): Binding[] {
  const out: Binding[] = [];
  if (isFunction(scope, grammar)) parameterBindings(out, grammar, scope);
  // Binding statements found inside WASM, then kept when their nearest function is this scope
  // (nested functions have their own scope; their bindings are looked up when resolving inside them).
  const isScope = (fn: Node | undefined) => (fn ? fn.startIndex === scope.startIndex && fn.type === scope.type : !isFunction(scope, grammar));
  for (const node of nodesOfType(within, BINDING_TYPES)) {
    if (!isScope(enclosingFunction(node, grammar))) continue;
    const after = node.endIndex;
    switch (node.type) {
      case 'variable_declarator': {
        // JS/TS, Java: name + value fields. C#: the value is the declarator's unnamed last child.
        const target = node.childForFieldName('name');
        const children = namedChildren(node);
        const value = node.childForFieldName('value') ?? (grammar === 'c-sharp' && children.length > 1 ? children[children.length - 1] : null);
        if (target && value) bind(out, grammar, scope, target, value, 'assign', after);
        break;
      }
      case 'assignment':
      case 'assignment_expression':
      case 'assignment_statement':
      case 'short_var_declaration': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) bindLists(out, grammar, scope, left, right, 'assign', after);
        break;
      }
      case 'augmented_assignment':
      case 'augmented_assignment_expression':
      case 'operator_assignment':
      case 'compound_assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) bind(out, grammar, scope, left, right, 'augment', after);
        break;
      }
      case 'var_spec': {
        const value = node.childForFieldName('value');
        if (value) namedChildren(node).filter((child) => child.type === 'identifier').forEach((name, i) => bind(out, grammar, scope, name, namedChildren(value)[i] ?? value, 'assign', after));
        break;
      }
      case 'named_expression': {
        bind(out, grammar, scope, node.childForFieldName('name'), node.childForFieldName('value'), 'assign', after);
        break;
      }
      case 'for_in_statement':
      case 'for_statement':
      case 'for_in_clause':
      case 'for': {
        const left = node.childForFieldName('left') ?? node.childForFieldName('pattern');
        const right = node.childForFieldName('right') ?? node.childForFieldName('value');
        if (left && right) bind(out, grammar, scope, left, right, 'iterate', right.endIndex);
        break;
      }
      case 'range_clause': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) {
          const names = namedChildren(left);
          if (names.length === 2) {
            bind(out, grammar, scope, names[0], right, 'index', right.endIndex);
            bind(out, grammar, scope, names[1], right, 'iterate', right.endIndex);
          } else bind(out, grammar, scope, names[0], right, 'iterate', right.endIndex);
        }
        break;
      }
      case 'enhanced_for_statement': {
        const value = node.childForFieldName('value');
        bind(out, grammar, scope, node.childForFieldName('name'), value, 'iterate', value?.endIndex ?? after);
        break;
      }
      case 'foreach_statement': {
        if (grammar === 'c-sharp') {
          const right = node.childForFieldName('right');
          bind(out, grammar, scope, node.childForFieldName('left'), right, 'iterate', right?.endIndex ?? after);
        } else {
          // PHP: foreach ($items as $v) / foreach ($items as $k => $v)
          const [collection, item] = namedChildren(node);
          if (collection && item) {
            const valueTarget = item.type === 'pair' ? namedChildren(item)[1] : item;
            if (valueTarget) bind(out, grammar, scope, valueTarget, collection, 'iterate', collection.endIndex);
          }
        }
        break;
      }
      case 'as_pattern': {
        // Python `with open(p) as f`: f holds what the expression returned.
        const alias = node.childForFieldName('alias');
        const value = namedChildren(node)[0];
        if (alias && value) bind(out, grammar, scope, alias, value, 'assign', after);
        break;
      }
      default:
        break;
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/** Bindings per scope, computed once per scope node during one analysis. */
export class ScopeIndex {
  private readonly cache = new Map<number, Binding[]>();

  /**
   * `rootBindings`, when given, stands for the top-level bindings instead of searching the whole
   * program for them (a caller that knows none of them matters passes an empty list); a function
   * is called once, when a lookup first reaches the top level.
   */
  constructor(private readonly grammar: GrammarName, private readonly root: Node, private rootBindings?: Binding[] | (() => Binding[])) {}

  bindings(scope: Node): Binding[] {
    if (this.rootBindings && scope.id === this.root.id) {
      // Given as a function: read on the first lookup that reaches the top level.
      if (typeof this.rootBindings === 'function') this.rootBindings = this.rootBindings();
      return this.rootBindings;
    }
    let found = this.cache.get(scope.id);
    if (!found) {
      found = bindingsIn(scope, this.grammar);
      this.cache.set(scope.id, found);
    }
    return found;
  }

  /**
   * The binding that gives `identifier` its value at its position: the latest one above it in the
   * innermost function that binds the name, looking outward through enclosing functions
   * (closures) up to the top level. Undefined when nothing in the file binds it.
   */
  resolve(identifier: Node): Binding | undefined {
    const name = identifier.text;
    for (let scope = enclosingFunction(identifier, this.grammar); ; scope = enclosingFunction(scope, this.grammar)) {
      const candidates = this.bindings(scope ?? this.root).filter((binding) => binding.name === name);
      if (candidates.length > 0) {
        const before = candidates.filter((binding) => binding.from <= identifier.startIndex && !(binding.target.startIndex === identifier.startIndex));
        // A use before any assignment (a loop that assigns later) takes the first binding.
        return before.length > 0 ? before[before.length - 1] : candidates.find((binding) => binding.kind === 'param');
      }
      if (!scope) return undefined;
    }
  }
}

/** Convenience: the binding of one identifier. For many lookups, keep one ScopeIndex. */
export function resolveIdentifier(identifier: Node, grammar: GrammarName): Binding | undefined {
  let root = identifier;
  while (root.parent) root = root.parent;
  return new ScopeIndex(grammar, root).resolve(identifier);
}
