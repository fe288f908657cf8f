import { ScopeIndex, bindingsIn, isFunction, callInfo, callTypes, enclosingFunction, functionsIn, nodesOfType, walk, type Binding, type CallInfo, type GrammarName, type SyntaxNode } from '../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceKind } from './profile';
import { LocalFunctions, parameterNames } from './functions';
import { handedOnPaths } from './handedOn';

// Taint within one file, shared by every language: from a source expression, through simple
// assignments, destructuring, loops, string building and known pass-through calls, to a path
// argument of a sink. A sanitizer call, a safe member, or a containment/allowlist check on the
// variable ends the flow. Functions of the same file are followed both ways: into a local helper
// (its parameter is tainted when a call passes it tainted input, so the sink inside the helper
// reports the flow) and out of one (a summary says which parameters reach its return value,
// computed once per function with its parameters as symbolic sources). No fields, no aliasing, no
// other files: where the trail leaves the file it stops, which costs recall, never precision.

export interface Taint {
  kind: SourceKind;
  label: string;
  source: SyntaxNode;
  /** An archive entry or upload object rather than its name. */
  object: boolean;
  heuristic: boolean;
  /** The value went through a normalizing call (so a prefix check on it would be sound). */
  normalized: boolean;
  /** The last path join on the way, for the fix (wrap `arg` in basename) and the fix data. */
  builder?: { call: SyntaxNode; arg: SyntaxNode; base?: SyntaxNode; callee: string };
  /** The last variable that carried the value. */
  variable?: string;
  /** Calls of local functions the value passed through, source side first (for the finding's steps). */
  steps?: SyntaxNode[];
  /** In a function summary: the parameter this placeholder stands for. */
  param?: number;
}

/** What the analysis of one file and the summaries of its functions share. */
interface Shared {
  functions?: LocalFunctions;
  /** Per function: parameter index (-1: untrusted input of its own) -> the taint of its return value. */
  summaries: Map<number, Map<number, Taint>>;
  nodes?: SyntaxNode[];
  /** Bindings and checks depend only on the file: one copy for the analysis and all its summaries. */
  scopes?: ScopeIndex;
  checks?: Map<number, boolean>;
}

export interface Flow {
  taint: Taint;
  sink: CallInfo;
  spec: SinkSpec;
  /** The tainted path argument (or receiver) of the sink. */
  arg: SyntaxNode;
}

const IDENTIFIERS = new Set(['identifier', 'variable_name', 'shorthand_property_identifier']);
const MEMBERS = new Set([
  'member_expression', 'attribute', 'selector_expression', 'subscript_expression', 'element_reference', 'subscript',
  'index_expression', 'member_access_expression', 'element_access_expression', 'field_access', 'array_access',
  'conditional_access_expression', 'member_binding_expression', 'nullsafe_member_access_expression', 'scoped_property_access_expression',
]);
const BINARY = new Set(['binary_expression', 'binary_operator', 'binary', 'boolean_operator']);
/** Operators whose result carries an operand's text: concatenation, formatting, defaults, pathlib `/`. */
const CARRYING_OPERATORS = new Set(['+', '%', '.', '/', '||', '??', '&&', 'or', 'and']);
/** Expressions whose value is not a string built from their parts. */
const OPAQUE = new Set([
  'comparison_operator', 'not_operator', 'unary_expression', 'unary_operator', 'typeof_expression', 'instanceof_expression',
  'arrow_function', 'function_expression', 'function', 'lambda', 'lambda_expression', 'func_literal', 'anonymous_function',
  'number', 'integer', 'float', 'true', 'false', 'null', 'none', 'nil', 'boolean', 'regex', 'object', 'dictionary', 'hash',
  'update_expression', 'is_pattern_expression', 'cast_expression', 'type_conversion_expression',
]);

function parameterNamesOf(fn: SyntaxNode): string[] {
  return parameterNames(fn).map((nodes) => {
    const node = nodes[0];
    return /identifier|variable_name/.test(node.type) ? node.text : node.childForFieldName('name')?.text ?? node.childForFieldName('pattern')?.text ?? node.text;
  });
}

