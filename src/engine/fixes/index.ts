// Quick fixes as pure functions: text in, offset edits out. The server reads the files, asks git,
// and turns these plans into one WorkspaceEdit per fix.
export { applyOffsetEdits, appendLines, eolOf } from './text';
export { planEnvAppend, planExampleAppend, envKeys, quotings, type EnvAppend } from './dotenvFile';
export { planGitignore, gitignoreIgnores } from './gitignore';
export { rewriteSecret, noLookupReason, lookupExpression, lookupImport, REWRITE_LANGUAGES, type SourceRewrite } from './envLookup';
export { pythonImportOs, goImportOs } from './imports';
export { decodeLiteral, enclosingString } from './literals';
export {
  planMoveSecrets, loadsDotenv, sanitizeEnvName, rotateNote, NOT_LOADED_NOTE,
  type MoveInputs, type MovePlan, type MoveResult, type FileChange, type FileRole, type SecretToMove,
} from './moveSecret';
export { commentSyntax, lineSuppression, fileSuppression, suppressionBody, cleanReason, isValidDate, inYamlBlockScalar, type SuppressionText, type SuppressionEdit } from './suppress';
export { addToBaseline, allowPathInConfig, type JsonFileEdit } from './baselineFix';
export { containmentFix } from './pathFix';
