import type { SyntaxNode } from '../../syntax';
import { changedStretch, lastAtOrBefore } from '../../text';
import { callNames, definedNames, mentions, wordsIn, type LastStatements, type Links, type StatementFacts, type StatementTexts, type TextFacts } from './regions';

// Most keystrokes land in a statement no path flow can touch: a comment, a constant, a function
// that reads no input. Such an edit changes neither the units of linked statements (regions.ts)
// nor any unit's findings, so the path detector can move the last scan's findings instead of
// reading the file's statements and working out the units again (a 9,000-line file: 2-3 ms a
// keystroke). This module decides whether an edit is such a one, reading the new tree at the
// edited statement and its two neighbours only. Anything it cannot prove quiet goes the long way.

/** What the last scan of a document without syntax errors knew about its units. */
export interface KeptLinks extends Links {
  /** Each unit's cache key (its statements' types and text ids), as the detector made them. */
  keys: string[];
  /** The statements in some unit. */
  members: ReadonlySet<number>;
}

/** An edit inside one top-level statement that stays out of every unit. */
export interface QuietEdit {
  /** The statements now: the last scan's, with the edited one's text and everything after it moved. */
  statements: LastStatements;
  /** The edited statement's index, its text before and after, and its facts now. */
  index: number;
  before: string;
  after: string;
  facts: StatementFacts;
  /** What was learnt of its text on the way (its words and calls), for StatementTexts.replace. */
  textFacts: Omit<TextFacts, 'id'>;
}

/**
 * The edit from `last.text` to `text` (parsed as `root`, free of syntax errors) when it is quiet:
 * it stays within one top-level statement in no unit, the tree still has the same statements
 * around it, and the statement still holds no possible source, defines the same functions, calls
 * the same of the file's functions, and mentions none of the variables that linked statements.
 * Undefined for any other edit.
 */
export function quietEdit(last: LastStatements, links: KeptLinks, texts: StatementTexts, known: ReadonlyMap<string, StatementFacts>, root: SyntaxNode, text: string, regionPattern: RegExp): QuietEdit | undefined {
  const { starts, ends, rows } = last;
  const count = starts.length;
  const { start, oldEnd, newEnd } = changedStretch(last.text, text);
  if (count === 0 || (start === oldEnd && start === newEnd)) return undefined;
  const index = lastAtOrBefore(starts, start);
  if (starts[index] > start || oldEnd > ends[index] || links.members.has(index)) return undefined;
  const delta = newEnd - oldEnd;
  // The new tree must have the same statements, the edited one stretched by the edit: checked at
  // it and at its neighbours (Tree-sitter reuses what lies further from an edit unchanged).
  if (root.namedChildCount !== count) return undefined;
  const node = root.namedChild(index);
  if (!node || node.startIndex !== starts[index] || node.endIndex !== ends[index] + delta) return undefined;
  const before = index > 0 ? root.namedChild(index - 1) : undefined;
  if (before !== undefined && (before?.startIndex !== starts[index - 1] || before.endIndex !== ends[index - 1])) return undefined;
  const after = index + 1 < count ? root.namedChild(index + 1) : undefined;
  if (after !== undefined && (after?.startIndex !== starts[index + 1] + delta || after.endIndex !== ends[index + 1] + delta)) return undefined;

  const oldText = last.texts[index];
  const newText = text.slice(starts[index], ends[index] + delta);
  const old = known.get(oldText);
  if (!old || node.type !== old.type) return undefined;
  regionPattern.lastIndex = 0;
  if (regionPattern.test(newText)) return undefined;
  const facts: StatementFacts = { type: node.type, defines: definedNames(node) };
  if (!sameNames(facts.defines, old.defines)) return undefined;
  const oldCalls = texts.peek(oldText)?.calls ?? callNames(oldText);
  const newCalls = callNames(newText);
  if (!sameNames(oldCalls.filter((name) => links.defined.has(name)), newCalls.filter((name) => links.defined.has(name)))) return undefined;
  const words = wordsIn(newText);
  if (links.mentioned.some((name) => mentions(newText, words, name))) return undefined;

  const rowShift = after ? after.startPosition.row - rows[index + 1] : 0;
  const statements: LastStatements = {
    text,
    starts: starts.map((value, i) => (i > index ? value + delta : value)),
    ends: ends.map((value, i) => (i >= index ? value + delta : value)),
    rows: rows.map((value, i) => (i > index ? value + rowShift : value)),
    texts: last.texts.map((statement, i) => (i === index ? newText : statement)),
  };
  return { statements, index, before: oldText, after: newText, facts, textFacts: { words, calls: newCalls, mayHoldSource: false } };
}

/** The same names, in any order, repeats aside. */
function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return b.every((name) => set.has(name)) && new Set(b).size === set.size;
}
