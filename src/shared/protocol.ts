// What the server and the client (and tests) agree on beyond plain LSP, in one place.
import { NotificationType, RequestType0 } from 'vscode-languageserver-protocol';

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'Secure Hygiene';

/** The settings section the server pulls with `workspace/configuration`. */
export const SETTINGS_SECTION = 'secureHygiene';

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /** `vscode.workspace.isTrusted`. When false, nothing the workspace wrote runs as a pattern. Default true. */
  trusted?: boolean;
  /** Client-side commands the server may put in code actions (e.g. SHOW_RULE_DOC_COMMAND). */
  clientCommands?: string[];
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

// ---------------------------------------------------------------------------------------------
// The workspace scan (src/server/workspaceScan.ts): its command, and its state and totals for a
// status item. The server sends the state when it changes (at most every half second while a
// scan runs); the request answers it at any time.

/** Server: scans every file of every workspace folder now, even beyond the size limits. No args. */
export const SCAN_WORKSPACE_COMMAND = 'secureHygiene.scanWorkspace';

/**
 * `idle`: nothing scanned yet; `listing`/`scanning`: a scan runs; `done`; `cancelled` (its results
 * so far stay); `openFiles`: only open files are scanned (the scanScope setting, or a folder over
 * the size limits: `message` says which).
 */
export type WorkspaceScanStatus = 'idle' | 'listing' | 'scanning' | 'done' | 'cancelled' | 'openFiles';

export interface WorkspaceScanFolderState {
  uri: string;
  name: string;
  status: WorkspaceScanStatus;
  /** Files listed for the scan (or counted before it stopped, when over the limit), and their bytes. */
  files: number;
  bytes: number;
  /** Why the folder is scanned for open files only, when it is. */
  message?: string;
}

export interface WorkspaceScanState {
  status: WorkspaceScanStatus;
  /** Files scanned by the current or last scan, of `totalFiles`. */
  scannedFiles: number;
  totalFiles: number;
  /** Findings in the workspace (open files as last scanned, closed files as on disk), by category (`secret`, `path`, `tls`, `policy`). */
  findings: Record<string, number>;
  /** Secrets whose value git has committed: the ones to rotate. */
  committedSecrets: number;
  filesWithFindings: number;
  /** Duration of the last complete scan. */
  elapsedMs?: number;
  /** One line for a status item's tooltip when not every folder is scanned. */
  message?: string;
  folders: WorkspaceScanFolderState[];
}

/** `secureHygiene/workspaceScanState`: the state now. */
export const WorkspaceScanStateRequest = {
  method: 'secureHygiene/workspaceScanState',
  type: new RequestType0<WorkspaceScanState, void>('secureHygiene/workspaceScanState'),
} as const;

/** `secureHygiene/workspaceScanStateChanged`: sent by the server when the state changes. */
export const WorkspaceScanStateNotification = {
  method: 'secureHygiene/workspaceScanStateChanged',
  type: new NotificationType<WorkspaceScanState>('secureHygiene/workspaceScanStateChanged'),
} as const;

// ---------------------------------------------------------------------------------------------
// Command ids and custom requests (vscode-eslint's customMessages.ts style): each is a constant or
// a namespace holding its method and its typed RequestType, so that the client never imports
// src/server/ and both ends agree at compile time.

/**
 * Server: applies a suppression or baseline entry. Args: [SuppressionRequest]. The quick fixes
 * carry it without a reason: the server then asks with window/showMessageRequest (any LSP editor);
 * VS Code's client swaps it for SUPPRESS_WITH_REASON_COMMAND in its code actions (input box).
 */
export const APPLY_SUPPRESSION_COMMAND = 'secureHygiene.fix.applySuppression';
/** Server: shows a fix's follow-up notes (rotate the key, nothing loads .env). Args: [string[]]. */
export const FOLLOW_UP_COMMAND = 'secureHygiene.fix.followUp';
/** Server: untracks a .env (git rm --cached) after a confirmation. Args: [{ uri, confirmed? }]. */
export const UNTRACK_ENV_COMMAND = 'secureHygiene.fix.untrackEnv';
/** Server: moves every secret of a document to .env. Args: [documentUri]. */
export const MOVE_ALL_SERVER_COMMAND = 'secureHygiene.fix.moveAllSecrets';

