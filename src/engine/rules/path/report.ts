import { lineOf, type GrammarName, type SyntaxNode } from '../../syntax';
import type { Detection, Severity, SuggestedFix } from '../../types';
import type { PathProfile, SourceKind } from './profile';
import type { Flow } from './taint';
import { cliArgument, traversal, zipSlip } from './rules';

// A flow becomes a finding: which rule, how severe, what the message says, the fix and the facts
// the containment-check quick fix needs.

const SOURCE_WORDS = {
  request: 'Request input',
  upload: 'The uploaded file name',
  argv: 'The command-line argument',
  archive: 'The archive entry name',
} as const;

const ADVICE = {
  request: 'A "../" in it reads or writes files outside the intended folder. Keep only the file name (basename) or resolve the path and check it stays inside the base folder.',
  upload: 'A client chooses that name; "../" in it writes outside the upload folder. Keep only the file name (basename) or generate the name yourself.',
  argv: 'Fine for a tool that opens the paths its user names; if this runs with more privilege than its caller, resolve the path and check it stays inside the allowed folder.',
  archive: 'A crafted archive can hold "../../etc/cron.d/x" (zip slip). Resolve each entry against the destination and skip entries that land outside it.',
} as const;

function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A flow as plain data: no syntax nodes, so it outlives its parse tree and can be moved when text
 * above it changes (the path detector reuses the facts of statements an edit did not touch).
 */
export interface FlowFacts {
  ruleId: string;
  language: GrammarName;
  kind: SourceKind;
  label: string;
  heuristic: boolean;
  variable?: string;
  sourceStart: number;
  sourceEnd: number;
  /** One-based lines, as the message shows them. */
  sourceLine: number;
  sinkLine: number;
  sinkCallee: string;
  sinkRole: Flow['spec']['role'];
  argStart: number;
  argEnd: number;
  argText: string;
  fix?: { title: string; start: number; end: number; newText: string };
  /** Calls of local functions the value went through on its way, source side first. */
  steps?: { start: number; end: number; line: number; text: string }[];
  join?: { baseExpression: string; joinCall: string; joinStart: number; joinEnd: number };
}

export function flowFacts(flow: Flow, grammar: GrammarName, profile: PathProfile, text: string): FlowFacts {
  const { taint, sink, arg } = flow;
  const rule = taint.kind === 'archive' ? zipSlip : taint.kind === 'argv' ? cliArgument : traversal;
  const builder = taint.builder ?? (flow.spec.role === 'builder' ? { call: sink.node, arg, base: sink.args[0] === arg ? undefined : sink.args[0], callee: sink.callee } : undefined);
  let fix: FlowFacts['fix'] = flow.spec.fix;
  if (!fix && builder?.base && taint.kind !== 'argv') {
    const wrapped = profile.basename?.(builder.arg.text, text);
    if (wrapped) fix = { title: `Keep only the file name: ${clip(wrapped, 50)}`, start: builder.arg.startIndex, end: builder.arg.endIndex, newText: wrapped };
  }
  return {
    ruleId: rule.id,
    language: grammar,
    kind: taint.kind,
    label: taint.label,
    heuristic: taint.heuristic,
    variable: taint.variable,
    sourceStart: taint.source.startIndex,
    sourceEnd: taint.source.endIndex,
    sourceLine: lineOf(taint.source),
    sinkLine: lineOf(sink.node),
    sinkCallee: sink.callee,
    sinkRole: flow.spec.role,
    argStart: arg.startIndex,
    argEnd: arg.endIndex,
    argText: arg.text,
    fix,
    steps: taint.steps?.map((step) => ({ start: step.startIndex, end: step.endIndex, line: lineOf(step), text: clip(step.text, 50) })),
    join: builder?.base ? { baseExpression: builder.base.text, joinCall: builder.callee, joinStart: builder.call.startIndex, joinEnd: builder.call.endIndex } : grammar === 'php' && !builder ? concatenation(arg, text) : undefined,
  };
}

/**
 * PHP builds paths with `.`: `'/srv/files/' . $name . '.txt'`. The base is what comes before the
 * first operand that is not a literal or a constant (`__DIR__ . '/cache/'`), the join the whole
 * concatenation: the facts the containment fix needs, as for a join call.
 */
function concatenation(arg: SyntaxNode, text: string): FlowFacts['join'] {
  const operands: SyntaxNode[] = [];
  const flatten = (node: SyntaxNode) => {
    const operator = node.childForFieldName('operator')?.text;
    if (node.type === 'binary_expression' && operator === '.') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left) flatten(left);
      if (right) operands.push(right);
    } else operands.push(node);
  };
  if (arg.type !== 'binary_expression') return undefined;
  flatten(arg);
  const first = operands.findIndex((operand) => !/^(string|encapsed_string|name|qualified_name|class_constant_access_expression)$/.test(operand.type) || operand.type === 'encapsed_string' && operand.namedChildren.some((part) => part?.type !== 'string_content' && part?.type !== 'string_value'));
  if (first <= 0) return undefined;
  return { baseExpression: text.slice(arg.startIndex, operands[first - 1].endIndex), joinCall: '.', joinStart: arg.startIndex, joinEnd: arg.endIndex };
}

