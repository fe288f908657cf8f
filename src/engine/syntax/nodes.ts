import type { Node } from '@vscode/tree-sitter-wasm';
import type { GrammarName } from './languages';
import { wordHits } from './wordHits';

// Small, language-neutral helpers over Tree-sitter nodes. Node objects are fresh wrappers on each
// access: compare them with `sameNode`, not `===`.

export type SyntaxNode = Node;

/** Preorder walk. Return false from `visit` to skip the node's children. */
export function walk(root: Node, visit: (node: Node) => boolean | void): void {
  const cursor = root.walk();
  try {
    let descend = visit(cursor.currentNode) !== false;
    for (;;) {
      if (descend && cursor.gotoFirstChild()) {
        descend = visit(cursor.currentNode) !== false;
        continue;
      }
      // The cursor is rooted at `root`: at its root, neither a sibling nor a parent exists.
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return;
      descend = visit(cursor.currentNode) !== false;
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Every descendant (and the node itself) whose type is in `types`, in document order. Runs the
 * search inside WASM (descendantsOfType): several times faster than walking node by node in JS,
 * where each node visited costs a marshalled object.
 */
export function nodesOfType(root: Node, types: ReadonlySet<string>): Node[] {
  const found = root.descendantsOfType([...types]).filter((node): node is Node => !!node);
  if (types.has(root.type) && !(found[0] && found[0].startIndex === root.startIndex && found[0].type === root.type)) found.unshift(root);
  return found;
}

export function sameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

/** True when `inner` lies within `outer` (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** One-based line of the node's start, for messages. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** Named children that are not comments. */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
}

/** The node's text with whitespace collapsed and `?.`, `->`, `::` read as `.`: `fs.promises.readFile`. */
export function dottedText(node: Node): string {
  return node.text.replace(/\s+/g, '').replace(/\?\.|->|::/g, '.');
}

const FUNCTION_TYPES: Record<GrammarName, ReadonlySet<string>> = {
  javascript: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function', 'function']),
  typescript: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function', 'function']),
  tsx: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function', 'function']),
  python: new Set(['function_definition', 'lambda']),
  go: new Set(['function_declaration', 'method_declaration', 'func_literal']),
  java: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
  'c-sharp': new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression']),
  ruby: new Set(['method', 'singleton_method', 'block', 'do_block', 'lambda']),
  php: new Set(['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function', 'anonymous_function_creation_expression']),
  bash: new Set(['function_definition']),
};

export function isFunction(node: Node, grammar: GrammarName): boolean {
  return FUNCTION_TYPES[grammar].has(node.type);
}

/** The innermost function (method, lambda, block) around `node`, or undefined at top level. */
export function enclosingFunction(node: Node, grammar: GrammarName): Node | undefined {
  for (let at = node.parent; at; at = at.parent) if (isFunction(at, grammar)) return at;
  return undefined;
}

/** Every function-like node in the tree, outermost first. */
export function functionsIn(root: Node, grammar: GrammarName): Node[] {
  return nodesOfType(root, FUNCTION_TYPES[grammar]);
}

/** The parameter list node of a function, whatever the grammar calls it. */
export function parametersOf(fn: Node): Node | undefined {
  return fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter') ?? undefined;
}

/** Body of a function, or the function itself when the grammar has no body field. */
export function bodyOf(fn: Node): Node {
  return fn.childForFieldName('body') ?? fn;
}

/**
 * Every node of one of `types` that contains an occurrence of one of `words` in `text` (the text
 * `root` was parsed from), in the order a preorder walk would meet them. For matchers whose every
 * match holds one of a few words: the tree is entered only where a word occurs, instead of
 * visiting every node of a large file.
 */
export function nodesAroundWords(root: Node, text: string, words: readonly string[], types: ReadonlySet<string>): Node[] {
  const found = new Map<string, { node: Node; depth: number }>();
  const seen = new Set<number>();
  // Words found where the same list found them in the last text, moved by the edit (wordHits.ts).
  for (const { at, length } of wordHits(text, words)) {
    if (seen.has(at)) continue;
    seen.add(at);
    const chain: Node[] = [];
    for (let node = root.descendantForIndex(at, at + length); node; node = node.parent) chain.push(node);
    chain.forEach((node, i) => {
      if (!types.has(node.type)) return;
      const key = `${node.startIndex}:${node.endIndex}:${node.type}`;
      if (!found.has(key)) found.set(key, { node, depth: chain.length - i });
    });
  }
  return [...found.values()]
    .sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex || a.depth - b.depth)
    .map(({ node }) => node);
}