const TERNARIES = new Set(['ternary_expression', 'conditional_expression', 'conditional']);

export class TaintAnalysis {
  private readonly scopes: ScopeIndex;
  private readonly memo = new Map<number, Taint | null>();
  private readonly busy = new Set<number>();
  /** Binding (by target offset) -> true if a check vouches for it only once normalized. */
  private checks?: Map<number, boolean>;
  private readonly shared: Shared;

  constructor(
    private readonly root: SyntaxNode,
    private readonly grammar: GrammarName,
    private readonly profile: PathProfile,
    private readonly extraSanitizers: ReadonlySet<string>,
    private readonly text: string,
    /**
     * When given, only these top-level statements are analysed, and only their own top-level
     * bindings are seen. The caller (see `regions.ts`) guarantees that this loses nothing: every
     * source lies in one of these statements, and every statement mentioning a top-level variable
     * they bind to a value that may carry input is one of them too. Flows then cannot start or
     * pass anywhere else, so the findings are the same as a whole-file run.
     */
    private readonly regions?: readonly SyntaxNode[],
    /** For a function summary: the function whose parameters are the (symbolic) sources. */
    private readonly symbolic?: SyntaxNode,
    shared?: Shared,
  ) {
    this.shared = shared ?? { summaries: new Map() };
    // In region mode the top-level bindings are the analysed statements' own (regions.ts links every
    // statement that mentions a variable they bind with a value that may carry input).
    // A function statement binds nothing at the top level (its bindings are its own): not searched.
    this.shared.scopes ??= new ScopeIndex(grammar, root, regions && (() => regions.flatMap((region) => (isFunction(region, grammar) ? [] : bindingsIn(root, grammar, region)))));
    this.scopes = this.shared.scopes;
  }

  /** Every sink call whose path argument carries untrusted input. */
  flows(): Flow[] {
    const flows: Flow[] = [];
    const calls = callTypes(this.grammar);
    for (const node of this.interestingNodes()) {
      if (!calls.has(node.type)) continue;
      const call = callInfo(node, this.grammar);
      const spec = call && this.profile.sink(call, this.text);
      if (!call || !spec) continue;
      if (spec.role === 'builder' && !this.builderEscapes(node)) continue;
      const candidates = spec.args === 'all' ? call.args : spec.args.map((i) => call.args[i]).filter((arg): arg is SyntaxNode => !!arg);
      if (spec.receiver && call.receiver) candidates.unshift(call.receiver);
      for (const keyword of spec.keywords ?? []) {
        const value = call.keywords.get(keyword);
        if (value) candidates.push(value);
      }
      for (const arg of candidates) {
        const taint = this.taintOf(arg);
        if (taint && !taint.object) {
          flows.push({ taint, sink: call, spec, arg });
          break;
        }
      }
    }
    flows.push(...handedOnPaths({
      grammar: this.grammar,
      profile: this.profile,
      text: this.text,
      nodes: this.interestingNodes(),
      taintOf: (node) => this.taintOf(node),
      isSanitizer: (call) => this.isSanitizer(call),
      isLocalCall: (call) => !!this.functions().target(call),
    }, flows));
    // In text order of the reported argument, whichever pass found them (the detector's statement-by-statement
    // mode sorts the same way, so both modes give the same list).
    return flows.sort((a, b) => a.arg.startIndex - b.arg.startIndex);
  }

  private nodes?: SyntaxNode[];

  /** Calls and check-shaped nodes, found once per analysis (one search inside WASM). */
  private interestingNodes(): SyntaxNode[] {
    if (!this.nodes) {
      const types = new Set([...callTypes(this.grammar), ...this.profile.checkTypes]);
      this.shared.nodes ??= this.regions ? this.regions.flatMap((region) => nodesOfType(region, types)) : nodesOfType(this.root, types);
      this.nodes = this.shared.nodes;
    }
    return this.nodes;
  }

