import { isDeclarationFile, type Detector } from './detector';
import { anyKeyword } from './prefilter';
import type { Detection } from '../types';
import { grammarFor, parse, type GrammarName, type SyntaxNode } from '../syntax';
import { pathRules } from '../rules/path/rules';
import { pathProfileFor } from '../rules/path/profiles';
import type { PathProfile } from '../rules/path/profile';
import { TaintAnalysis } from '../rules/path/taint';
import { factsToDetection, flowFacts, flowToDetection, relocateFacts, type FlowFacts } from '../rules/path/report';
import { StatementTexts, entangledUnits, type LastStatements, linkedUnits, scopedProfile, statementsMatching, topLevelOf, type StatementFacts, type TopLevel } from '../rules/path/regions';
import { quietEdit, type KeptLinks, type QuietEdit } from '../rules/path/quietEdit';
import { lastAtOrBefore } from '../text';

// path/* (CWE-22): untrusted input reaching a file-system path, found on Tree-sitter trees.
//
// Large files are analysed statement by statement where the language allows it (regions.ts):
// only the top-level statements whose text can hold a source, with the statements they are linked
// to by calls of local functions or by top-level variables that may carry input (a unit). What
// each unit produced is kept in the document's state, keyed by its statements' text, so that
// after an edit only the unit holding the changed statement is analysed again; the others'
// findings are moved to their new position. An edit that provably leaves every unit as it was
// (quietEdit.ts: most keystrokes) does not even read the statements again.

/** Tests and fixtures do not serve requests; a flow there is not a vulnerability. */
const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?|spec|fixtures?|testdata)\/|[._-](test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$|(^|\/)test_[^/]*\.py$|Tests?\.(java|cs)$|_spec\.rb$|Test\.php$/;

const STATE_KEY = 'path:statements';

/**
 * What one unit of linked statements (regions.ts) produced, with positions as they were when it
 * was analysed, and where its statements started then, to move the flows to where they are now.
 */
interface UnitResult {
  starts: number[];
  rows: number[];
  flows: FlowFacts[];
}

interface UnitCache {
  /** Grammar, team sanitizers and the profile's file facts: a change in any drops every entry. */
  context: string;
  /** By node type and text of the unit's statements. */
  results: Map<string, UnitResult>;
  /** Each top-level statement's type and the functions it defines, by its text. */
  statements: Map<string, StatementFacts>;
  /** What depends on a statement's text alone (its id in unit keys, its words), kept whatever the errors. */
  texts: StatementTexts;
  /** This scan's text and statements, where the next scan finds the texts of those an edit left alone. */
  last?: LastStatements;
  /** This scan's units and what linked them, when its tree had no syntax error (for quietEdit). */
  links?: KeptLinks;
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
    if (scopedProfile(profile)) return byStatement(tree.rootNode, text, grammar, profile, sanitizers, state);
    state.delete(STATE_KEY);
    const analysis = new TaintAnalysis(tree.rootNode, grammar, profile, sanitizers, text);
    return analysis.flows().map((flow) => flowToDetection(flow, grammar, profile, text));
  },
};

/** A unit's cache key: each statement's type and the id of its text (StatementTexts). */
function unitKey(unit: readonly number[], top: TopLevel): string {
  return unit.map((i) => `${top.facts[i].type}:${top.byText[i].id}`).join(',');
}

/**
 * The units with every unit resolving calls by name in another (regions.ts: entangledUnits) made
 * one: their findings depend on each other's text, and the set is closed (a unit sharing a name
 * with an entangled one is entangled too), so together they are kept and reused like any unit.
 */
function mergeEntangled(indices: number[][], top: TopLevel, grammar: GrammarName): number[][] {
  const entangled = entangledUnits(top, indices, grammar);
  if (entangled.size < 2) return indices;
  const merged = [...entangled].flatMap((i) => indices[i]).sort((a, b) => a - b);
  return [...indices.filter((_, i) => !entangled.has(i)), merged];
}

/**
 * The findings of the statements that can hold a source, reusing what an earlier scan of the same
 * document found for units of linked statements (regions.ts) whose statements are all unchanged:
 * an edit re-analyses only the unit holding the edited statement.
 */
