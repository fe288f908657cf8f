import type { Node } from '@vscode/tree-sitter-wasm';
import type { GrammarName } from './languages';
import { dottedText, namedChildren } from './nodes';

// Calls, in one shape across grammars: `fs.readFile(a, b)`, `new File(a)`, `File.open(a)`,
// `$zip->getNameIndex($i)`, `include $file`, `open(p, mode='r')`.

export interface CallInfo {
  node: Node;
  /** The callee as dotted text: `path.join`, `fs.promises.readFile`, `os.Open`, `new File`, `$zip.extractTo`. */
  callee: string;
  /** Last segment of the callee: `join`, `readFile`, `Open`, `File`, `extractTo`. */
  name: string;
  /** The object the method is called on (`fs` in `fs.readFile`), when there is one. */
  receiver?: Node;
  /** Positional argument expressions, unwrapped from argument nodes, comments dropped. */
  args: Node[];
  /** Keyword or named arguments (`verify=False`, `verify_mode: X`, `name: value`), by name. */
  keywords: Map<string, Node>;
}

const CALL_TYPES: Record<GrammarName, ReadonlySet<string>> = {
  javascript: new Set(['call_expression', 'new_expression']),
  typescript: new Set(['call_expression', 'new_expression']),
  tsx: new Set(['call_expression', 'new_expression']),
  python: new Set(['call']),
  go: new Set(['call_expression']),
  java: new Set(['method_invocation', 'object_creation_expression']),
  'c-sharp': new Set(['invocation_expression', 'object_creation_expression']),
  ruby: new Set(['call']),
  php: new Set(['function_call_expression', 'member_call_expression', 'scoped_call_expression', 'nullsafe_member_call_expression', 'object_creation_expression', 'include_expression', 'include_once_expression', 'require_expression', 'require_once_expression']),
  bash: new Set(['command']),
};

export function callTypes(grammar: GrammarName): ReadonlySet<string> {
  return CALL_TYPES[grammar];
}

// Type arguments are cut in code, not with `/<.*$/` or `/<[^()]*>$/`: a regex tries every `<` as a
// start and reads to the end from each, quadratic on a callee text full of `<`.

/** `text` cut at its first `<` after the last line break (what `replace(/<.*$/, '')` did). */
function cutAtTypeArguments(text: string): string {
  const lineStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'), text.lastIndexOf('\u2028'), text.lastIndexOf('\u2029')) + 1;
  const open = text.indexOf('<', lineStart);
  return open < 0 ? text : text.slice(0, open);
}

/** `text` without trailing `<...>` holding no parenthesis (what `replace(/<[^()]*>$/, '')` did). */
function cutTrailingTypeArguments(text: string): string {
  if (!text.endsWith('>')) return text;
  const open = text.indexOf('<', Math.max(text.lastIndexOf('('), text.lastIndexOf(')')) + 1);
  return open < 0 ? text : text.slice(0, open);
}

function lastSegment(callee: string): string {
  const dot = callee.lastIndexOf('.');
  return dot === -1 ? callee.replace(/^new /, '') : callee.slice(dot + 1);
}

function unwrapArgument(arg: Node): Node {
  // C# `argument` and PHP `argument` wrap the expression (C# may prefix `name:`, `ref`, `out`).
  if (arg.type === 'argument') {
    const children = namedChildren(arg);
    return children[children.length - 1] ?? arg;
  }
  return arg;
}

function collectArguments(list: Node | null, grammar: GrammarName): Pick<CallInfo, 'args' | 'keywords'> {
  const args: Node[] = [];
  const keywords = new Map<string, Node>();
  if (!list) return { args, keywords };
  for (const child of namedChildren(list)) {
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) keywords.set(name.text, value);
    } else if (grammar === 'ruby' && child.type === 'pair') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      if (key && value) keywords.set(key.text.replace(/^:|:$/g, ''), value);
    } else if (child.type === 'argument' && grammar === 'c-sharp' && child.childForFieldName('name')) {
      keywords.set(child.childForFieldName('name')!.text, unwrapArgument(child));
    } else if (grammar === 'php' && child.type === 'argument' && child.childForFieldName('name')) {
      keywords.set(child.childForFieldName('name')!.text, unwrapArgument(child));
    } else {
      args.push(unwrapArgument(child));
    }
  }
  return { args, keywords };
}

/** The call's parts, or undefined when `node` is not a call in this grammar. */
export function callInfo(node: Node, grammar: GrammarName): CallInfo | undefined {
  if (!CALL_TYPES[grammar].has(node.type)) return undefined;
  const type = node.type;
  if (type === 'new_expression' || type === 'object_creation_expression') {
    const ctor = node.childForFieldName('constructor') ?? node.childForFieldName('type') ?? namedChildren(node).find((child) => child.type !== 'arguments');
    if (!ctor) return undefined;
    const callee = `new ${cutAtTypeArguments(dottedText(ctor))}`;
    return { node, callee, name: lastSegment(callee), ...collectArguments(node.childForFieldName('arguments') ?? namedChildren(node).find((child) => child.type === 'arguments') ?? null, grammar) };
  }
  if (type.startsWith('include') || type.startsWith('require')) {
    const arg = namedChildren(node)[0];
    const callee = type.replace(/_expression$/, '');
    return { node, callee, name: callee, args: arg ? [arg] : [], keywords: new Map() };
  }
  if (grammar === 'bash') {
    const name = node.childForFieldName('name');
    if (!name) return undefined;
    const callee = name.text;
    return { node, callee, name: callee, args: node.childrenForFieldName('argument').filter((arg): arg is Node => !!arg), keywords: new Map() };
  }
  let receiver: Node | undefined;
  let method: Node | null = null;
  let callee: string;
  if (type === 'method_invocation' || type === 'member_call_expression' || type === 'nullsafe_member_call_expression' || type === 'scoped_call_expression' || grammar === 'ruby') {
    receiver = node.childForFieldName('object') ?? node.childForFieldName('receiver') ?? node.childForFieldName('scope') ?? undefined;
    method = node.childForFieldName('name') ?? node.childForFieldName('method');
    if (!method) return undefined;
    callee = receiver ? `${dottedText(receiver)}.${method.text}` : method.text;
  } else {
    const fn = node.childForFieldName('function');
    if (!fn) return undefined;
    callee = cutTrailingTypeArguments(dottedText(fn));
    receiver = fn.childForFieldName('object') ?? fn.childForFieldName('operand') ?? fn.childForFieldName('expression') ?? undefined;
  }
  return { node, callee, name: lastSegment(callee), receiver, ...collectArguments(node.childForFieldName('arguments'), grammar) };
}