  /** The file's functions and their callers (within the analysed statements, in region mode: see regions.ts). */
  private functions(): LocalFunctions {
    if (!this.shared.functions) {
      const functions = this.regions ? this.regions.flatMap((region) => functionsIn(region, this.grammar)) : functionsIn(this.root, this.grammar);
      const calls = callTypes(this.grammar);
      this.shared.functions = new LocalFunctions(this.root, this.grammar, functions, this.interestingNodes().filter((node) => calls.has(node.type)));
    }
    return this.shared.functions;
  }

  private isSanitizer(call: CallInfo): boolean {
    return this.profile.sanitizer(call) || this.extraSanitizers.has(call.name) || this.extraSanitizers.has(call.callee);
  }

  /**
   * A join is reported on its own only when its result leaves the function (`return
   * path.join(root, name)`); otherwise the sink that uses the result speaks for it, and a check
   * on the variable it was stored in can clear it.
   */
  private builderEscapes(node: SyntaxNode): boolean {
    let parent = node.parent;
    while (parent && (parent.type === 'parenthesized_expression' || parent.type === 'await_expression')) parent = parent.parent;
    if (!parent || (parent.type !== 'return_statement' && parent.type !== 'return')) return false;
    // A local helper's callers are in the file: the sink that uses what it returns speaks for it.
    const fn = enclosingFunction(node, this.grammar);
    return !fn || this.functions().callers(fn).length === 0;
  }

  taintOf(node: SyntaxNode): Taint | undefined {
    const cached = this.memo.get(node.id);
    if (cached !== undefined) return cached ?? undefined;
    if (this.busy.has(node.id) || this.busy.size > 300) return undefined;
    this.busy.add(node.id);
    let result: Taint | undefined;
    try {
      result = this.compute(node);
    } finally {
      this.busy.delete(node.id);
    }
    this.memo.set(node.id, result ?? null);
    return result;
  }

  private firstTainted(nodes: readonly (SyntaxNode | null | undefined)[]): Taint | undefined {
    for (const node of nodes) {
      const taint = node && this.taintOf(node);
      if (taint) return taint;
    }
    return undefined;
  }

  private compute(node: SyntaxNode): Taint | undefined {
    const source = this.profile.source(node, this.text);
    if (source) return { kind: source.kind, label: source.label, source: node, object: !!source.object, heuristic: !!source.heuristic, normalized: false };
    if (IDENTIFIERS.has(node.type)) return this.fromIdentifier(node);
    if (OPAQUE.has(node.type) || node.type === 'comment') return undefined;

    const call = callInfo(node, this.grammar);
    if (call) return this.fromCall(call);

    if (MEMBERS.has(node.type)) {
      if (this.profile.safeMember?.(node)) return undefined;
      const object = node.childForFieldName('object') ?? node.childForFieldName('operand') ?? node.childForFieldName('expression') ?? node.childForFieldName('value') ?? node.namedChildren[0];
      const taint = object ? this.taintOf(object) : undefined;
      return taint && { ...taint, object: false };
    }
    if (BINARY.has(node.type)) {
      const operator = node.childForFieldName('operator')?.text ?? node.children.find((child) => child && !child.isNamed)?.text ?? '';
      if (!CARRYING_OPERATORS.has(operator)) return undefined;
      const taint = this.firstTainted([node.childForFieldName('left'), node.childForFieldName('right')]);
      return taint && { ...taint, normalized: false };
    }
    if (node.type.includes('string') || node.type.includes('interpolation') || node.type === 'heredoc_body') {
      const taint = this.firstTainted(node.namedChildren);
      return taint && { ...taint, normalized: false };
    }
    if (TERNARIES.has(node.type)) return this.fromTernary(node);
    // Wrappers and containers: parentheses, await, casts, arrays, spreads, template parts.
    return this.firstTainted(node.namedChildren);
  }

