import { isDeclarationFile, type Detector } from './detector';
import { anyKeyword } from './prefilter';
import type { Detection } from '../types';
import { grammarFor, parse, type GrammarName, type SyntaxNode } from '../syntax';
import { pathRules } from '../rules/path/rules';
import { pathProfileFor } from '../rules/path/profiles';
import type { PathProfile } from '../rules/path/profile';
import { TaintAnalysis } from '../rules/path/taint';
import { factsToDetection, flowFacts, flowToDetection, shiftFacts, type FlowFacts } from '../rules/path/report';
import { bindsNoTopLevelValue, crossStatementLinks, scopedProfile, statementsMatching } from '../rules/path/regions';

// path/* (CWE-22): untrusted input reaching a file-system path, found on Tree-sitter trees.
//
// Large files are analysed statement by statement where the language allows it (regions.ts):
// only the top-level statements whose text can hold a source. What each statement produced is
// kept in the document's state, keyed by its text, so that after an edit only the statements
// whose text changed are analysed again; the others' findings are moved to their new position.

/** Tests and fixtures do not serve requests; a flow there is not a vulnerability. */
const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?|spec|fixtures?|testdata)\/|[._-](test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$|(^|\/)test_[^/]*\.py$|Tests?\.(java|cs)$|_spec\.rb$|Test\.php$/;

const STATE_KEY = 'path:statements';

/** What one top-level statement produced, positions relative to its start. */
interface StatementResult {
  /** It binds no top-level variable that could carry input (see regions.ts). */
  contained: boolean;
  flows: FlowFacts[];
}

interface StatementCache {
  /** Grammar, team sanitizers and the profile's file facts: a change in any drops every entry. */
  context: string;
  /** By node type and text of the statement. */
  results: Map<string, StatementResult>;
}

export const pathDetector: Detector = {
  name: 'path',
  rules: () => pathRules,
  literalKeywords(language) {
    const grammar = grammarFor(language);
    const profile = grammar && pathProfileFor(grammar);
    return profile ? [profile.sourceKeywords, profile.sinkKeywords] : [];
  },
  wants({ kind, language, text, file, keywords, config }) {
    const grammar = grammarFor(language);
    const profile = grammar && pathProfileFor(grammar);
    // Test code is left out unless the team asks for it (`pathInTests: "report"`).
    if (kind !== 'code' || !profile || (TEST_FILE.test(file.path) && config.pathInTests !== 'report') || isDeclarationFile(file.path)) return false;
    const holds = (list: typeof profile.sourceKeywords) => keywords?.().has(list) ?? anyKeyword(text, list);
    return holds(profile.sourceKeywords) && holds(profile.sinkKeywords);
  },
  async detect({ text, language, state, config }) {
    const grammar = grammarFor(language)!;
    const profile = pathProfileFor(grammar)!;
    const tree = await parse(text, language, state);
    if (!tree) return [];
    const sanitizers = new Set(config.pathSanitizers);
    if (scopedProfile(profile)) {
      const scoped = byStatement(tree.rootNode, text, grammar, profile, sanitizers, state);
      if (scoped) return scoped;
    }
    state.delete(STATE_KEY);
    const analysis = new TaintAnalysis(tree.rootNode, grammar, profile, sanitizers, text);
    return analysis.flows().map((flow) => flowToDetection(flow, grammar, profile, text));
  },
};

/**
 * The findings of the statements that can hold a source, reusing what an earlier scan of the same
 * document found for statements whose text is unchanged. Undefined when a statement with a source
 * binds a top-level variable: a flow may then cross statements, and the whole file is analysed.
 */
function byStatement(
  root: SyntaxNode,
  text: string,
  grammar: GrammarName,
  profile: PathProfile & { regionPattern: RegExp; fileFacts: (text: string) => string },
  sanitizers: ReadonlySet<string>,
  state: Map<string, unknown>,
): Detection[] | undefined {
  const context = `${grammar}\n${[...sanitizers].sort().join(',')}\n${profile.fileFacts(text)}`;
  const previous = state.get(STATE_KEY) as StatementCache | undefined;
  const known = previous?.context === context ? previous.results : new Map<string, StatementResult>();
  const next: StatementCache = { context, results: new Map() };

  const statements = statementsMatching(root, text, profile.regionPattern);
  // Statements linked by calls to local functions (regions.ts) are analysed together, every time:
  // their findings depend on each other, not on their own text alone.
  const { linked, extra } = crossStatementLinks(root, text, statements);
  if (!extra.every((statement) => bindsNoTopLevelValue(statement, grammar))) {
    state.delete(STATE_KEY);
    return undefined;
  }
  const keys = statements.map((statement) => `${statement.type}\n${text.slice(statement.startIndex, statement.endIndex)}`);
  const results: (StatementResult | undefined)[] = keys.map((key, i) => (linked.has(statements[i].startIndex) ? undefined : known.get(key)));
  const fresh: number[] = [];
  results.forEach((result, i) => {
    if (result) return;
    const statement = statements[i];
    results[i] = { contained: bindsNoTopLevelValue(statement, grammar), flows: [] };
    fresh.push(i);
  });
  if (results.some((result) => !result!.contained)) {
    state.delete(STATE_KEY);
    return undefined;
  }

  const linkedDetections: Detection[] = [];
  if (fresh.length > 0) {
    const regions = [...fresh.map((i) => statements[i]), ...extra].sort((a, b) => a.startIndex - b.startIndex);
    const slotOf = new Map(fresh.map((i) => [statements[i].startIndex, i]));
    const analysis = new TaintAnalysis(root, grammar, profile, sanitizers, text, regions);
    const starts = regions.map((region) => region.startIndex);
    for (const flow of analysis.flows()) {
      // The flow belongs to the statement holding its sink; a linked one is reported, not kept.
      const at = flow.sink.node.startIndex;
      let slot = 0;
      while (slot + 1 < starts.length && starts[slot + 1] <= at) slot += 1;
      const index = slotOf.get(starts[slot]);
      const statement = regions[slot];
      if (index === undefined || linked.has(statement.startIndex)) linkedDetections.push(flowToDetection(flow, grammar, profile, text));
      else results[index]!.flows.push(shiftFacts(flowFacts(flow, grammar, profile, text), -statement.startIndex, -statement.startPosition.row));
    }
  }

  const detections: Detection[] = [...linkedDetections];
  statements.forEach((statement, i) => {
    const result = results[i]!;
    // A statement with a syntax error may parse differently in another context: never reuse it.
    if (!statement.hasError && !linked.has(statement.startIndex)) next.results.set(keys[i], result);
    if (result.flows.length === 0) return;
    const row = statement.startPosition.row;
    for (const facts of result.flows) detections.push(factsToDetection(shiftFacts(facts, statement.startIndex, row)));
  });
  state.set(STATE_KEY, next);
  return detections.sort((a, b) => a.start - b.start);
}