/**
 * The same facts with each position moved as `move` says for the text offset it lies at: a unit of
 * several statements (regions.ts) moves statement by statement when the text between them changes.
 */
export function relocateFacts(facts: FlowFacts, move: (offset: number) => { offset: number; rows: number }): FlowFacts {
  const source = move(facts.sourceStart);
  const arg = move(facts.argStart);
  const fix = facts.fix && move(facts.fix.start);
  const join = facts.join && move(facts.join.joinStart);
  const stepMoves = facts.steps?.map((step) => move(step.start));
  const moved: FlowFacts = {
    ...facts,
    sourceStart: facts.sourceStart + source.offset,
    sourceEnd: facts.sourceEnd + source.offset,
    sourceLine: facts.sourceLine + source.rows,
    // The sink call holds its argument: the same statement, the same move.
    sinkLine: facts.sinkLine + arg.rows,
    argStart: facts.argStart + arg.offset,
    argEnd: facts.argEnd + arg.offset,
    fix: facts.fix && { ...facts.fix, start: facts.fix.start + fix!.offset, end: facts.fix.end + fix!.offset },
    steps: facts.steps?.map((step, i) => ({ ...step, start: step.start + stepMoves![i].offset, end: step.end + stepMoves![i].offset, line: step.line + stepMoves![i].rows })),
    join: facts.join && { ...facts.join, joinStart: facts.join.joinStart + join!.offset, joinEnd: facts.join.joinEnd + join!.offset },
  };
  // The same lines (an edit within a line): the same words, which need not be written again.
  const sameLines = source.rows === 0 && arg.rows === 0 && (stepMoves ?? []).every((step) => step.rows === 0);
  const known = wordingOf(facts);
  wordings.set(moved, sameLines ? known : { message: messageOf(moved), related: known.related });
  return moved;
}

/** What a flow's detection says: its message (with line numbers) and its related messages (without). */
interface Wording {
  message: string;
  related: string[];
}

/**
 * The wording of the flows kept for unchanged statements, and of those moved from them, so that
 * a rescan after a keystroke builds no new strings for them (and the masking that follows finds
 * the very same strings again).
 */
const wordings = new WeakMap<FlowFacts, Wording>();

function wordingOf(facts: FlowFacts): Wording {
  let wording = wordings.get(facts);
  if (!wording) {
    wording = { message: messageOf(facts), related: [`untrusted input: ${clip(facts.label)}`, ...(facts.steps ?? []).map((step) => `passed on through ${step.text}`)] };
    wordings.set(facts, wording);
  }
  return wording;
}

function messageOf(facts: FlowFacts): string {
  const { kind, label, variable, sourceLine, sinkLine } = facts;
  const via = variable && !label.endsWith(variable) ? ` (via \`${variable}\`)` : '';
  const steps = facts.steps ?? [];
  const through = steps.length > 0 ? ` through ${steps.map((step) => `\`${clip(step.text, 40)}\` (line ${step.line})`).join(', ')}` : '';
  return `${SOURCE_WORDS[kind]} \`${clip(label)}\` (line ${sourceLine}) reaches \`${facts.sinkCallee}\` (line ${sinkLine})${via}${through} with no sanitizer on the way. ${ADVICE[kind]}`;
}

/** The detection of each kept flow: an unmoved unit's flows give the same objects scan after scan (never changed once made). */
const detections = new WeakMap<FlowFacts, Detection>();

export function factsToDetection(facts: FlowFacts): Detection {
  let detection = detections.get(facts);
  if (!detection) {
    detection = newDetection(facts);
    detections.set(facts, detection);
  }
  return detection;
}

function newDetection(facts: FlowFacts): Detection {
  const { kind, label, variable, sourceLine, sinkLine } = facts;
  const steps = facts.steps ?? [];
  const { message, related } = wordingOf(facts);
  const severity: Severity | undefined = facts.heuristic && facts.ruleId !== cliArgument.id ? 'info' : undefined;
  const fixes: SuggestedFix[] | undefined = facts.fix ? [{ title: facts.fix.title, edits: [{ start: facts.fix.start, end: facts.fix.end, newText: facts.fix.newText }] }] : undefined;
  return {
    ruleId: facts.ruleId,
    start: facts.argStart,
    end: facts.argEnd,
    message,
    severity,
    // The source first, then each local call on the way: the steps a reviewer follows to the sink.
    related: [
      { start: facts.sourceStart, end: facts.sourceEnd, message: related[0] },
      ...steps.map((step, i) => ({ start: step.start, end: step.end, message: related[i + 1] })),
    ],
    fixes,
    data: {
      language: facts.language,
      source: clip(label, 120),
      sourceKind: kind,
      sourceLine,
      sink: facts.sinkCallee,
      sinkLine,
      sinkRole: facts.sinkRole,
      taintedVariable: variable ?? '',
      taintedExpression: clip(facts.argText, 120),
      ...(facts.join ?? {}),
    },
  };
}

export function flowToDetection(flow: Flow, grammar: GrammarName, profile: PathProfile, text: string): Detection {
  return factsToDetection(flowFacts(flow, grammar, profile, text));
}
