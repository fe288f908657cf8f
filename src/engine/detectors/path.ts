import type { Detector } from './detector';
import { grammarFor, hasAnyKeyword, parse } from '../syntax';
import { pathRules } from '../rules/path/rules';
import { pathProfileFor } from '../rules/path/profiles';
import { TaintAnalysis } from '../rules/path/taint';
import { flowToDetection } from '../rules/path/report';

// path/* (CWE-22): untrusted input reaching a file-system path, found on Tree-sitter trees.

/** Tests and fixtures do not serve requests; a flow there is not a vulnerability. */
const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?|spec|fixtures?|testdata)\/|[._-](test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$|(^|\/)test_[^/]*\.py$|Tests?\.(java|cs)$|_spec\.rb$|Test\.php$/;

export const pathDetector: Detector = {
  name: 'path',
  rules: () => pathRules,
  wants({ kind, language, text, file }) {
    const grammar = grammarFor(language);
    const profile = grammar && pathProfileFor(grammar);
    if (kind !== 'code' || !profile || TEST_FILE.test(file.path)) return false;
    return hasAnyKeyword(text, profile.sourceKeywords) && hasAnyKeyword(text, profile.sinkKeywords);
  },
  async detect({ text, language, state, config }) {
    const grammar = grammarFor(language)!;
    const profile = pathProfileFor(grammar)!;
    const tree = await parse(text, language, state);
    if (!tree) return [];
    const analysis = new TaintAnalysis(tree.rootNode, grammar, profile, new Set(config.pathSanitizers), text);
    return analysis.flows().map((flow) => flowToDetection(flow, grammar, profile, text));
  },
};