function byStatement(
  root: SyntaxNode,
  text: string,
  grammar: GrammarName,
  profile: PathProfile & { regionPattern: RegExp; fileFacts: (text: string) => string },
  sanitizers: ReadonlySet<string>,
  state: Map<string, unknown>,
): Detection[] {
  const context = `${grammar}\n${[...sanitizers].sort().join(',')}\n${profile.fileFacts(text)}`;
  const previous = state.get(STATE_KEY) as UnitCache | undefined;
  const reusable = previous?.context === context;
  // With a syntax error somewhere, statements are read afresh and checked one by one.
  const hasError = root.hasError;
  if (reusable && !hasError && previous.links && previous.last) {
    const kept = previous.links.keys.map((key) => previous.results.get(key));
    const quiet = kept.every((result) => result !== undefined) ? quietEdit(previous.last, previous.links, previous.texts, previous.statements, root, text, profile.regionPattern) : undefined;
    if (quiet) return afterQuietEdit(previous, previous.links, kept as UnitResult[], quiet, state);
  }
  const known = reusable ? previous.results : new Map<string, UnitResult>();
  const next: UnitCache = { context, results: new Map(), statements: new Map(), texts: new StatementTexts(reusable ? previous.texts : undefined) };

  const top = topLevelOf(root, text, next.texts, reusable && !hasError ? previous.statements : undefined, hasError ? undefined : next.statements, previous?.last);
  next.last = { text, starts: top.starts, ends: top.ends, rows: top.rows, texts: top.texts };
  const links = linkedUnits(top, statementsMatching(top, profile.regionPattern), text, grammar);
  const indices = mergeEntangled(links.units, top, grammar);
  const units = indices.map((unit) => unit.map((i) => top.nodes[i]));
  const keys = indices.map((unit) => unitKey(unit, top));
  const results = keys.map((key) => known.get(key));
  const fresh: number[] = [];
  for (let i = 0; i < units.length; i += 1) {
    if (results[i]) continue;
    results[i] = { starts: indices[i].map((j) => top.starts[j]), rows: indices[i].map((j) => top.rows[j]), flows: [] };
    fresh.push(i);
  }
  /** Units whose flows reach into another unit: they depend on more than their own text, never kept. */
  const crossing = new Set<number>();
  if (fresh.length > 0) {
    // The new units are analysed together, in one pass, as the whole set is on a first scan.
    const members = fresh.flatMap((i) => indices[i]).sort((a, b) => a - b);
    const regions = members.map((j) => top.nodes[j]);
    const unitOf = new Map(fresh.flatMap((i) => indices[i].map((j) => [top.starts[j], i] as const)));
    const starts = members.map((j) => top.starts[j]);
    const ends = members.map((j) => top.ends[j]);
    const unitAt = (at: number): number | undefined => {
      const slot = lastAtOrBefore(starts, at);
      return starts[slot] <= at && at < ends[slot] ? unitOf.get(starts[slot]) : undefined;
    };
    const analysis = new TaintAnalysis(root, grammar, profile, sanitizers, text, regions);
    for (const flow of analysis.flows()) {
      // The flow belongs to the unit holding its sink.
      const facts = flowFacts(flow, grammar, profile, text);
      const unit = unitAt(flow.sink.node.startIndex)!;
      results[unit]!.flows.push(facts);
      for (const at of [facts.sourceStart, ...(facts.steps ?? []).map((step) => step.start)]) {
        const other = unitAt(at);
        if (other === unit) continue;
        crossing.add(unit);
        if (other !== undefined) crossing.add(other);
      }
    }
  }

  units.forEach((unit, i) => {
    // A statement with a syntax error may parse differently in another context: never reuse it.
    if (!crossing.has(i) && !(hasError && unit.some((statement) => statement.hasError))) next.results.set(keys[i], results[i]!);
  });
  if (!hasError) next.links = { ...links, units: indices, keys, members: new Set(indices.flat()) };
  state.set(STATE_KEY, next);
  return report(indices, results as UnitResult[], top.starts, top.rows);
}

/** The state and findings after a quiet edit: the last scan's, with the edited statement's text replaced and positions moved. */
function afterQuietEdit(previous: UnitCache, links: KeptLinks, results: readonly UnitResult[], edit: QuietEdit, state: Map<string, unknown>): Detection[] {
  const { statements, before, after, facts, textFacts } = edit;
  // Another statement with the edited one's old text keeps that text's entries.
  const beforeStays = statements.texts.includes(before);
  previous.texts.replace(before, after, beforeStays, textFacts);
  if (!beforeStays) previous.statements.delete(before);
  previous.statements.set(after, facts);
  state.set(STATE_KEY, { ...previous, last: statements });
  return report(links.units, results, statements.starts, statements.rows);
}

/** Each unit's findings, moved to where its statements start now (`starts`, `rows`: every top-level statement's). */
function report(units: readonly (readonly number[])[], results: readonly UnitResult[], starts: readonly number[], rows: readonly number[]): Detection[] {
  const detections: Detection[] = [];
  units.forEach((unit, i) => {
    const result = results[i];
    if (result.flows.length === 0) return;
    const moved = unit.some((statement, j) => starts[statement] !== result.starts[j] || rows[statement] !== result.rows[j]);
    const move = (offset: number) => {
      const j = lastAtOrBefore(result.starts, offset);
      return { offset: starts[unit[j]] - result.starts[j], rows: rows[unit[j]] - result.rows[j] };
    };
    for (const facts of result.flows) detections.push(factsToDetection(moved ? relocateFacts(facts, move) : facts));
  });
  return detections.sort((a, b) => a.start - b.start);
}