  /**
   * `ALLOWED.includes(x) ? x : 'default'`, `in_array($_GET['p'], $pages) ? $_GET['p'] : 'home'`:
   * a branch that repeats the expression its condition checks against an allowlist is vouched for.
   */
  private fromTernary(node: SyntaxNode): Taint | undefined {
    const children = node.namedChildren.filter((child): child is SyntaxNode => !!child && child.type !== 'comment');
    // Python's `a if cond else b` has no field names: the condition sits in the middle.
    const condition = node.childForFieldName('condition') ?? (this.grammar === 'python' ? children[1] : undefined);
    const vouched = new Set<string>();
    const calls = callTypes(this.grammar);
    const checkTypes = new Set(this.profile.checkTypes);
    if (condition) {
      walk(condition, (inner) => {
        if (!calls.has(inner.type) && !checkTypes.has(inner.type)) return;
        const match = this.profile.check(inner);
        if (match && !match.needsNormalized) for (const checked of match.checked) vouched.add(checked.text);
      });
    }
    return this.firstTainted(children.filter((child) => child.id !== condition?.id && !vouched.has(child.text)));
  }

  private fromCall(call: CallInfo): Taint | undefined {
    if (this.isSanitizer(call)) return undefined;
    const spec = this.profile.sink(call, this.text);
    if (spec?.role === 'builder') {
      const positions = spec.args === 'all' ? call.args.map((_, i) => i) : spec.args;
      for (const i of positions) {
        const arg = call.args[i];
        const taint = arg && this.taintOf(arg);
        if (taint) {
          return { ...taint, normalized: !!spec.normalizes, builder: { call: call.node, arg, base: i > 0 ? call.args[0] : undefined, callee: call.callee } };
        }
      }
      const viaReceiver = spec.receiver && call.receiver ? this.taintOf(call.receiver) : undefined;
      return viaReceiver && { ...viaReceiver, normalized: !!spec.normalizes };
    }
    if (this.profile.normalizer(call)) {
      const taint = this.firstTainted([call.receiver, ...call.args]);
      return taint && { ...taint, normalized: true };
    }
    const carries = this.profile.propagator(call);
    // A method on an entry or upload object (`entry.getName()`) yields its name: a string.
    const carried = carries === 'receiver' ? (call.receiver ? this.taintOf(call.receiver) : undefined) : carries === 'all' ? this.firstTainted([call.receiver, ...call.args]) : undefined;
    if (carried) return { ...carried, object: false };
    return this.throughLocalFunction(call);
  }

  /** `target(name)` where `target` is a function of this file: the taint its summary lets through. */
  private throughLocalFunction(call: CallInfo): Taint | undefined {
    const functions = this.functions();
    const fn = functions.target(call);
    if (!fn || fn.id === this.symbolic?.id) return undefined;
    const names = parameterNamesOf(fn);
    for (const [index, returned] of this.summary(fn)) {
      if (index === -1) return { ...returned, steps: [...(returned.steps ?? []), call.node] };
      const arg = functions.argumentFor(call, fn, index, names[index] ?? '');
      const taint = arg && this.taintOf(arg);
      // The join (and its fix) belongs to the helper, not to this call: no builder facts across the boundary.
      if (taint) return { ...taint, normalized: returned.normalized, builder: undefined, object: false, steps: [...(taint.steps ?? []), call.node] };
    }
    return undefined;
  }

  /** Which parameters of `fn` reach its return value (and whether it returns untrusted input of its own). */
  private summary(fn: SyntaxNode): Map<number, Taint> {
    let summary = this.shared.summaries.get(fn.id);
    if (summary) return summary;
    summary = new Map();
    this.shared.summaries.set(fn.id, summary);
    const analysis = new TaintAnalysis(this.root, this.grammar, this.profile, this.extraSanitizers, this.text, this.regions, fn, this.shared);
    for (const value of this.functions().returnedValues(fn)) {
      const taint = analysis.taintOf(value);
      if (!taint) continue;
      const index = taint.param ?? -1;
      if (!summary.has(index)) summary.set(index, taint);
    }
    return summary;
  }

