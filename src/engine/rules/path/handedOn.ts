import { callInfo, callTypes, type CallInfo, type GrammarName, type SyntaxNode } from '../../syntax';
import type { PathProfile } from './profile';
import type { Flow, Taint } from './taint';

// A path joined from untrusted input and handed on, as it is, to a function no profile knows.

/** What the search needs from the taint analysis of one file. */
export interface HandedOnContext {
  grammar: GrammarName;
  profile: PathProfile;
  text: string;
  /** The calls (and check-shaped nodes) the analysis looks at, in text order. */
  nodes: readonly SyntaxNode[];
  taintOf(node: SyntaxNode): Taint | undefined;
  isSanitizer(call: CallInfo): boolean;
  /** A call of a function of this file: the analysis follows it instead. */
  isLocalCall(call: CallInfo): boolean;
}

const IDENTIFIERS = new Set(['identifier', 'variable_name', 'shorthand_property_identifier']);

/** Calls that print, log, send, store or compare a string: a path handed to them is not opened. */
const NOT_PATH_USES = /^(?:log|debug|info|warn|warning|error|trace|fatal|print|println|printf|puts|p|echo|dump|json|send|end|write|status|redirect|push|append|add|set|has|get|includes|startsWith|endsWith|startswith|endswith|equals|stringify|String|str|assert\w*|expect|format|emit|then|resolve|reject|next|callback|cb|done|sprintf|fmt|Sprintf|Errorf|Println|Printf|render_template|jsonify|escape\w*|relative|relpath|Rel|dirname|Dir|extname|Ext|splitext|isAbsolute|isabs|IsAbs|is_absolute|parse|split)$/;

/**
 * A path joined from untrusted input and handed, as it is, to a function this file does not
 * define and no profile knows (`archive.addFile(p)`, `render(join(VIEWS, name))`): whatever that
 * function does with a path, it gets one that can climb out of its folder. Reported at the
 * argument; calls that only print, send or compare the text are not path uses.
 */
export function handedOnPaths(ctx: HandedOnContext, reported: readonly Flow[]): Flow[] {
  const joins = new Set(reported.map((flow) => flow.taint.builder?.call.id ?? flow.sink.node.id));
  const calls = callTypes(ctx.grammar);
  // First the joins that carry input (few per file), and the variables that hold one: only calls
  // handed one of those are looked at, so a large file costs one pass, not a taint per argument.
  const tainted = new Map<number, SyntaxNode>();
  // By name, every join assigned to it: two handlers may each hold their own join in a `view`.
  const heldBy = new Map<string, Set<number>>();
  for (const node of ctx.nodes) {
    const call = calls.has(node.type) && !joins.has(node.id) ? callInfo(node, ctx.grammar) : undefined;
    if (!call || ctx.profile.sink(call, ctx.text)?.role !== 'builder') continue;
    const taint = ctx.taintOf(node);
    if (!taint || taint.object || taint.kind === 'argv' || taint.builder?.call.id !== node.id) continue;
    tainted.set(node.id, node);
    const holder = node.parent?.childForFieldName('name') ?? node.parent?.childForFieldName('left');
    if (holder && IDENTIFIERS.has(holder.type)) heldBy.set(holder.text, (heldBy.get(holder.text) ?? new Set()).add(node.id));
  }
  if (tainted.size === 0) return [];
  const flows: Flow[] = [];
  for (const node of ctx.nodes) {
    const call = calls.has(node.type) ? callInfo(node, ctx.grammar) : undefined;
    if (!call || !call.args.some((arg) => tainted.has(arg.id) || (IDENTIFIERS.has(arg.type) && heldBy.has(arg.text)))) continue;
    if (NOT_PATH_USES.test(call.name) || /(Error|Exception)$/.test(call.name) || ctx.profile.sink(call, ctx.text) || ctx.isSanitizer(call)) continue;
    if (ctx.profile.propagator(call) || ctx.profile.normalizer(call) || ctx.profile.check(node) || ctx.isLocalCall(call)) continue;
    for (const arg of call.args) {
      const candidates = tainted.has(arg.id) ? new Set([arg.id]) : IDENTIFIERS.has(arg.type) ? heldBy.get(arg.text) : undefined;
      const taint = candidates ? ctx.taintOf(arg) : undefined;
      const join = taint?.builder?.call.id;
      // The join itself, or a variable that still holds exactly what one of them returned.
      if (!taint || join === undefined || !candidates!.has(join) || joins.has(join)) continue;
      joins.add(join);
      flows.push({ taint, sink: call, spec: { role: 'builder', args: [call.args.indexOf(arg)] }, arg });
      break;
    }
  }
  return flows;
}
