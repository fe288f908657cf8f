import fc from 'fast-check';
import { defaultConfig, scan, type Config, type FileInfo } from '../../../src/engine';
import { pathProfileFor } from '../../../src/engine/rules/path/profiles';
import { TaintAnalysis } from '../../../src/engine/rules/path/taint';
import { flowToDetection } from '../../../src/engine/rules/path/report';
import { parse, releaseSyntaxState, type GrammarName } from '../../../src/engine/syntax';

// What the incremental-scan property tests share: random edits (a place, a few characters
// removed, a snippet inserted), and the two references an incrementally kept result is compared
// with: a scan from scratch and a whole-file path analysis.

export interface RandomEdit {
  /** Where, as a fraction of the text's length. */
  at: number;
  remove: number;
  insert: string;
}

/** Edits that insert one of `snippets`. */
export function randomEdit(snippets: readonly string[]): fc.Arbitrary<RandomEdit> {
  return fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...snippets) });
}

export function applyRandomEdit(text: string, { at, remove, insert }: RandomEdit): string {
  const start = Math.min(text.length, Math.floor(at * text.length));
  return text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
}

/** Runs `run` with a fresh per-document state, released after. */
export async function withState<T>(run: (state: Map<string, unknown>) => Promise<T>): Promise<T> {
  const state = new Map<string, unknown>();
  try {
    return await run(state);
  } finally {
    releaseSyntaxState(state);
  }
}

/** A scan with nothing kept from an earlier one. */
export function scanFromScratch(text: string, file: FileInfo, config: Config = defaultConfig()) {
  return withState((state) => scan(text, file, config, { state }));
}

/** The path findings of a whole-file analysis, with no statement scoping and nothing reused. */
export function wholeFilePath(text: string, grammar: GrammarName) {
  return withState(async (state) => {
    const tree = (await parse(text, grammar, state))!;
    const profile = pathProfileFor(grammar)!;
    return new TaintAnalysis(tree.rootNode, grammar, profile, new Set(), text).flows().map((flow) => flowToDetection(flow, grammar, profile, text));
  });
}
