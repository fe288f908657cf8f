import { lineOf, type GrammarName } from '../../syntax';
import type { Detection, Severity, SuggestedFix } from '../../types';
import type { PathProfile } from './profile';
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

export function flowToDetection(flow: Flow, grammar: GrammarName, profile: PathProfile, text: string): Detection {
  const { taint, sink, arg } = flow;
  const rule = taint.kind === 'archive' ? zipSlip : taint.kind === 'argv' ? cliArgument : traversal;
  const sourceLine = lineOf(taint.source);
  const sinkLine = lineOf(sink.node);
  const via = taint.variable && !taint.label.endsWith(taint.variable) ? ` (via \`${taint.variable}\`)` : '';
  const message = `${SOURCE_WORDS[taint.kind]} \`${clip(taint.label)}\` (line ${sourceLine}) reaches \`${sink.callee}\` (line ${sinkLine})${via} with no sanitizer on the way. ${ADVICE[taint.kind]}`;
  const severity: Severity | undefined = taint.heuristic && rule !== cliArgument ? 'info' : undefined;

  const builder = taint.builder ?? (flow.spec.role === 'builder' ? { call: sink.node, arg, base: sink.args[0] === arg ? undefined : sink.args[0], callee: sink.callee } : undefined);
  const fixes: SuggestedFix[] = [];
  if (builder?.base && taint.kind !== 'argv') {
    const wrapped = profile.basename?.(builder.arg.text, text);
    if (wrapped) {
      fixes.push({
        title: `Keep only the file name: ${clip(wrapped, 50)}`,
        edits: [{ start: builder.arg.startIndex, end: builder.arg.endIndex, newText: wrapped }],
      });
    }
  }
  return {
    ruleId: rule.id,
    start: arg.startIndex,
    end: arg.endIndex,
    message,
    severity,
    related: [{ start: taint.source.startIndex, end: taint.source.endIndex, message: `untrusted input: ${clip(taint.label)}` }],
    fixes: fixes.length > 0 ? fixes : undefined,
    data: {
      language: grammar,
      source: clip(taint.label, 120),
      sourceKind: taint.kind,
      sourceLine,
      sink: sink.callee,
      sinkLine,
      sinkRole: flow.spec.role,
      taintedVariable: taint.variable ?? '',
      taintedExpression: clip(arg.text, 120),
      ...(builder?.base ? { baseExpression: builder.base.text, joinCall: builder.callee, joinStart: builder.call.startIndex, joinEnd: builder.call.endIndex } : {}),
    },
  };
}
