// The parsing API shared by the syntax-aware detectors (path/*, tls/*).
export type { Tree, Node as SyntaxNode, Point } from '@vscode/tree-sitter-wasm';
export { parse, loadGrammar, canParse, releaseSyntaxState, liveTreeCount } from './parser';
export { grammarFor, grammarFile, hasAnyKeyword, namesPattern, GRAMMARS, type GrammarName, type Keyword } from './languages';
export { computeEdit, pointAt } from './edit';
export { walk, nodesOfType, nodesAroundWords, sameNode, contains, lineOf, namedChildren, dottedText, isFunction, enclosingFunction, functionsIn, parametersOf, bodyOf } from './nodes';
export { callInfo, callTypes, type CallInfo } from './calls';
export { bindingsIn, resolveIdentifier, ScopeIndex, type Binding, type BindingKind } from './scope';
export { wasmDirectory, BUNDLED_WASM_FOLDER } from './wasmFiles';
