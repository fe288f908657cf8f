// What the server and the client (and tests) agree on beyond plain LSP, in one place.

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'Secure Hygiene';

/** The settings section the server pulls with `workspace/configuration`. */
export const SETTINGS_SECTION = 'secureHygiene';

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /** `vscode.workspace.isTrusted`. When false, nothing the workspace wrote runs as a pattern. Default true. */
  trusted?: boolean;
}

/**
 * `Diagnostic.data` of every Secure Hygiene diagnostic: what a code action needs to find its
 * finding again. Never the secret itself: code actions re-derive it from the document
 * (ServerContext.findingsFor, matched by fingerprint).
 */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  category: string;
  /** Suggested environment variable name, for secrets. */
  envName?: string;
  /** Range of the secret value itself (the diagnostic may cover more), for secrets. */
  secretRange?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** True when git tracks or has staged the file. */
  committed?: boolean;
  /** How many same-file fixes the detector proposed. */
  fixes?: number;
}
