// The engine's public face: pure functions from text to findings and edits.
export * from './types';
export { scan, isExcluded, type ScanOptions } from './scan';
export * from './config';
export { allRules, findRule, detectors } from './detectors';
export { builtInSecretRules, secretRulesFor } from './detectors/secrets';
export { maskSecret, maskIn, maskSecretsIn, masker, type KnownSecret } from './mask';
export * from './baseline';
export { ruleDocUrl, ruleDocPath } from './rules/docs';
export { LineIndex } from './text';
export { findSuppressions, judge, IGNORE_MARKER } from './suppressions';
export { kindOf, languageOf, looksBinary, isDotEnv, isEnvTemplate } from './fileKind';
/** Frees what the engine kept for a document between scans (parse trees in WASM memory). */
export { releaseSyntaxState as releaseDocumentState } from './syntax';
