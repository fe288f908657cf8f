import { parse, type SyntaxNode } from '../syntax';
import type { Finding, SuggestedFix } from '../types';
import { eolOf, indentationAt, lineBounds } from './text';
import { applyOffsetEdits } from './text';
import { checkTemplate, STATEMENT_PARENTS } from './pathFixTemplates';

// The containment check for a path finding: the joined path is resolved once into a new
// variable, a check refuses it when it lands outside the base folder, and the join is replaced by
// the variable (the lines, per language: pathFixTemplates.ts). Uses the facts the path detector
// puts in `data` (joinStart/joinEnd of the join call or PHP concatenation, baseExpression,
// joinCall). The result is parsed again; a fix that would not parse is not offered.

function freeName(text: string, base: string): string {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}${n}`;
    if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
  }
}

function statementAround(root: SyntaxNode, start: number, end: number, parents: string[]): SyntaxNode | undefined {
  let node: SyntaxNode | null = root.descendantForIndex(start, end);
  while (node && node.parent && !parents.includes(node.parent.type)) node = node.parent;
  return node && node.parent ? node : undefined;
}

export async function containmentFix(text: string, finding: Pick<Finding, 'data'>): Promise<SuggestedFix | undefined> {
  const data = finding.data ?? {};
  const grammar = String(data.language ?? '');
  const joinStart = Number(data.joinStart);
  const joinEnd = Number(data.joinEnd);
  const base = typeof data.baseExpression === 'string' ? data.baseExpression : undefined;
  const joinCall = typeof data.joinCall === 'string' ? data.joinCall : '';
  const parents = STATEMENT_PARENTS[grammar];
  if (!parents || !base || !Number.isInteger(joinStart) || !Number.isInteger(joinEnd) || joinEnd <= joinStart) return undefined;
  const language = grammar === 'tsx' ? 'typescriptreact' : grammar === 'c-sharp' ? 'csharp' : grammar;
  const tree = await parse(text, language);
  if (!tree) return undefined;
  const statement = statementAround(tree.rootNode, joinStart, joinEnd, parents);
  if (!statement) return undefined;
  const joined = text.slice(joinStart, joinEnd);
  const lineStart = lineBounds(text, statement.startIndex).start;
  if (text.slice(lineStart, statement.startIndex).trim() !== '') return undefined;
  const indent = indentationAt(text, lineStart);
  const eol = eolOf(text);
  const template = checkTemplate({ grammar, base, joined, joinCall, statement, freeName: (name) => freeName(text, name) });
  if (!template) return undefined;
  const { lines, variable } = template;
  const insertion = lines.map((line, i) => (i === 0 ? line : indent + line)).join(eol) + eol + indent;
  const edits = [
    { start: statement.startIndex, end: statement.startIndex, newText: insertion },
    { start: joinStart, end: joinEnd, newText: variable },
  ];
  const result = applyOffsetEdits(text, edits);
  const check = await parse(result, language);
  if (!check || check.rootNode.hasError) return undefined;
  return { title: 'Resolve the path and refuse it outside the base folder', edits, preferred: false };
}
