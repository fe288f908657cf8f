import { bodyOf, callInfo, enclosingFunction, functionsIn, isFunction, namedChildren, nodesOfType, parametersOf, type Binding, type CallInfo, type GrammarName, type SyntaxNode } from '../../syntax';

// The functions one file defines, and where the file calls them: what the taint analysis needs to
// follow a value into a local helper (`helper(req.query.f)` -> its parameter) and back out of one
// (`open(target(name))` -> what `target` returns). Names only: a call `helper(x)`, `this.helper(x)`,
// `self.helper(x)`, `$this->helper($x)` or `self::helper($x)` is taken to call the one function of
// that name in the file. Two functions sharing a name (overloads, methods of different classes)
// make the name ambiguous, and it is not followed: recall lost, never a wrong flow.

/** Receivers that mean "this object" or "this class": a call on them stays in the file. */
export const SELF: ReadonlySet<string> = new Set(['this', 'self', '$this', 'static', 'parent', 'cls', 'base', 'Me']);

/** Collection methods whose callback receives the collection's elements as its first parameter. */
const ELEMENT_CALLBACKS = new Set([
  'forEach', 'map', 'flatMap', 'filter', 'find', 'findIndex', 'some', 'every', 'each', 'each_with_index', 'each_with_object', 'collect', 'select',
  'reject', 'flat_map', 'filter_map', 'ForEach', 'Select', 'Where', 'array_map', 'array_walk',
]);

/** The name a function is called by: its own name, or the variable or key it is assigned to. */
export function functionName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const parent = fn.parent;
  if (!parent) return undefined;
  // const helper = (name) => ..., helper = function (name) {...}, { helper: (name) => ... }
  const target = parent.childForFieldName('name') ?? parent.childForFieldName('left') ?? parent.childForFieldName('key');
  const value = parent.childForFieldName('value') ?? parent.childForFieldName('right');
  return target && value && value.id === fn.id && /identifier|property_identifier|variable_name/.test(target.type) ? target.text : undefined;
}

/** The names of a function's parameters, by position (Go's `a, b string` counts two). */
export function parameterNames(fn: SyntaxNode): SyntaxNode[][] {
  const params = parametersOf(fn);
  if (!params) return [];
  if (/identifier/.test(params.type)) return [[params]];
  return namedChildren(params)
    .filter((param) => param.type !== 'comment')
    .flatMap((param) => {
      const names = param.childrenForFieldName('name').filter((name): name is SyntaxNode => !!name);
      return names.length > 1 ? names.map((name) => [name]) : [[param]];
    });
}

/** Function kinds that are never called by name (Ruby blocks, Python lambdas): LocalFunctions skips them. */
function callableByName(fn: SyntaxNode): boolean {
  return fn.type !== 'lambda' && fn.type !== 'block' && fn.type !== 'do_block';
}

/** The names under which LocalFunctions would register the functions inside `node`, once each. */
export function localFunctionNames(node: SyntaxNode, grammar: GrammarName): string[] {
  const names = functionsIn(node, grammar).filter(callableByName).map(functionName);
  return [...new Set(names.filter((name): name is string => !!name))];
}

export class LocalFunctions {
  private readonly byName = new Map<string, SyntaxNode[]>();
  private readonly callsByName = new Map<string, CallInfo[]>();

  /** `calls`: every call node of the file (callers are looked for among them). */
  constructor(root: SyntaxNode, private readonly grammar: GrammarName, functions: readonly SyntaxNode[], calls: readonly SyntaxNode[]) {
    for (const fn of functions) {
      const name = functionName(fn);
      if (!name || !callableByName(fn)) continue;
      const list = this.byName.get(name) ?? [];
      list.push(fn);
      this.byName.set(name, list);
    }
    if (this.byName.size === 0) return;
    for (const node of calls) {
      const call = callInfo(node, grammar);
      if (!call || !this.byName.has(call.name) || call.callee.startsWith('new ')) continue;
      if (call.receiver && !SELF.has(call.receiver.text)) continue;
      const list = this.callsByName.get(call.name) ?? [];
      list.push(call);
      this.callsByName.set(call.name, list);
    }
    void root;
  }

  /** The one local function `call` invokes, if its name names exactly one. */
  target(call: CallInfo): SyntaxNode | undefined {
    if (call.callee.startsWith('new ') || (call.receiver && !SELF.has(call.receiver.text))) return undefined;
    const found = this.byName.get(call.name);
    return found?.length === 1 ? found[0] : undefined;
  }

  /** Calls of `fn` in this file (none when its name is ambiguous). */
  callers(fn: SyntaxNode): CallInfo[] {
    const name = functionName(fn);
    if (!name || this.byName.get(name)?.length !== 1) return [];
    return this.callsByName.get(name) ?? [];
  }

  /** Position of the parameter `binding` names, among `fn`'s parameters. */
  parameterIndex(fn: SyntaxNode, binding: Binding): number | undefined {
    const at = binding.target.startIndex;
    const index = parameterNames(fn).findIndex((nodes) => nodes.some((node) => node.startIndex <= at && at < node.endIndex));
    return index === -1 ? undefined : index;
  }

  /** The argument of `call` that fills parameter `index` of `fn` (Python's `self` skipped, keywords by name). */
  argumentFor(call: CallInfo, fn: SyntaxNode, index: number, name: string): SyntaxNode | undefined {
    const keyword = call.keywords.get(name);
    if (keyword) return keyword;
    const params = parameterNames(fn);
    const first = params[0]?.[0];
    const skipsSelf = this.grammar === 'python' && first && /^(self|cls)$/.test(first.type === 'identifier' ? first.text : first.childForFieldName('name')?.text ?? '');
    return call.args[index - (skipsSelf ? 1 : 0)];
  }

  /** The values `fn` returns: `return` operands, an arrow's expression body, a Ruby method's last expression. */
  returnedValues(fn: SyntaxNode): SyntaxNode[] {
    const body = bodyOf(fn);
    if (body !== fn && !/block|body|statement/.test(body.type)) return [body];
    const values = nodesOfType(body, new Set(['return_statement', 'return']))
      .filter((ret) => enclosingFunction(ret, this.grammar)?.id === fn.id)
      .flatMap((ret) => {
        const value = namedChildren(ret).find((child) => child.type !== 'comment');
        // Go: return a, err -> the first value carries the path
        return value ? [value.type === 'expression_list' ? namedChildren(value)[0] ?? value : value] : [];
      });
    if (this.grammar === 'ruby') {
      const statements = namedChildren(body).filter((child) => child.type !== 'comment');
      const last = statements[statements.length - 1];
      if (last && last.type !== 'return') values.push(last);
    }
    return values;
  }

  /**
   * For a callback passed to a collection method (`files.forEach(f => ...)`, `params[:files].each do |f|`),
   * the collection whose elements its first parameter receives.
   */
  elementSource(fn: SyntaxNode, index: number): SyntaxNode | undefined {
    if (index !== 0 || !isFunction(fn, this.grammar)) return undefined;
    let call = fn.parent;
    if (call && (call.type === 'arguments' || call.type === 'argument_list' || call.type === 'argument')) call = call.parent;
    if (call?.type === 'arguments' || call?.type === 'argument_list') call = call.parent;
    const info = call && callInfo(call, this.grammar);
    if (!info || !ELEMENT_CALLBACKS.has(info.name)) return undefined;
    // array_map(fn, $items) / array_walk($items, fn)
    if (info.name === 'array_map') return info.args[1];
    if (info.name === 'array_walk') return info.args[0];
    return info.receiver;
  }
}