  private fromIdentifier(node: SyntaxNode): Taint | undefined {
    const binding = this.scopes.resolve(node);
    if (!binding) return undefined;
    const taint = this.fromBinding(binding);
    if (!taint) return undefined;
    const needsNormalized = this.checkedBindings().get(binding.target.startIndex);
    if (needsNormalized === false || (needsNormalized === true && taint.normalized)) return undefined;
    return { ...taint, variable: binding.name };
  }

  private fromBinding(binding: Binding): Taint | undefined {
    switch (binding.kind) {
      case 'param': {
        const source = this.profile.parameter?.(binding);
        if (source) return { kind: source.kind, label: source.label, source: binding.target, object: !!source.object, heuristic: !!source.heuristic, normalized: false };
        return this.fromParameter(binding);
      }
      case 'index':
        return undefined;
      case 'iterate': {
        if (!binding.value) return undefined;
        const source = this.profile.iteration?.(binding.value);
        if (source) return { kind: source.kind, label: source.label, source: binding.value, object: !!source.object, heuristic: false, normalized: false };
        return this.taintOf(binding.value);
      }
      default:
        return binding.value ? this.taintOf(binding.value) : undefined;
    }
  }

  /**
   * A parameter of a local function: in a summary, a placeholder for the summarized function's own
   * parameters; a callback's element (`files.forEach(f => ...)`); otherwise what the file's calls
   * of the function pass in that position.
   */
  private fromParameter(binding: Binding): Taint | undefined {
    const fn = binding.scope;
    const functions = this.functions();
    const index = functions.parameterIndex(fn, binding);
    if (index === undefined) return undefined;
    if (this.symbolic && fn.id === this.symbolic.id) return { kind: 'request', label: binding.name, source: binding.target, object: false, heuristic: false, normalized: false, param: index };
    const collection = functions.elementSource(fn, index);
    if (collection) {
      const taint = this.taintOf(collection);
      return taint && { ...taint, object: false };
    }
    if (this.symbolic) return undefined;
    for (const call of functions.callers(fn)) {
      const arg = functions.argumentFor(call, fn, index, binding.name);
      const taint = arg && this.taintOf(arg);
      if (taint) return { ...taint, steps: [...(taint.steps ?? []), call.node] };
    }
    return undefined;
  }

  /** Bindings that a containment or allowlist check vouches for, anywhere in the file. */
  private checkedBindings(): Map<number, boolean> {
    if (this.checks) return this.checks;
    if (this.shared.checks) return (this.checks = this.shared.checks);
    const checks = new Map<number, boolean>();
    this.checks = checks;
    this.shared.checks = checks;
    const calls = callTypes(this.grammar);
    for (const node of this.interestingNodes()) {
      const match = this.profile.check(node) ?? this.teamGuard(node, calls);
      if (!match) continue;
      for (const expression of match.checked) {
        const normalizedHere = match.needsNormalized && this.containsNormalizer(expression);
        walk(expression, (inner) => {
          if (!IDENTIFIERS.has(inner.type)) return;
          const binding = this.scopes.resolve(inner);
          if (!binding) return;
          const needs = match.needsNormalized && !normalizedHere;
          const key = binding.target.startIndex;
          checks.set(key, (checks.get(key) ?? true) && needs);
        });
      }
    }
    return checks;
  }

  /** `assertInside(ROOT, p)`: a function the team named in pathSanitizers vouches for its arguments. */
  private teamGuard(node: SyntaxNode, calls: ReadonlySet<string>): CheckMatch | undefined {
    if (this.extraSanitizers.size === 0 || !calls.has(node.type)) return undefined;
    const call = callInfo(node, this.grammar);
    return call && (this.extraSanitizers.has(call.name) || this.extraSanitizers.has(call.callee)) ? { checked: call.args, needsNormalized: false } : undefined;
  }

  private containsNormalizer(expression: SyntaxNode): boolean {
    let found = false;
    const calls = callTypes(this.grammar);
    walk(expression, (node) => {
      if (found) return false;
      const call = calls.has(node.type) ? callInfo(node, this.grammar) : undefined;
      if (call && (this.profile.normalizer(call) || this.profile.sink(call, this.text)?.normalizes)) found = true;
      return undefined;
    });
    return found;
  }
}
