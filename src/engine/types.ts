// The engine's vocabulary. Everything here is plain data so that the server, the CLI and the
// tests can share it without pulling in vscode, LSP or fs.

export type Category = 'secret' | 'path' | 'tls' | 'policy';
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Zero-based line and UTF-16 column, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** What git says of a file. `unknown` when there is no git or the file is outside a repository. */
export type GitState = 'tracked' | 'staged' | 'untracked' | 'ignored' | 'unknown';

export interface FileInfo {
  /** Path relative to the workspace/scan root, with forward slashes. Used for globs and fingerprints. */
  path: string;
  /** The LSP language id when the editor knows it; otherwise it is inferred from the path. */
  languageId?: string;
  gitState?: GitState;
  /**
   * For a tracked or staged file: its text as committed (HEAD) and as staged (the index), to tell
   * a secret that is committed from one only typed into the working copy; `pending` while git is
   * being asked. Absent: the file-level fact stands (tracked or staged counts as committed).
   */
  committed?: CommittedVersions | 'pending';
}

/** A file's committed and staged texts (either may be missing: a new file, no commit yet). */
export interface CommittedVersions {
  texts: readonly string[];
}

/** What a quick fix needs to move a secret out of the source. Never printed. */
export interface SecretSpan {
  /** The raw secret. Only fixes and fingerprints read it; output always uses `masked`. */
  value: string;
  /** Offsets into the document text of the secret value itself. */
  start: number;
  end: number;
  /** Offsets of the whole string literal holding the value (quotes included), when it is one. */
  literalStart?: number;
  literalEnd?: number;
  /** Suggested environment variable name, e.g. STRIPE_SECRET_KEY or API_KEY. */
  envName: string;
}

/** A replacement in the scanned text, by offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * A fix the detector that found the problem knows how to make in the same file (drop
 * `rejectUnauthorized: false`, remove `-k` from a curl line). Cross-file fixes (.env, .gitignore)
 * are built by the fix engine, not by detectors.
 */
export interface SuggestedFix {
  title: string;
  edits: OffsetEdit[];
  /** The one a user most likely wants; becomes the preferred quick fix. */
  preferred?: boolean;
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  category: Category;
  title: string;
  cwe: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The offending text with any secret masked; safe to show anywhere. */
  excerpt: string;
  /** Stable id for baselines: rule id + hash of the value + file. Never the value itself. */
  fingerprint: string;
  secret?: SecretSpan;
  related?: RelatedLocation[];
  /** Extra facts a fix or a report can use (source/sink names, provider, ...). */
  data?: Record<string, string | number | boolean>;
  /** Set when an expired suppression used to hide this finding. */
  expiredSuppression?: string;
  /** Same-file fixes proposed by the detector. */
  fixes?: SuggestedFix[];
}

/** A raw match from a detector, before config, suppressions and git state are applied. */
export interface Detection {
  ruleId: string;
  start: number;
  end: number;
  message: string;
  secret?: Omit<SecretSpan, 'envName'> & { envName?: string };
  related?: { start: number; end: number; message: string }[];
  /** Overrides the rule's default severity, e.g. a hint for a value the detector cannot judge. */
  severity?: Severity;
  data?: Record<string, string | number | boolean>;
  fixes?: SuggestedFix[];
}

export interface RuleMeta {
  id: string;
  category: Category;
  title: string;
  cwe: string;
  severity: Severity;
  /** One sentence: why this matters and what to do. Appended to messages and shown in reports. */
  help: string;
}