/** Client: asks for a reason (and an expiry date), then runs APPLY_SUPPRESSION_COMMAND. */
export const SUPPRESS_WITH_REASON_COMMAND = 'secureHygiene.suppressWithReason';
/** Client, in the command palette: "Secure Hygiene: Move all secrets in this file to .env". */
export const MOVE_ALL_COMMAND = 'secureHygiene.moveAllSecretsToEnv';
/**
 * Client: opens a rule's documentation page (shipped in the extension) in a Markdown preview.
 * Args: [ruleId]. The server's "Show documentation" code action uses it only when the client
 * announces it (see SHOW_RULE_DOC_CLIENT_CAPABILITY); other editors get the repository URL.
 */
export const SHOW_RULE_DOC_COMMAND = 'secureHygiene.showRuleDoc';
/** `initializationOptions.clientCommands` entry saying the client handles SHOW_RULE_DOC_COMMAND. */
export const SHOW_RULE_DOC_CLIENT_CAPABILITY = SHOW_RULE_DOC_COMMAND;

export type SuppressionKind = 'line' | 'file' | 'baseline' | 'allowPath';

export interface SuppressionRequest {
  uri: string;
  fingerprint: string;
  ruleId: string;
  kind: SuppressionKind;
  /** Written beside the suppression. Absent: the server asks for one (or writes a default one saying it was not asked). */
  reason?: string;
  /** YYYY-MM-DD, optional, for `line` and `file`. */
  until?: string;
}

/** One in-file suppression comment (`secure-hygiene-ignore...` or a peer tool's marker). */
export interface ListedSuppression {
  kind: 'comment';
  uri: string;
  /** Zero-based line of the comment. */
  line: number;
  /** `secure-hygiene-ignore`, `secure-hygiene-ignore-next-line`, `gitleaks:allow`, ... */
  marker: string;
  rules: string[];
  reason?: string;
  /** YYYY-MM-DD. */
  until?: string;
  /** True when `until` has passed: the comment no longer suppresses anything. */
  expired: boolean;
}

/** One accepted finding of a folder's baseline file (never the value: a fingerprint). */
export interface ListedBaselineEntry {
  kind: 'baseline';
  /** The baseline file itself. */
  baselineUri: string;
  /** The file the finding is in. */
  uri: string;
  ruleId: string;
  fingerprint: string;
  reason?: string;
}

export interface SuppressionListResult {
  suppressions: ListedSuppression[];
  baseline: ListedBaselineEntry[];
}

/** `secureHygiene/listSuppressions`: every suppression comment and baseline entry of the workspace. */
export const ListSuppressionsRequest = {
  method: 'secureHygiene/listSuppressions',
  type: new RequestType0<SuppressionListResult, void>('secureHygiene/listSuppressions'),
} as const;

/**
 * `workspace/executeCommand` `secureHygiene.historyLeaks` (any LSP editor): what each folder's git
 * history holds, read in the background and cached by branch tips. Argument (optional):
 * `{ folder?: uri, notify?: true }`; with `notify` the server also shows a one-message summary.
 */
export const HISTORY_LEAKS_COMMAND = 'secureHygiene.historyLeaks';
/** The VS Code command that shows that list in a quick pick (client side). */
export const SHOW_HISTORY_LEAKS_COMMAND = 'secureHygiene.showHistoryLeaks';

/** One secret a folder's history holds, from the commit that first added it. Never the value. */
export interface HistoryLeakItem {
  ruleId: string;
  /** The value, masked. */
  masked: string;
  commit: string;
  /** Author date, ISO 8601. */
  commitDate: string;
  /** Relative to the workspace folder, and the 1-based line the commit added it at. */
  path: string;
  line: number;
  /** False: removed since, but still in the history, so still leaked. */
  presentAtHead: boolean;
}

export interface HistoryLeaksResult {
  folders: {
    folder: string;
    /** `ready`, `failed`, or `no git`. */
    state: string;
    /** Commits read; `truncated` when only the newest ones were (a very long history). */
    commits: number;
    truncated: boolean;
    leaks: HistoryLeakItem[];
  }[];
}
